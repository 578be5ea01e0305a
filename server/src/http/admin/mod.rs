//! The owner API (`/api/admin/`, SPEC §12): members, pages, teams, bookings, tokens. Each
//! handler says who may call it; bodies are read by the services with the engine's rules.

mod bookings;
mod members;
mod pages;
mod tokens;
mod webhooks;

use std::sync::Arc;

use axum::{
    routing::{get, post},
    Json, Router,
};
use serde_json::Value;

use crate::{
    auth::Caller,
    error::{ApiError, ApiResult},
    service::App,
    store,
};

pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/session", get(session))
        .route("/members", get(members::list_members))
        .route(
            "/members/{id}",
            get(members::get_member)
                .put(members::put_member)
                .delete(members::delete_member),
        )
        .route(
            "/members/{id}/status",
            get(members::get_status).put(members::put_status),
        )
        .route("/members/{id}/feed-key", post(members::new_feed_key))
        .route("/members/{id}/release", post(members::release))
        .route("/pages", get(pages::list_pages))
        .route(
            "/pages/{page}",
            get(pages::get_page)
                .put(pages::put_page)
                .delete(pages::delete_page),
        )
        .route("/teams", get(pages::list_teams))
        .route(
            "/teams/{team}",
            get(pages::get_team)
                .put(pages::put_team)
                .delete(pages::delete_team),
        )
        .route("/teams/{team}/status", get(pages::team_status))
        .route("/teams/{team}/assign", post(pages::assign))
        .route("/bookings", get(bookings::list_bookings))
        .route("/bookings/{id}", get(bookings::get_booking))
        .route("/bookings/{id}/cancel", post(bookings::cancel_booking))
        .route(
            "/bookings/{id}/reschedule",
            post(bookings::reschedule_booking),
        )
        .route("/tokens", get(tokens::list_tokens).post(tokens::new_token))
        .route("/tokens/{id}", axum::routing::delete(tokens::delete_token))
        .route("/webhooks", get(webhooks::list_webhooks))
        .route(
            "/webhooks/{id}",
            axum::routing::put(webhooks::put_webhook).delete(webhooks::delete_webhook),
        )
        .route("/deliveries", get(webhooks::list_deliveries))
}

type Answer = ApiResult<Json<Value>>;

/// Who the token is (the team's app shows a member token its own member only): `{"role",
/// "member"?}`. Any valid token may ask; nothing secret is in the answer.
async fn session(caller: Caller) -> Answer {
    Ok(Json(match caller {
        Caller::Owner => serde_json::json!({ "role": "owner" }),
        Caller::Manager => serde_json::json!({ "role": "manager" }),
        Caller::Member(m) => serde_json::json!({ "role": "member", "member": m }),
    }))
}

/// The members a body names that do not exist: `400 invalid_value` at `members[i]…`.
pub(super) async fn check_members_exist(
    conn: &mut sqlx::AnyConnection,
    ids: &[String],
    path: impl Fn(usize) -> String,
) -> ApiResult<()> {
    let found = store::members::many(conn, ids).await?;
    if let Some(i) = ids.iter().position(|id| !found.iter().any(|m| &m.id == id)) {
        return Err(ApiError::invalid(
            path(i),
            format!(
                "no member `{}`",
                ids[i].chars().take(40).collect::<String>()
            ),
        ));
    }
    Ok(())
}
