-- bookable-server's schema on PostgreSQL (SPEC §12): the tables of ../sqlite, with an exclusion
-- constraint (btree_gist) in place of SQLite's triggers. Times are bigint milliseconds since the
-- Unix epoch (UTC); JSON documents are text.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- A member: the §3 member fields as stored JSON (weekly, overrides, timeOff, busy, calendars,
-- limits), the display name and email apart, the inbox state in columns.
CREATE TABLE members (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    email            TEXT,
    timezone         TEXT NOT NULL,
    config           TEXT NOT NULL,
    capacity_max     BIGINT,
    assigned         BIGINT NOT NULL DEFAULT 0,
    last_assigned_at BIGINT,
    manual_status    TEXT,
    manual_reason    TEXT,
    manual_since     BIGINT,
    last_booked_at   BIGINT,
    booking_count    BIGINT NOT NULL DEFAULT 0,
    feed_key_hash    TEXT UNIQUE,
    updated_at       BIGINT NOT NULL,
    -- §12 guarantee 9: never more conversations than capacity, never below zero
    CHECK (assigned >= 0 AND (capacity_max IS NULL OR assigned <= capacity_max))
);

CREATE TABLE pages (
    id         TEXT PRIMARY KEY,
    config     TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Who a page lists: a member a page lists cannot be deleted (409 conflict).
CREATE TABLE page_members (
    page     TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    member   TEXT NOT NULL REFERENCES members (id) ON DELETE RESTRICT,
    position BIGINT NOT NULL,
    PRIMARY KEY (page, member)
);

CREATE TABLE teams (
    id         TEXT PRIMARY KEY,
    assignment TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE team_members (
    team     TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    member   TEXT NOT NULL REFERENCES members (id) ON DELETE RESTRICT,
    position BIGINT NOT NULL,
    PRIMARY KEY (team, member)
);

CREATE TABLE bookings (
    id                 TEXT PRIMARY KEY,
    page               TEXT NOT NULL,
    title              TEXT NOT NULL,
    start_at           BIGINT NOT NULL,
    end_at             BIGINT NOT NULL,
    buffer_before      BIGINT NOT NULL,
    buffer_after       BIGINT NOT NULL,
    hosts              TEXT NOT NULL,
    names              TEXT NOT NULL,
    attendee           TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
    sequence           BIGINT NOT NULL DEFAULT 0,
    manage_token_hash  TEXT NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    cancelled_at       BIGINT,
    reason             TEXT,
    CHECK (end_at > start_at)
);
CREATE INDEX bookings_page_start ON bookings (page, start_at);
CREATE INDEX bookings_start ON bookings (start_at);

-- One row per host of a booking (active while the booking is confirmed), its interval widened by
-- the booking's own buffers
-- (SPEC §4: the gaps add up, so two bookings of one host may not have overlapping widened
-- intervals). The exclusion constraint makes an overlap impossible where the data lives, across processes.
CREATE TABLE booking_hosts (
    booking  TEXT NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    member   TEXT NOT NULL,
    start_at BIGINT NOT NULL,
    end_at   BIGINT NOT NULL,
    lo       BIGINT NOT NULL,
    hi       BIGINT NOT NULL,
    active   BIGINT NOT NULL CHECK (active IN (0, 1)),
    PRIMARY KEY (booking, member),
    -- a meeting is at most 1440 minutes and each buffer at most 1440 (SPEC §3): at most 3 days
    CHECK (lo <= start_at AND start_at < end_at AND end_at <= hi AND hi - lo <= 259200000),
    CONSTRAINT booking_hosts_no_overlap EXCLUDE USING gist (member WITH =, int8range(lo, hi) WITH &&) WHERE (active = 1)
);
CREATE INDEX booking_hosts_member_time ON booking_hosts (member, lo);

CREATE TABLE tokens (
    id         TEXT PRIMARY KEY,
    hash       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'member')),
    member     TEXT REFERENCES members (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    CHECK ((role = 'member') = (member IS NOT NULL))
);

-- §12 guarantee 3: a key answers the same 201 for 24 hours.
CREATE TABLE idempotency_keys (
    page       TEXT NOT NULL,
    key        TEXT NOT NULL,
    body_hash  TEXT NOT NULL,
    booking    TEXT NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
    response   TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (page, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Bumped by every write: the public page answers are cached until it changes.
CREATE TABLE generation (
    id    BIGINT PRIMARY KEY CHECK (id = 1),
    value BIGINT NOT NULL
);
INSERT INTO generation (id, value) VALUES (1, 0);
