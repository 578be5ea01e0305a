//! An iCalendar feed over HTTP(S): one GET with the copy's validators (`If-None-Match`,
//! `If-Modified-Since`), at most 10 MB read while it streams in (a larger feed is refused
//! without being held in memory), the 10 s timeout of the client.

use reqwest::{header, Method, StatusCode};

use crate::egress::{failure, Http};

/// What a fetch brought.
pub enum Got {
    /// A new text, with the validators to send next time.
    New {
        body: String,
        etag: Option<String>,
        last_modified: Option<String>,
    },
    /// `304 Not Modified`: the copy is current.
    NotModified,
}

/// The most a fetched calendar may be (SPEC §12).
pub const MAX_BYTES: usize = 10 << 20;

/// Reads a response's body, at most [`MAX_BYTES`], as UTF-8 text.
pub async fn read_capped(mut response: reqwest::Response) -> Result<String, String> {
    if response
        .content_length()
        .is_some_and(|n| n > MAX_BYTES as u64)
    {
        return Err("the calendar is larger than 10 MB".into());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(failure)? {
        if body.len() + chunk.len() > MAX_BYTES {
            // Dropping the response closes the connection: the rest is never read.
            return Err("the calendar is larger than 10 MB".into());
        }
        body.extend_from_slice(&chunk);
    }
    String::from_utf8(body).map_err(|_| "the calendar is not UTF-8 text".to_string())
}

pub async fn fetch(
    client: &Http,
    url: &str,
    etag: Option<&str>,
    last_modified: Option<&str>,
) -> Result<Got, String> {
    let mut request = client
        .request(Method::GET, url)?
        .header(header::ACCEPT, "text/calendar, */*;q=0.5");
    if let Some(e) = etag {
        request = request.header(header::IF_NONE_MATCH, e);
    }
    if let Some(m) = last_modified {
        request = request.header(header::IF_MODIFIED_SINCE, m);
    }
    let response = request.send().await.map_err(failure)?;
    let status = response.status();
    if status == StatusCode::NOT_MODIFIED {
        return Ok(Got::NotModified);
    }
    if !status.is_success() {
        return Err(format!("the server answered {}", status.as_u16()));
    }
    let value = |name: header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .filter(|v| v.len() <= 1000)
            .map(String::from)
    };
    let etag = value(header::ETAG);
    let last_modified = value(header::LAST_MODIFIED);
    let body = read_capped(response).await?;
    Ok(Got::New {
        body,
        etag,
        last_modified,
    })
}
