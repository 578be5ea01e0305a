-- The delivery queue carries mail and calendar writes beside webhooks (SPEC §12 guarantees 4–6).
-- SQLite cannot change a CHECK in place: the table is rebuilt with its rows.

CREATE TABLE deliveries_new (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('webhook', 'mail', 'calendar')),
    -- the webhook's id, the mail's recipient address, or the member whose calendar is written
    target       TEXT NOT NULL,
    -- the event's id (Bookable-Event-Id) and type
    event        TEXT NOT NULL,
    event_type   TEXT NOT NULL,
    booking      TEXT NOT NULL,
    payload      TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      INTEGER NOT NULL,
    -- a process that took it holds it until then (one process delivers it)
    locked_until INTEGER,
    created_at   INTEGER NOT NULL,
    delivered_at INTEGER,
    last_error   TEXT
);
INSERT INTO deliveries_new SELECT id, kind, target, event, event_type, booking, payload, state,
    attempts, next_at, locked_until, created_at, delivered_at, last_error FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
CREATE INDEX deliveries_due ON deliveries (state, next_at);
CREATE INDEX deliveries_booking ON deliveries (booking);
