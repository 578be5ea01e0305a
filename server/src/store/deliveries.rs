//! The delivery queue and the webhooks it serves.

use sqlx::{AnyConnection, Row};

use super::Kind;

#[derive(Clone, Debug)]
pub struct WebhookRow {
    pub id: String,
    pub url: String,
    pub secret: String,
    pub events: Vec<String>,
    pub active: bool,
}

fn webhook(r: sqlx::any::AnyRow) -> Result<WebhookRow, sqlx::Error> {
    let events: String = r.try_get("events")?;
    Ok(WebhookRow {
        id: r.try_get("id")?,
        url: r.try_get("url")?,
        secret: r.try_get("secret")?,
        events: serde_json::from_str(&events).unwrap_or_default(),
        active: r.try_get::<i64, _>("active")? == 1,
    })
}

pub async fn webhooks(conn: &mut AnyConnection) -> Result<Vec<WebhookRow>, sqlx::Error> {
    sqlx::query("SELECT id, url, secret, events, active FROM webhooks ORDER BY id")
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(webhook)
        .collect()
}

pub async fn webhook_by_id(
    conn: &mut AnyConnection,
    id: &str,
) -> Result<Option<WebhookRow>, sqlx::Error> {
    sqlx::query("SELECT id, url, secret, events, active FROM webhooks WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?
        .map(webhook)
        .transpose()
}

pub async fn put_webhook(
    conn: &mut AnyConnection,
    w: &WebhookRow,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO webhooks (id, url, secret, events, active, created_at) VALUES ($1, $2, $3, $4, 1, $5) \
         ON CONFLICT (id) DO UPDATE SET url = excluded.url, secret = excluded.secret, \
         events = excluded.events, active = 1",
    )
    .bind(&w.id)
    .bind(&w.url)
    .bind(&w.secret)
    .bind(serde_json::to_string(&w.events).unwrap_or_default())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_webhook(conn: &mut AnyConnection, id: &str) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM webhooks WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?
        .rows_affected()
        > 0)
}

pub async fn end_webhook(conn: &mut AnyConnection, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE webhooks SET active = 0 WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub struct NewDelivery<'a> {
    pub id: &'a str,
    /// `webhook`, `mail` or `calendar`: which sender of `outbox` takes it.
    pub kind: &'a str,
    pub target: &'a str,
    pub event: &'a str,
    pub event_type: &'a str,
    pub booking: &'a str,
    pub payload: &'a str,
    pub now: i64,
    /// When it is due: `now`, or later for a reminder.
    pub next_at: i64,
}

pub async fn enqueue(conn: &mut AnyConnection, d: NewDelivery<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO deliveries (id, kind, target, event, event_type, booking, payload, state, attempts, next_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $9)",
    )
    .bind(d.id)
    .bind(d.kind)
    .bind(d.target)
    .bind(d.event)
    .bind(d.event_type)
    .bind(d.booking)
    .bind(d.payload)
    .bind(d.next_at)
    .bind(d.now)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Clone, Debug)]
pub struct DeliveryRow {
    pub id: String,
    pub kind: String,
    pub target: String,
    pub event: String,
    pub event_type: String,
    pub booking: String,
    pub payload: String,
    pub state: String,
    pub attempts: i64,
    pub next_at: i64,
    pub created_at: i64,
    pub delivered_at: Option<i64>,
    pub last_error: Option<String>,
}

const COLUMNS: &str =
    "id, kind, target, event, event_type, booking, payload, state, attempts, next_at, created_at, delivered_at, last_error";

fn delivery(r: sqlx::any::AnyRow) -> Result<DeliveryRow, sqlx::Error> {
    Ok(DeliveryRow {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        target: r.try_get("target")?,
        event: r.try_get("event")?,
        event_type: r.try_get("event_type")?,
        booking: r.try_get("booking")?,
        payload: r.try_get("payload")?,
        state: r.try_get("state")?,
        attempts: r.try_get("attempts")?,
        next_at: r.try_get("next_at")?,
        created_at: r.try_get("created_at")?,
        delivered_at: r.try_get("delivered_at")?,
        last_error: r.try_get("last_error")?,
    })
}

/// Takes up to `limit` due deliveries for this process until `lease_until`: on PostgreSQL rows
/// another process holds are skipped (`FOR UPDATE SKIP LOCKED`), so one process delivers each.
pub async fn claim(
    conn: &mut AnyConnection,
    kind: Kind,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<DeliveryRow>, sqlx::Error> {
    let skip = if kind == Kind::Postgres {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE deliveries SET locked_until = $2 WHERE id IN (SELECT id FROM deliveries \
         WHERE state = 'pending' AND next_at <= $1 AND (locked_until IS NULL OR locked_until <= $1) \
         ORDER BY next_at LIMIT {limit}{skip}) RETURNING {COLUMNS}"
    );
    sqlx::query(&sql)
        .bind(now)
        .bind(lease_until)
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(delivery)
        .collect()
}

pub async fn delivered(conn: &mut AnyConnection, id: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE deliveries SET state = 'delivered', attempts = attempts + 1, delivered_at = $2, \
         locked_until = NULL, last_error = NULL WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// A failed attempt: again at `next_at`, or given up (`failed`) when `next_at` is `None`.
pub async fn attempt_failed(
    conn: &mut AnyConnection,
    id: &str,
    error: &str,
    next_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    let (state, next) = match next_at {
        Some(t) => ("pending", t),
        None => ("failed", 0),
    };
    sqlx::query(
        "UPDATE deliveries SET state = $2, attempts = attempts + 1, \
         next_at = CASE WHEN $2 = 'pending' THEN $3 ELSE next_at END, locked_until = NULL, last_error = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(state)
    .bind(next)
    .bind(error)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn list(
    conn: &mut AnyConnection,
    state: Option<&str>,
    limit: i64,
) -> Result<Vec<DeliveryRow>, sqlx::Error> {
    let sql = match state {
        Some(_) => format!("SELECT {COLUMNS} FROM deliveries WHERE state = $1 ORDER BY created_at DESC LIMIT {limit}"),
        None => format!("SELECT {COLUMNS} FROM deliveries ORDER BY created_at DESC LIMIT {limit}"),
    };
    let mut q = sqlx::query(&sql);
    if let Some(s) = state {
        q = q.bind(s);
    }
    q.fetch_all(conn).await?.into_iter().map(delivery).collect()
}

/// Replaces a delivery's payload (a sent letter loses its manage link).
pub async fn set_payload(
    conn: &mut AnyConnection,
    id: &str,
    payload: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE deliveries SET payload = $2 WHERE id = $1")
        .bind(id)
        .bind(payload)
        .execute(conn)
        .await?;
    Ok(())
}
