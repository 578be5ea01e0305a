-- Fetched calendars (SPEC §12: icsUrl and caldav sources). Every process and a restart reads the
-- last good copy from here; a refresher takes a due row with a lease (locked_until), so with
-- several processes one of them fetches each source.

CREATE TABLE calendar_copies (
    member        TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    -- the source's key: a hash of its kind, URL and user name (service/calendars.rs)
    source        TEXT NOT NULL,
    -- the last good copy: its busy time as the engine reads it, a JSON list of {start, end}
    -- from window_from to 730 days ahead; NULL while the source has never been read
    body          TEXT,
    window_from   INTEGER,
    etag          TEXT,
    last_modified TEXT,
    -- when the copy was last known to be current (a 200 or a 304)
    fetched_at    INTEGER,
    -- the last failure, cleared by the next success
    error         TEXT,
    error_at      INTEGER,
    next_at       INTEGER NOT NULL,
    locked_until  INTEGER,
    PRIMARY KEY (member, source)
);
CREATE INDEX calendar_copies_due ON calendar_copies (next_at);

-- The events written into members' CalDAV calendars: one per booking and member.
CREATE TABLE calendar_writes (
    booking    TEXT NOT NULL,
    member     TEXT NOT NULL,
    href       TEXT NOT NULL,
    etag       TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (booking, member)
);
