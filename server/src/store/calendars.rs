//! Fetched calendars: the copies of members' `icsUrl` and `caldav` sources, and the events
//! written into members' CalDAV calendars (href and ETag per booking and member).

use sqlx::{AnyConnection, Row};

#[derive(Clone, Debug)]
pub struct CopyRow {
    pub member: String,
    pub source: String,
    pub body: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub fetched_at: Option<i64>,
    pub error: Option<String>,
    pub error_at: Option<i64>,
    pub window_from: Option<i64>,
}

const COLUMNS: &str =
    "member, source, body, etag, last_modified, fetched_at, error, error_at, window_from";

fn copy(r: sqlx::any::AnyRow) -> Result<CopyRow, sqlx::Error> {
    Ok(CopyRow {
        member: r.try_get("member")?,
        source: r.try_get("source")?,
        body: r.try_get("body")?,
        etag: r.try_get("etag")?,
        last_modified: r.try_get("last_modified")?,
        fetched_at: r.try_get("fetched_at")?,
        error: r.try_get("error")?,
        error_at: r.try_get("error_at")?,
        window_from: r.try_get("window_from")?,
    })
}

/// The copies of the members named.
pub async fn of_members(
    conn: &mut AnyConnection,
    members: &[String],
) -> Result<Vec<CopyRow>, sqlx::Error> {
    if members.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM calendar_copies WHERE member IN ({})",
        super::placeholders(1, members.len())
    );
    let mut q = sqlx::query(&sql);
    for m in members {
        q = q.bind(m);
    }
    q.fetch_all(conn).await?.into_iter().map(copy).collect()
}

pub async fn get(
    conn: &mut AnyConnection,
    member: &str,
    source: &str,
) -> Result<Option<CopyRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM calendar_copies WHERE member = $1 AND source = $2");
    sqlx::query(&sql)
        .bind(member)
        .bind(source)
        .fetch_optional(conn)
        .await?
        .map(copy)
        .transpose()
}

/// A member's sources are now `sources`: rows of new ones are made, rows of the ones gone are
/// deleted, and all are due now (the member's zone or a source's `allDay`/`tentative` may have
/// changed how its text reads; the last good copy serves meanwhile). Returns whether there are
/// any to read.
pub async fn sync(
    conn: &mut AnyConnection,
    member: &str,
    sources: &[String],
    now: i64,
) -> Result<bool, sqlx::Error> {
    for s in sources {
        sqlx::query(
            "INSERT INTO calendar_copies (member, source, next_at) VALUES ($1, $2, $3) \
             ON CONFLICT (member, source) DO NOTHING",
        )
        .bind(member)
        .bind(s)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    // Read whole: a 304 would keep busy time read the old way.
    sqlx::query(
        "UPDATE calendar_copies SET next_at = $2, etag = NULL, last_modified = NULL \
         WHERE member = $1",
    )
    .bind(member)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let sql = if sources.is_empty() {
        "DELETE FROM calendar_copies WHERE member = $1".to_string()
    } else {
        format!(
            "DELETE FROM calendar_copies WHERE member = $1 AND source NOT IN ({})",
            super::placeholders(2, sources.len())
        )
    };
    let mut q = sqlx::query(&sql).bind(member);
    for s in sources {
        q = q.bind(s);
    }
    q.execute(conn).await?;
    Ok(!sources.is_empty())
}

/// The sources due for a fetch (no lease held on them).
pub async fn due(
    conn: &mut AnyConnection,
    now: i64,
    limit: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query(
        "SELECT member, source FROM calendar_copies WHERE next_at <= $1 \
         AND (locked_until IS NULL OR locked_until < $1) ORDER BY next_at LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| Ok((r.try_get("member")?, r.try_get("source")?)))
    .collect()
}

/// Takes one due source for `until` (a conditional update: one process wins it).
pub async fn claim(
    conn: &mut AnyConnection,
    member: &str,
    source: &str,
    now: i64,
    until: i64,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE calendar_copies SET locked_until = $4 WHERE member = $1 AND source = $2 \
         AND next_at <= $3 AND (locked_until IS NULL OR locked_until < $3)",
    )
    .bind(member)
    .bind(source)
    .bind(now)
    .bind(until)
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// A new good copy.
pub struct Fetched<'a> {
    pub body: &'a str,
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
    /// Where the busy time kept starts.
    pub window_from: i64,
    pub now: i64,
    pub next_at: i64,
}

pub async fn store_copy(
    conn: &mut AnyConnection,
    member: &str,
    source: &str,
    f: Fetched<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE calendar_copies SET body = $3, etag = $4, last_modified = $5, fetched_at = $6, \
         error = NULL, error_at = NULL, next_at = $7, locked_until = NULL, window_from = $8 \
         WHERE member = $1 AND source = $2",
    )
    .bind(member)
    .bind(source)
    .bind(f.body)
    .bind(f.etag)
    .bind(f.last_modified)
    .bind(f.now)
    .bind(f.next_at)
    .bind(f.window_from)
    .execute(conn)
    .await?;
    Ok(())
}

