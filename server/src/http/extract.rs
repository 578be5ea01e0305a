//! Typed extractors: a JSON body as text (checked media type, size and UTF-8; the services read
//! it with the engine's rules), the client's address, the optional `Idempotency-Key`.

use axum::{
    body::Bytes,
    extract::{FromRequest, Request},
    http::{header, StatusCode},
};

use crate::error::ApiError;

/// A JSON body of at most `LIMIT` bytes, as text. An empty body is `""`.
pub struct JsonText<const LIMIT: usize>(pub String);

/// Public bodies: 16 KB (SPEC §12).
pub type PublicBody = JsonText<{ 16 * 1024 }>;
/// Admin bodies: 20 MB, as a slots request (SPEC §9).
pub type AdminBody = JsonText<{ 20 * 1024 * 1024 }>;

impl<S: Send + Sync, const LIMIT: usize> FromRequest<S> for JsonText<LIMIT> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        let too_large = || {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "limit_exceeded",
                "",
                format!("a body here is at most {LIMIT} bytes"),
            )
        };
        if declared.is_some_and(|n| n > LIMIT as u64) {
            return Err(too_large());
        }
        let json_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .eq_ignore_ascii_case("application/json")
            });
        let bytes = axum::body::to_bytes(req.into_body(), LIMIT)
            .await
            .map_err(|_| too_large())?;
        let _ = state;
        if bytes.is_empty() {
            return Ok(JsonText(String::new()));
        }
        if json_type != Some(true) {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "",
                "send the body as Content-Type: application/json",
            ));
        }
        text(bytes).map(JsonText)
    }
}

fn text(bytes: Bytes) -> Result<String, ApiError> {
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            "",
            "the body is not UTF-8 text",
        )
    })
}

/// The `Idempotency-Key` header: 1..200 visible ASCII characters.
pub fn idempotency_key(headers: &axum::http::HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(v) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    match v.to_str() {
        Ok(s) if !s.is_empty() && s.len() <= 200 && s.bytes().all(|b| b.is_ascii_graphic()) => {
            Ok(Some(s.to_string()))
        }
        _ => Err(ApiError::invalid(
            "Idempotency-Key",
            "1 to 200 visible ASCII characters",
        )),
    }
}
