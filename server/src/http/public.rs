//! The public API (no token): page answers, bookings with their manage token, a member's
//! private feed by its secret address.

use std::{net::SocketAddr, sync::Arc};

use axum::{
    extract::{ConnectInfo, Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use serde::Deserialize;
use serde_json::{json, Value};

use super::extract::{idempotency_key, PublicBody};
use crate::{
    error::{ApiError, ApiResult},
    feed,
    service::{
        bookings::{self, Actor},
        pages, App,
    },
    time::now_ms,
};

pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/api/pages", get(list_pages))
        .route("/api/pages/{page}", get(page))
        .route("/api/pages/{page}/bookings", post(book))
        .route("/api/bookings/{id}", get(booking))
        .route("/api/bookings/{id}/page", get(booking_page))
        .route("/api/bookings/{id}/cancel", post(cancel))
        .route("/api/bookings/{id}/reschedule", post(reschedule))
        .route("/feeds/{file}", get(member_feed))
}

fn json_text(status: StatusCode, text: String, cache: &'static str) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, cache),
        ],
        text,
    )
        .into_response()
}

/// The public pages: `{pages: [{id, title, url}]}`.
async fn list_pages(State(app): State<Arc<App>>) -> ApiResult<Json<Value>> {
    let mut conn = app.db.pool().acquire().await?;
    let rows = crate::store::pages::all(&mut conn).await?;
    let list: Vec<Value> = rows
        .iter()
        .filter_map(|r| pages::PageConfig::from_row(r).ok().map(|c| (r, c)))
        .map(|(r, c)| json!({ "id": r.id, "title": c.title, "url": format!("/p/{}", r.id) }))
        .collect();
    Ok(Json(json!({ "pages": list })))
}

#[derive(Deserialize)]
struct PageQuery {
    from: Option<String>,
}

async fn page(
    State(app): State<Arc<App>>,
    Path(page): Path<String>,
    Query(q): Query<PageQuery>,
) -> ApiResult<Response> {
    let text = pages::public_answer(&app, &page, q.from.as_deref(), now_ms()).await?;
    Ok(json_text(
        StatusCode::OK,
        text.as_str().to_string(),
        "no-cache",
    ))
}

async fn book(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(page): Path<String>,
    headers: HeaderMap,
    body: PublicBody,
) -> ApiResult<Response> {
    if let Some(limiter) = &app.booking_limiter {
        if let Err(not_until) = limiter.check_key(&peer.ip()) {
            let wait = not_until.wait_time_from(governor::clock::Clock::now(
                &governor::clock::DefaultClock::default(),
            ));
            let mut e = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "",
                "too many bookings from this address; try again later",
            );
            e.retry_after = Some(wait.as_secs().max(1));
            return Err(e);
        }
    }
    let key = idempotency_key(&headers)?;
    let text = bookings::create(&app, &page, &body.0, key.as_deref(), now_ms()).await?;
    Ok(json_text(StatusCode::CREATED, text, "no-store"))
}

fn manage_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

async fn booking(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Json<Value>> {
    let b = bookings::by_manage_token(&app, &id, manage_token(&headers).as_deref()).await?;
    let policy = bookings::visitor_policy(&app, &b.page).await?;
    Ok(Json(
        json!({ "booking": bookings::view(&b), "policy": policy }),
    ))
}

/// The booking's page as its visitor may move it: the page's public answer without this booking
/// (a new time may overlap the old one, as `reschedule` allows). Needs the manage token.
async fn booking_page(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let b = bookings::by_manage_token(&app, &id, manage_token(&headers).as_deref()).await?;
    let text = pages::answer_without(&app, &b.page, &b.id, now_ms()).await?;
    Ok(json_text(
        StatusCode::OK,
        text.as_str().to_string(),
        "private, no-store",
    ))
}

async fn cancel(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: PublicBody,
) -> ApiResult<Json<Value>> {
    bookings::by_manage_token(&app, &id, manage_token(&headers).as_deref()).await?;
    let reason = bookings::read_reason(&body.0)?;
    Ok(Json(
        bookings::cancel(&app, &id, reason, Actor::Visitor, now_ms()).await?,
    ))
}

async fn reschedule(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: PublicBody,
) -> ApiResult<Json<Value>> {
    bookings::by_manage_token(&app, &id, manage_token(&headers).as_deref()).await?;
    let start = bookings::read_new_start(&body.0)?;
    Ok(Json(
        bookings::reschedule(&app, &id, start, Actor::Visitor, now_ms()).await?,
    ))
}

async fn member_feed(State(app): State<Arc<App>>, Path(file): Path<String>) -> ApiResult<Response> {
    let key = file
        .strip_suffix(".ics")
        .ok_or_else(|| ApiError::not_found("feed"))?;
    let text = feed::member_feed(&app, key, now_ms()).await?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, no-cache"),
        ],
        text,
    )
        .into_response())
}