/// The copy is still current (a 304, or the same busy time again, read over `window_from`).
pub async fn still_current(
    conn: &mut AnyConnection,
    member: &str,
    source: &str,
    now: i64,
    next_at: i64,
    window_from: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE calendar_copies SET fetched_at = $3, error = NULL, error_at = NULL, \
         next_at = $4, locked_until = NULL, window_from = COALESCE($5, window_from) \
         WHERE member = $1 AND source = $2",
    )
    .bind(member)
    .bind(source)
    .bind(now)
    .bind(next_at)
    .bind(window_from)
    .execute(conn)
    .await?;
    Ok(())
}

/// A failed fetch: the last good copy stays.
pub async fn failed(
    conn: &mut AnyConnection,
    member: &str,
    source: &str,
    error: &str,
    now: i64,
    next_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE calendar_copies SET error = $3, error_at = $4, next_at = $5, locked_until = NULL \
         WHERE member = $1 AND source = $2",
    )
    .bind(member)
    .bind(source)
    .bind(error)
    .bind(now)
    .bind(next_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Which of `ids` are bookings of this server (events written by it are not busy time again).
pub async fn known_bookings(
    conn: &mut AnyConnection,
    ids: &[String],
) -> Result<Vec<String>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id FROM bookings WHERE id IN ({})",
        super::placeholders(1, ids.len())
    );
    let mut q = sqlx::query_scalar(&sql);
    for id in ids {
        q = q.bind(id);
    }
    q.fetch_all(conn).await
}

/// Where a booking's event is in a member's calendar: `(href, etag)`.
pub async fn written(
    conn: &mut AnyConnection,
    booking: &str,
    member: &str,
) -> Result<Option<(String, Option<String>)>, sqlx::Error> {
    sqlx::query("SELECT href, etag FROM calendar_writes WHERE booking = $1 AND member = $2")
        .bind(booking)
        .bind(member)
        .fetch_optional(conn)
        .await?
        .map(|r| Ok((r.try_get("href")?, r.try_get("etag")?)))
        .transpose()
}

pub async fn set_written(
    conn: &mut AnyConnection,
    booking: &str,
    member: &str,
    href: &str,
    etag: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO calendar_writes (booking, member, href, etag, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (booking, member) DO UPDATE SET href = excluded.href, etag = excluded.etag, \
         updated_at = excluded.updated_at",
    )
    .bind(booking)
    .bind(member)
    .bind(href)
    .bind(etag)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn forget_written(
    conn: &mut AnyConnection,
    booking: &str,
    member: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM calendar_writes WHERE booking = $1 AND member = $2")
        .bind(booking)
        .bind(member)
        .execute(conn)
        .await?;
    Ok(())
}
