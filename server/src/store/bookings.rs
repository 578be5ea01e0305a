//! Bookings, their hosts' widened intervals, and idempotency keys.

use sqlx::{any::AnyRow, AnyConnection, Row};

use super::placeholders;
use crate::time::DAY;

#[derive(Clone, Debug)]
pub struct BookingRow {
    pub id: String,
    pub page: String,
    pub title: String,
    pub start_at: i64,
    pub end_at: i64,
    pub buffer_before: i64,
    pub buffer_after: i64,
    pub hosts: Vec<String>,
    pub names: Vec<String>,
    /// `{name, email, timezone?, notes?}`
    pub attendee: serde_json::Value,
    pub status: String,
    pub sequence: i64,
    pub manage_token_hash: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub cancelled_at: Option<i64>,
    pub reason: Option<String>,
}

const COLUMNS: &str =
    "id, page, title, start_at, end_at, buffer_before, buffer_after, hosts, names, \
    attendee, status, sequence, manage_token_hash, created_at, updated_at, cancelled_at, reason";

fn row(r: AnyRow) -> Result<BookingRow, sqlx::Error> {
    let json = |col: &str| -> Result<serde_json::Value, sqlx::Error> {
        let text: String = r.try_get(col)?;
        serde_json::from_str(&text).map_err(|e| sqlx::Error::Decode(Box::new(e)))
    };
    let strings = |v: serde_json::Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    Ok(BookingRow {
        id: r.try_get("id")?,
        page: r.try_get("page")?,
        title: r.try_get("title")?,
        start_at: r.try_get("start_at")?,
        end_at: r.try_get("end_at")?,
        buffer_before: r.try_get("buffer_before")?,
        buffer_after: r.try_get("buffer_after")?,
        hosts: strings(json("hosts")?),
        names: strings(json("names")?),
        attendee: json("attendee")?,
        status: r.try_get("status")?,
        sequence: r.try_get("sequence")?,
        manage_token_hash: r.try_get("manage_token_hash")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        cancelled_at: r.try_get("cancelled_at")?,
        reason: r.try_get("reason")?,
    })
}

/// A host's active booking as the engine needs it: the meeting and its own buffers.
#[derive(Clone, Debug)]
pub struct HostBooking {
    /// The booking's id.
    pub booking: String,
    pub member: String,
    pub page: String,
    pub start_at: i64,
    pub end_at: i64,
    pub lo: i64,
    pub hi: i64,
}

/// The active bookings of `members` whose widened interval reaches `[from, to)`. The index on
/// `(member, lo)` is read only from `from − 3 days` (no widened booking is longer): the cost
/// follows the window, never the history.
pub async fn of_members(
    conn: &mut AnyConnection,
    members: &[String],
    from: i64,
    to: i64,
) -> Result<Vec<HostBooking>, sqlx::Error> {
    if members.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT h.booking, h.member, b.page, h.start_at, h.end_at, h.lo, h.hi \
         FROM booking_hosts h JOIN bookings b ON b.id = h.booking \
         WHERE h.active = 1 AND h.lo >= $1 AND h.lo < $2 AND h.hi > $3 AND h.member IN ({}) \
         ORDER BY h.lo",
        placeholders(4, members.len())
    );
    let mut q = sqlx::query(&sql).bind(from - 3 * DAY).bind(to).bind(from);
    for m in members {
        q = q.bind(m);
    }
    q.fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| {
            Ok(HostBooking {
                booking: r.try_get("booking")?,
                member: r.try_get("member")?,
                page: r.try_get("page")?,
                start_at: r.try_get("start_at")?,
                end_at: r.try_get("end_at")?,
                lo: r.try_get("lo")?,
                hi: r.try_get("hi")?,
            })
        })
        .collect()
}

pub async fn get(conn: &mut AnyConnection, id: &str) -> Result<Option<BookingRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM bookings WHERE id = $1");
    sqlx::query(&sql)
        .bind(id)
        .fetch_optional(conn)
        .await?
        .map(row)
        .transpose()
}

pub struct Filter<'a> {
    pub page: Option<&'a str>,
    pub member: Option<&'a str>,
    pub from: i64,
    pub to: i64,
    pub status: Option<&'a str>,
    pub limit: i64,
}

/// Bookings starting in `[from, to)` by start (at most `limit` + 1, so the caller can say more).
pub async fn list(
    conn: &mut AnyConnection,
    f: &Filter<'_>,
) -> Result<Vec<BookingRow>, sqlx::Error> {
    let mut sql =
        format!("SELECT {COLUMNS} FROM bookings b WHERE b.start_at >= $1 AND b.start_at < $2");
    let mut n = 2;
    let mut binds: Vec<&str> = Vec::new();
    if let Some(p) = f.page {
        n += 1;
        sql.push_str(&format!(" AND b.page = ${n}"));
        binds.push(p);
    }
    if let Some(s) = f.status {
        n += 1;
        sql.push_str(&format!(" AND b.status = ${n}"));
        binds.push(s);
    }
    if let Some(m) = f.member {
        n += 1;
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM booking_hosts h WHERE h.booking = b.id AND h.member = ${n})"
        ));
        binds.push(m);
    }
    sql.push_str(&format!(" ORDER BY b.start_at, b.id LIMIT {}", f.limit + 1));
    let mut q = sqlx::query(&sql).bind(f.from).bind(f.to);
    for b in binds {
        q = q.bind(b);
    }
    q.fetch_all(conn).await?.into_iter().map(row).collect()
}

