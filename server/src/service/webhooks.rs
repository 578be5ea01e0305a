//! Webhooks (SPEC §12 guarantee 6): subscriptions, and the events a booking's change queues in
//! its own transaction for the delivery queue (`outbox`).

use serde_json::{json, Value};

use super::body;
use crate::{
    error::{ApiError, ApiResult},
    secret,
    store::{self, deliveries::WebhookRow, BookingRow},
    time::iso,
};

pub const EVENTS: [&str; 3] = [
    "booking.created",
    "booking.rescheduled",
    "booking.cancelled",
];

/// `PUT /webhooks/{id}` body: `{url, secret, events?}`.
pub fn read(id: &str, text: &str) -> ApiResult<WebhookRow> {
    let value = body::parse(text)?;
    let map = body::object(&value, "", &["url", "secret", "events"])?;
    let url = body::text(map.get("url"), "url", true, 2000, false)?.unwrap_or_default();
    if !(url.starts_with("http://") || url.starts_with("https://"))
        || url.parse::<reqwest::Url>().is_err()
    {
        return Err(ApiError::invalid(
            "url",
            "expected an http:// or https:// URL",
        ));
    }
    let secret = body::text(map.get("secret"), "secret", true, 500, false)?.unwrap_or_default();
    if secret.len() < 16 {
        return Err(ApiError::invalid(
            "secret",
            "use at least 16 characters (better: 32 random bytes)",
        ));
    }
    let events = match map.get("events") {
        None | Some(Value::Null) => EVENTS.iter().map(|e| e.to_string()).collect(),
        Some(Value::Array(list)) if !list.is_empty() => {
            let mut out: Vec<String> = Vec::new();
            for (i, e) in list.iter().enumerate() {
                match e.as_str() {
                    Some(s) if EVENTS.contains(&s) && !out.iter().any(|x| x == s) => {
                        out.push(s.to_string())
                    }
                    _ => {
                        return Err(ApiError::invalid(
                            format!("events[{i}]"),
                            format!("one of {}, once", EVENTS.join(", ")),
                        ))
                    }
                }
            }
            out
        }
        Some(_) => {
            return Err(ApiError::invalid(
                "events",
                "expected a list of event types",
            ))
        }
    };
    Ok(WebhookRow {
        id: id.to_string(),
        url,
        secret,
        events,
        active: true,
    })
}

/// A webhook as answered: never its secret.
pub fn view(w: &WebhookRow) -> Value {
    json!({ "id": w.id, "url": w.url, "events": w.events, "active": w.active })
}

/// Queues `event_type` about `booking` (`view`: the booking as answered) for every active
/// webhook that wants it, in the caller's transaction. Returns how many were queued.
pub async fn enqueue(
    conn: &mut sqlx::AnyConnection,
    event_type: &str,
    booking: &BookingRow,
    mut view: Value,
    now: i64,
) -> ApiResult<usize> {
    let hooks = store::deliveries::webhooks(&mut *conn).await?;
    if let Some(a) = view.get_mut("attendee").and_then(Value::as_object_mut) {
        a.remove("notes");
    }
    let event = secret::new_id();
    let payload =
        json!({ "id": event, "type": event_type, "createdAt": iso(now), "booking": view })
            .to_string();
    let mut n = 0;
    for hook in hooks
        .iter()
        .filter(|h| h.active && h.events.iter().any(|e| e == event_type))
    {
        let id = secret::new_id();
        store::deliveries::enqueue(
            &mut *conn,
            store::deliveries::NewDelivery {
                id: &id,
                kind: "webhook",
                target: &hook.id,
                event: &event,
                event_type,
                booking: &booking.id,
                payload: &payload,
                now,
                next_at: now,
            },
        )
        .await?;
        n += 1;
    }
    Ok(n)
}
