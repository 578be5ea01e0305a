-- The delivery queue (SPEC §12 guarantees 4 and 6): everything that leaves the server is a row
-- written in the transaction of the change it tells about, delivered after commit by one process.

CREATE TABLE webhooks (
    id         TEXT PRIMARY KEY,
    url        TEXT NOT NULL,
    -- HMAC key of the signatures: kept to sign, never answered
    secret     TEXT NOT NULL,
    -- JSON list of event types
    events     TEXT NOT NULL,
    active     BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at BIGINT NOT NULL
);

CREATE TABLE deliveries (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('webhook')),
    -- the webhook's id
    target       TEXT NOT NULL,
    -- the event's id (Bookable-Event-Id) and type
    event        TEXT NOT NULL,
    event_type   TEXT NOT NULL,
    booking      TEXT NOT NULL,
    payload      TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts     BIGINT NOT NULL DEFAULT 0,
    next_at      BIGINT NOT NULL,
    -- a process that took it holds it until then (one process delivers it)
    locked_until BIGINT,
    created_at   BIGINT NOT NULL,
    delivered_at BIGINT,
    last_error   TEXT
);
CREATE INDEX deliveries_due ON deliveries (state, next_at);
