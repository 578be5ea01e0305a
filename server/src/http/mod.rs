//! HTTP: one router per resource, one error type (`ApiError`) mapped to responses.
//! Public routes answer CORS; `/api/admin/` wants a token (`auth::Caller`).

mod admin;
mod assets;
mod extract;
mod public;

use std::{sync::Arc, time::Duration};

use axum::{
    http::{header, HeaderValue, Method, StatusCode},
    response::IntoResponse,
    routing::get,
    Json, Router,
};
use serde_json::json;
use tower_http::{
    compression::CompressionLayer,
    cors::CorsLayer,
    set_header::SetResponseHeaderLayer,
    timeout::{RequestBodyTimeoutLayer, TimeoutLayer},
};

use crate::{error::ApiError, service::App, settings::Settings};

/// CORS around the whole service (so that preflights are answered before routing): public
/// routes are for any origin; admin routes take a Bearer token, never a cookie, so an open
/// origin gives another site nothing.
pub fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(tower_http::cors::Any)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            header::HeaderName::from_static("idempotency-key"),
        ])
        .max_age(Duration::from_secs(600))
}

pub fn router(app: Arc<App>, settings: &Settings) -> Router {
    let api = Router::new()
        .route("/healthz", get(healthz))
        .merge(public::router())
        .nest("/api/admin", admin::router())
        .route("/api/{*rest}", axum::routing::any(not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(app.clone());
    Router::new()
        .merge(api)
        .merge(assets::router(app, settings))
        .layer(CompressionLayer::new())
        .layer(RequestBodyTimeoutLayer::new(settings.client_timeout))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(60),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(axum::middleware::from_fn(api_errors))
}

/// Every API answer's error is §9's shape: a NUL in a path or query names nothing (404), and
/// the framework's own refusals (a bad query, a path that is not UTF-8, a timeout) are
/// rewritten as JSON errors.
async fn api_errors(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let path = req.uri().path();
    let api = path.starts_with("/api/") || path.starts_with("/feeds/") || path == "/healthz";
    let raw = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    if raw.contains("%00") {
        return ApiError::new(StatusCode::NOT_FOUND, "not_found", "", "no such resource")
            .into_response();
    }
    let res = next.run(req).await;
    let status = res.status();
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !api || json || !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let (code, message) = match status {
        StatusCode::BAD_REQUEST => ("invalid_value", "the path or query is not valid"),
        StatusCode::NOT_FOUND => ("not_found", "no such resource"),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "this resource does not answer that method",
        ),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "the request took too long"),
        StatusCode::PAYLOAD_TOO_LARGE => ("limit_exceeded", "the body is too large"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            "send the body as Content-Type: application/json",
        ),
        _ if status.is_server_error() => ("internal", "the server failed; nothing was written"),
        _ => ("invalid_value", "the request is not valid"),
    };
    ApiError::new(status, code, "", message).into_response()
}

async fn healthz(
    axum::extract::State(app): axum::extract::State<Arc<App>>,
) -> Result<impl IntoResponse, ApiError> {
    app.db.generation().await?;
    Ok(Json(
        json!({ "status": "ok", "database": app.db.kind.as_str() }),
    ))
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "", "no such resource")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "",
        "this resource does not answer that method",
    )
}
