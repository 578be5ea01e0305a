//! Members: the stored §3 fields (JSON), display name and email, inbox state.

use sqlx::{any::AnyRow, AnyConnection, Row};

#[derive(Clone, Debug)]
pub struct MemberRow {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub timezone: String,
    /// The member's §3 fields as JSON text (weekly, overrides, timeOff, busy, calendars, limits).
    pub config: String,
    pub capacity_max: Option<i64>,
    pub assigned: i64,
    pub last_assigned_at: Option<i64>,
    pub manual_status: Option<String>,
    pub manual_reason: Option<String>,
    pub manual_since: Option<i64>,
    pub last_booked_at: Option<i64>,
    pub booking_count: i64,
    pub updated_at: i64,
}

const COLUMNS: &str =
    "id, name, email, timezone, config, capacity_max, assigned, last_assigned_at, \
    manual_status, manual_reason, manual_since, last_booked_at, booking_count, updated_at";

fn row(r: AnyRow) -> Result<MemberRow, sqlx::Error> {
    Ok(MemberRow {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        email: r.try_get("email")?,
        timezone: r.try_get("timezone")?,
        config: r.try_get("config")?,
        capacity_max: r.try_get("capacity_max")?,
        assigned: r.try_get("assigned")?,
        last_assigned_at: r.try_get("last_assigned_at")?,
        manual_status: r.try_get("manual_status")?,
        manual_reason: r.try_get("manual_reason")?,
        manual_since: r.try_get("manual_since")?,
        last_booked_at: r.try_get("last_booked_at")?,
        booking_count: r.try_get("booking_count")?,
        updated_at: r.try_get("updated_at")?,
    })
}

pub async fn get(conn: &mut AnyConnection, id: &str) -> Result<Option<MemberRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM members WHERE id = $1");
    sqlx::query(&sql)
        .bind(id)
        .fetch_optional(conn)
        .await?
        .map(row)
        .transpose()
}

pub async fn all(conn: &mut AnyConnection) -> Result<Vec<MemberRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM members ORDER BY id");
    sqlx::query(&sql)
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(row)
        .collect()
}

/// The members named, in the order of `ids` (missing ones left out).
pub async fn many(conn: &mut AnyConnection, ids: &[String]) -> Result<Vec<MemberRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM members WHERE id IN ({})",
        super::placeholders(1, ids.len())
    );
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(id);
    }
    let mut rows: Vec<MemberRow> = q
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(row)
        .collect::<Result<_, _>>()?;
    rows.sort_by_key(|m| ids.iter().position(|i| *i == m.id));
    Ok(rows)
}

pub struct MemberWrite<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub timezone: &'a str,
    pub config: &'a str,
    pub capacity_max: Option<i64>,
    pub now: i64,
}

/// Creates or replaces a member's own fields; the inbox state and counters stay. Returns
/// whether it was created.
pub async fn put(conn: &mut AnyConnection, m: MemberWrite<'_>) -> Result<bool, sqlx::Error> {
    let existed = get(&mut *conn, m.id).await?.is_some();
    sqlx::query(
        "INSERT INTO members (id, name, email, timezone, config, capacity_max, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, \
         timezone = excluded.timezone, config = excluded.config, \
         capacity_max = excluded.capacity_max, updated_at = excluded.updated_at",
    )
    .bind(m.id)
    .bind(m.name)
    .bind(m.email)
    .bind(m.timezone)
    .bind(m.config)
    .bind(m.capacity_max)
    .bind(m.now)
    .execute(conn)
    .await?;
    Ok(!existed)
}

/// Deletes a member; `Ok(false)` when there was none. A page or team that lists it makes the
/// delete fail with a foreign-key error (checked by the caller first for a clear answer).
pub async fn delete(conn: &mut AnyConnection, id: &str) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM members WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?
        .rows_affected()
        > 0)
}

/// The pages and teams that list a member.
pub async fn listed_by(conn: &mut AnyConnection, id: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT 'page ' || page FROM page_members WHERE member = $1 \
         UNION ALL SELECT 'team ' || team FROM team_members WHERE member = $1",
    )
    .bind(id)
    .fetch_all(conn)
    .await
}

pub async fn set_manual(
    conn: &mut AnyConnection,
    id: &str,
    status: &str,
    reason: Option<&str>,
    since: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE members SET manual_status = $2, manual_reason = $3, manual_since = $4 WHERE id = $1")
        .bind(id)
        .bind(status)
        .bind(reason)
        .bind(since)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_feed_key(
    conn: &mut AnyConnection,
    id: &str,
    hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE members SET feed_key_hash = $2 WHERE id = $1")
        .bind(id)
        .bind(hash)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn by_feed_key(
    conn: &mut AnyConnection,
    hash: &str,
) -> Result<Option<MemberRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM members WHERE feed_key_hash = $1");
    sqlx::query(&sql)
        .bind(hash)
        .fetch_optional(conn)
        .await?
        .map(row)
        .transpose()
}

/// One more conversation for `id`, unless that would pass its capacity (the `CHECK` holds it
/// too). Returns whether it was taken.
pub async fn assign(conn: &mut AnyConnection, id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n = sqlx::query(
        "UPDATE members SET assigned = assigned + 1, last_assigned_at = $2 \
         WHERE id = $1 AND (capacity_max IS NULL OR assigned < capacity_max)",
    )
    .bind(id)
    .bind(now)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

pub async fn release(conn: &mut AnyConnection, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE members SET assigned = assigned - 1 WHERE id = $1 AND assigned > 0")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A confirmed booking more (or, with `delta` −1, less) for each host.
pub async fn count_booking(
    conn: &mut AnyConnection,
    hosts: &[String],
    delta: i64,
    booked_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    for h in hosts {
        sqlx::query(
            "UPDATE members SET booking_count = CASE WHEN booking_count + $2 < 0 THEN 0 ELSE booking_count + $2 END, \
             last_booked_at = COALESCE($3, last_booked_at) WHERE id = $1",
        )
        .bind(h)
        .bind(delta)
        .bind(booked_at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
