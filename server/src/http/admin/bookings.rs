//! Bookings as the team sees them: listed, read, cancelled and moved without notice windows.

use std::sync::Arc;

use axum::{
    extract::{Path, Query, State},
    Json,
};
use serde::Deserialize;
use serde_json::json;

use super::Answer;
use crate::http::extract::AdminBody;
use crate::{
    auth::Caller,
    error::{ApiError, ApiResult},
    service::{
        bookings::{self, Actor},
        App,
    },
    store::{self},
    time::{now_ms, parse_instant, DAY},
};

#[derive(Deserialize)]
pub(super) struct BookingQuery {
    page: Option<String>,
    member: Option<String>,
    from: Option<String>,
    to: Option<String>,
    status: Option<String>,
    limit: Option<i64>,
}

pub(super) async fn list_bookings(
    State(app): State<Arc<App>>,
    caller: Caller,
    Query(q): Query<BookingQuery>,
) -> Answer {
    let member = match &caller {
        Caller::Member(m) => {
            if q.member.as_ref().is_some_and(|x| x != m) {
                return Err(ApiError::forbidden());
            }
            Some(m.clone())
        }
        _ => q.member.clone(),
    };
    let now = now_ms();
    let from = q
        .from
        .as_deref()
        .map(|s| parse_instant(s, "from"))
        .transpose()?
        .unwrap_or(now - 30 * DAY);
    let to =
        q.to.as_deref()
            .map(|s| parse_instant(s, "to"))
            .transpose()?
            .unwrap_or(from + 400 * DAY);
    if let Some(s) = &q.status {
        if s != "confirmed" && s != "cancelled" {
            return Err(ApiError::invalid(
                "status",
                "`status` is \"confirmed\" or \"cancelled\"",
            ));
        }
    }
    let limit = q.limit.unwrap_or(500);
    if !(1..=5000).contains(&limit) {
        return Err(ApiError::invalid("limit", "from 1 to 5000"));
    }
    let filter = store::bookings::Filter {
        page: q.page.as_deref(),
        member: member.as_deref(),
        from,
        to,
        status: q.status.as_deref(),
        limit,
    };
    let mut conn = app.db.pool().acquire().await?;
    let mut rows = store::bookings::list(&mut conn, &filter).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let mut answer = json!({ "bookings": rows.iter().map(bookings::view).collect::<Vec<_>>() });
    if more {
        // Not a silent cut: the next page starts at the last start shown.
        answer["more"] = json!(true);
    }
    Ok(Json(answer))
}

/// The booking, if the caller may see it (a member: its own bookings only).
pub(super) async fn visible_booking(
    app: &App,
    caller: &Caller,
    id: &str,
) -> ApiResult<store::BookingRow> {
    let mut conn = app.db.pool().acquire().await?;
    let b = store::bookings::get(&mut conn, id)
        .await?
        .ok_or_else(|| ApiError::not_found("booking"))?;
    match caller {
        Caller::Member(m) if !b.hosts.contains(m) => Err(ApiError::not_found("booking")),
        _ => Ok(b),
    }
}

pub(super) async fn get_booking(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Answer {
    let b = visible_booking(&app, &caller, &id).await?;
    Ok(Json(json!({ "booking": bookings::view(&b) })))
}

pub(super) async fn cancel_booking(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    text: AdminBody,
) -> Answer {
    visible_booking(&app, &caller, &id).await?;
    let reason = bookings::read_reason(&text.0)?;
    Ok(Json(
        bookings::cancel(&app, &id, reason, Actor::Team, now_ms()).await?,
    ))
}

pub(super) async fn reschedule_booking(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    text: AdminBody,
) -> Answer {
    visible_booking(&app, &caller, &id).await?;
    let start = bookings::read_new_start(&text.0)?;
    Ok(Json(
        bookings::reschedule(&app, &id, start, Actor::Team, now_ms()).await?,
    ))
}
