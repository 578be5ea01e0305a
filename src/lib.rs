//! # bookable
//!
//! Exact bookable slots for public booking pages: each member's weekly hours in their own time
//! zone, overrides, time off, busy times and bookings, the page's rules and the team rule, all
//! resolved to instants with the *compatible* rule at DST gaps and overlaps.
//!
//! The crate is the pure core of the contract in the repository's `docs/spec.md`: no I/O, no
//! clock, no wasm or JS types. The CLI (`src/main.rs`) and the WebAssembly binding (`wasm/`) are
//! thin faces over the functions below.
//!
//! ```
//! let request = r#"{
//!   "now": "2026-11-22T10:00:00Z",
//!   "range": { "start": "2026-11-23T00:00:00Z", "end": "2026-11-24T00:00:00Z" },
//!   "timezone": "Europe/Paris",
//!   "event": { "duration": 30 },
//!   "members": [ { "id": "ana", "timezone": "Europe/Paris",
//!                  "weekly": { "mon": [["09:00", "10:00"]] } } ]
//! }"#;
//! let response = bookable::slots_from_json(request, 0).unwrap();
//! let starts: Vec<String> = response.slots.iter().map(|s| s.start.to_string()).collect();
//! assert_eq!(starts, ["2026-11-23T08:00:00Z", "2026-11-23T08:30:00Z"]);
//! ```

pub mod error;
pub mod explain;
pub mod instant;
pub mod interval;
pub mod request;
pub mod schedule;
pub mod slots;
pub mod status;
pub mod team;
pub mod zone;

/// The IANA time zone database compiled in (the `bookable-tzdb` crate).
pub use bookable_tzdb as tzdb;

pub use error::{Error, ErrorCode};
pub use explain::{Explanation, MemberExplanation};
pub use instant::Instant;
pub use request::{SlotsRequest, StatusRequest};
pub use slots::{Day, Scheduler, Slot, SlotsResponse};
pub use status::{StatusAnswer, StatusResponse, TeamStatusResponse};

/// The version of this crate.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The IANA time zone database release compiled in (e.g. `"2026f"`).
pub const TZDATA_VERSION: &str = bookable_tzdb::RELEASE;

/// Parses JSON text into a `serde_json::Value`, or an `invalid_json` error at path `""`.
pub fn parse_json(text: &str) -> Result<serde_json::Value, Error> {
    serde_json::from_str(text).map_err(|e| {
        Error::new(
            ErrorCode::InvalidJson,
            "",
            format!("the input is not valid JSON: {e}"),
        )
    })
}

/// Computes a slots response (SPEC §3–§7) from request JSON text.
///
/// `now_ms` (milliseconds since the Unix epoch) is used when the request has no `now`.
pub fn slots_from_json(text: &str, now_ms: i64) -> Result<SlotsResponse, Error> {
    slots_from_value(&parse_json(text)?, now_ms)
}

/// Computes a slots response from an already parsed JSON value.
pub fn slots_from_value(value: &serde_json::Value, now_ms: i64) -> Result<SlotsResponse, Error> {
    let request = SlotsRequest::from_value(value, now_ms)?;
    slots::compute(&request)
}

/// Computes an availability status (SPEC §8: one `member`, or a team's `members`) from
/// request JSON text.
pub fn status_from_json(text: &str, now_ms: i64) -> Result<StatusAnswer, Error> {
    status_from_value(&parse_json(text)?, now_ms)
}

/// Computes an availability status from an already parsed JSON value.
pub fn status_from_value(value: &serde_json::Value, now_ms: i64) -> Result<StatusAnswer, Error> {
    let request = StatusRequest::from_value(value, now_ms)?;
    status::compute(&request)
}