/// Writes a new booking and its hosts' rows (the overlap guard runs here).
pub async fn insert(conn: &mut AnyConnection, r: &BookingRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO bookings (id, page, title, start_at, end_at, buffer_before, buffer_after, hosts, \
         names, attendee, status, sequence, manage_token_hash, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(&r.id)
    .bind(&r.page)
    .bind(&r.title)
    .bind(r.start_at)
    .bind(r.end_at)
    .bind(r.buffer_before)
    .bind(r.buffer_after)
    .bind(serde_json::to_string(&r.hosts).unwrap_or_default())
    .bind(serde_json::to_string(&r.names).unwrap_or_default())
    .bind(r.attendee.to_string())
    .bind(&r.status)
    .bind(r.sequence)
    .bind(&r.manage_token_hash)
    .bind(r.created_at)
    .bind(r.updated_at)
    .execute(&mut *conn)
    .await?;
    insert_hosts(conn, r).await
}

async fn insert_hosts(conn: &mut AnyConnection, r: &BookingRow) -> Result<(), sqlx::Error> {
    let (lo, hi) = (
        r.start_at - r.buffer_before * 60_000,
        r.end_at + r.buffer_after * 60_000,
    );
    for h in &r.hosts {
        sqlx::query(
            "INSERT INTO booking_hosts (booking, member, start_at, end_at, lo, hi, active) \
             VALUES ($1, $2, $3, $4, $5, $6, 1)",
        )
        .bind(&r.id)
        .bind(h)
        .bind(r.start_at)
        .bind(r.end_at)
        .bind(lo)
        .bind(hi)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Frees a booking's time (its hosts' rows stay for listing, inactive).
pub async fn deactivate_hosts(conn: &mut AnyConnection, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE booking_hosts SET active = 0 WHERE booking = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn cancel(
    conn: &mut AnyConnection,
    id: &str,
    reason: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    deactivate_hosts(&mut *conn, id).await?;
    sqlx::query(
        "UPDATE bookings SET status = 'cancelled', sequence = sequence + 1, cancelled_at = $2, \
         updated_at = $2, reason = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves a booking (already deactivated) to its new time and hosts, one more sequence.
pub async fn reschedule(conn: &mut AnyConnection, r: &BookingRow) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM booking_hosts WHERE booking = $1")
        .bind(&r.id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE bookings SET start_at = $2, end_at = $3, hosts = $4, names = $5, sequence = $6, \
         updated_at = $7, buffer_before = $8, buffer_after = $9 WHERE id = $1",
    )
    .bind(&r.id)
    .bind(r.start_at)
    .bind(r.end_at)
    .bind(serde_json::to_string(&r.hosts).unwrap_or_default())
    .bind(serde_json::to_string(&r.names).unwrap_or_default())
    .bind(r.sequence)
    .bind(r.updated_at)
    .bind(r.buffer_before)
    .bind(r.buffer_after)
    .execute(&mut *conn)
    .await?;
    insert_hosts(conn, r).await
}

/// The member's active bookings ending after `from` (its feed), at most `limit`.
pub async fn feed(
    conn: &mut AnyConnection,
    member: &str,
    from: i64,
    limit: i64,
) -> Result<Vec<BookingRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {} FROM bookings b WHERE b.id IN (SELECT h.booking FROM booking_hosts h \
         WHERE h.member = $1 AND h.active = 1 AND h.lo >= $2) ORDER BY b.start_at LIMIT {limit}",
        COLUMNS
            .split(", ")
            .map(|c| format!("b.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    sqlx::query(&sql)
        .bind(member)
        .bind(from - 3 * DAY)
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(row)
        .collect()
}

/// A key's stored answer: `(body hash, response)`, if used within 24 hours.
pub async fn idempotent(
    conn: &mut AnyConnection,
    page: &str,
    key: &str,
    since: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let r = sqlx::query("SELECT body_hash, response FROM idempotency_keys WHERE page = $1 AND key = $2 AND created_at >= $3")
        .bind(page)
        .bind(key)
        .bind(since)
        .fetch_optional(conn)
        .await?;
    r.map(|r| Ok((r.try_get("body_hash")?, r.try_get("response")?)))
        .transpose()
}

pub async fn remember(
    conn: &mut AnyConnection,
    page: &str,
    key: &str,
    body_hash: &str,
    booking: &str,
    response: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    // A key older than 24 hours may be used again.
    sqlx::query("DELETE FROM idempotency_keys WHERE page = $1 AND key = $2")
        .bind(page)
        .bind(key)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO idempotency_keys (page, key, body_hash, booking, response, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(page)
    .bind(key)
    .bind(body_hash)
    .bind(booking)
    .bind(response)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
