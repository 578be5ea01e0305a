//! The clock and instant text: the server's only source of "now", and RFC 3339 in UTC.

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

pub const MINUTE: i64 = 60_000;
pub const DAY: i64 = 86_400_000;

/// `2026-12-01T09:00:00Z` (milliseconds only when not whole seconds), as the engine writes.
pub fn iso(ms: i64) -> String {
    bookable::Instant(ms).to_string()
}

/// An RFC 3339 instant in a body or query, read by the engine's own reader.
pub fn parse_instant(text: &str, path: &str) -> Result<i64, bookable::Error> {
    bookable::Instant::parse(text, path).map(|i| i.0)
}
