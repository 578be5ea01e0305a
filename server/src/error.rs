//! The one error type of the service and its response: SPEC §9's
//! `{ "error": { "code", "path", "message" } }` with the status of SPEC §12's list.

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Map, Value};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: String,
    pub path: String,
    pub message: String,
    /// Fields beside `error` (a refused booking's `reasons` and `members`).
    pub extra: Map<String, Value>,
    pub retry_after: Option<u64>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(
        status: StatusCode,
        code: &str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        ApiError {
            status,
            code: code.to_string(),
            path: path.into(),
            message: message.into(),
            extra: Map::new(),
            retry_after: None,
        }
    }
    pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_value", path, message)
    }
    pub fn missing(path: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "missing_field",
            path,
            "this field is required",
        )
    }
    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "",
            format!("no such {what}"),
        )
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", "", message)
    }
    pub fn too_late(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "too_late", "", message)
    }
    pub fn slot_taken() -> Self {
        Self::new(
            StatusCode::CONFLICT,
            "slot_taken",
            "start",
            "this time is no longer offered; choose another",
        )
    }
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "",
            "a valid `Authorization: Bearer TOKEN` is required",
        )
    }
    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "",
            "this token may not do this",
        )
    }
    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "",
            "the server failed; nothing was written",
        )
    }
    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "", message)
    }
    /// An engine error of a body whose fields sit under `prefix` in the engine's request
    /// (`members[0].`): the path is made relative to the body.
    pub fn from_engine_under(e: bookable::Error, prefix: &str, body_prefix: &str) -> Self {
        let path = if e.path == prefix.trim_end_matches('.') {
            body_prefix.trim_end_matches('.').to_string()
        } else if let Some(rest) = e.path.strip_prefix(prefix) {
            format!("{body_prefix}{rest}")
        } else {
            e.path.clone()
        };
        Self::new(StatusCode::BAD_REQUEST, e.code.as_str(), path, e.message)
    }
    pub fn with(mut self, key: &str, value: Value) -> Self {
        self.extra.insert(key.to_string(), value);
        self
    }
}

impl From<bookable::Error> for ApiError {
    fn from(e: bookable::Error) -> Self {
        let status = if e.code == bookable::ErrorCode::LimitExceeded && e.path.is_empty() {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::BAD_REQUEST
        };
        Self::new(status, e.code.as_str(), e.path, e.message)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        // The log line names the failure, never the values bound to it.
        match &e {
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => {
                tracing::error!(error = %e, "database unreachable");
                Self::unavailable("the database does not answer; try again")
            }
            _ => {
                tracing::error!(error = %e, "database error");
                Self::internal()
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = Map::new();
        body.insert(
            "error".into(),
            json!({ "code": self.code, "path": self.path, "message": self.message }),
        );
        body.extend(self.extra);
        let mut response = (self.status, Json(Value::Object(body))).into_response();
        if let Some(seconds) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}
