//! Webhook subscriptions and the delivery queue's record.

use std::sync::Arc;

use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    Json,
};
use serde::Deserialize;
use serde_json::{json, Value};

use super::Answer;
use crate::http::extract::AdminBody;
use crate::{
    auth::Caller,
    error::{ApiError, ApiResult},
    service::{body, webhooks, App},
    store::{self, lock_key},
    time::now_ms,
};

pub(super) async fn list_webhooks(State(app): State<Arc<App>>, caller: Caller) -> Answer {
    caller.require_lead()?;
    let mut conn = app.db.pool().acquire().await?;
    let list = store::deliveries::webhooks(&mut conn).await?;
    Ok(Json(
        json!({ "webhooks": list.iter().map(webhooks::view).collect::<Vec<_>>() }),
    ))
}

pub(super) async fn put_webhook(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    text: AdminBody,
) -> Answer {
    caller.require_owner()?;
    body::id(&id, "webhook")?;
    let hook = webhooks::read(&id, &text.0)?;
    let mut w = app.db.write(vec![lock_key("webhook", &id)]).await?;
    store::deliveries::put_webhook(&mut w.tx, &hook, now_ms()).await?;
    w.commit().await?;
    Ok(Json(json!({ "webhook": webhooks::view(&hook) })))
}

pub(super) async fn delete_webhook(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    caller.require_owner()?;
    let mut w = app.db.write(vec![lock_key("webhook", &id)]).await?;
    if !store::deliveries::delete_webhook(&mut w.tx, &id).await? {
        return Err(ApiError::not_found("webhook"));
    }
    w.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub(super) struct DeliveryQuery {
    state: Option<String>,
}

/// What left the server or did not, and why: `?state=failed` lists what did not go out.
pub(super) async fn list_deliveries(
    State(app): State<Arc<App>>,
    caller: Caller,
    Query(q): Query<DeliveryQuery>,
) -> Answer {
    caller.require_lead()?;
    if let Some(s) = &q.state {
        if !["pending", "delivered", "failed"].contains(&s.as_str()) {
            return Err(ApiError::invalid(
                "state",
                "`state` is \"pending\", \"delivered\" or \"failed\"",
            ));
        }
    }
    let mut conn = app.db.pool().acquire().await?;
    let rows = store::deliveries::list(&mut conn, q.state.as_deref(), 500).await?;
    let list: Vec<Value> = rows
        .iter()
        .map(|d| {
            // a mail's target is its recipient; a webhook's, the subscription
            let to = if d.kind == "webhook" { "webhook" } else { "to" };
            json!({
                "id": d.id, "kind": d.kind, to: d.target, "event": d.event, "type": d.event_type,
                "booking": d.booking, "state": d.state, "attempts": d.attempts,
                "createdAt": crate::time::iso(d.created_at), "nextAt": crate::time::iso(d.next_at),
                "deliveredAt": d.delivered_at.map(crate::time::iso), "error": d.last_error,
            })
        })
        .collect();
    Ok(Json(json!({ "deliveries": list })))
}
