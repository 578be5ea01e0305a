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

// The core, downhill: the reader builds the model; the time layer and the engine compute from
// it; the response types carry the answer out. Modules are private: the list below is the
// deliberate surface the CLI, the WebAssembly binding and the docs use.
mod assignment;
mod error;
mod explain;
mod free;
mod grid;
#[cfg(feature = "calendars")]
mod ics;
mod instant;
mod interval;
pub mod limits;
mod model;
mod providers;
mod public;
mod read;
mod response;
mod schedule;
mod scheduler;
mod status;
mod team;
mod units;
mod zone;

/// The tests' independent tz reference (zic's TZif files of the same release, read by jiff).
#[cfg(test)]
#[path = "../tests/zic/mod.rs"]
mod zic_reference;

/// The IANA time zone database compiled in (the `bookable-tzdb` crate): every Zone and Link
/// name, and each name's offsets.
pub use bookable_tzdb as tzdb;

pub use error::{Error, ErrorCode};
pub use explain::{Explanation, MemberExplanation, MemberReason, SlotReason};
#[cfg(feature = "calendars")]
pub use ics::Warning;
pub use instant::{format_local, Instant};
#[cfg(feature = "calendars")]
pub use providers::{Busy, BusyResponse};
pub use response::{Day, MemberList, Slot, SlotsResponse};
pub use scheduler::Scheduler;
pub use status::{
    Availability, MemberStatus, Source, StatusAnswer, StatusResponse, Stretch, TeamStatusResponse,
};

/// The version of this crate.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The IANA time zone database release compiled in (e.g. `"2026f"`).
pub const TZDATA_VERSION: &str = bookable_tzdb::RELEASE;

/// Computes a slots response (SPEC §3–§7) from request JSON text.
///
/// `now_ms` (milliseconds since the Unix epoch) is used when the request has no `now`.
///
/// # Errors
/// The first problem of the request (SPEC §9), with its `code` and `path`: text that is not
/// JSON is `invalid_json` at `""`; more than 100,000 slots is `limit_exceeded` at `range`.
pub fn slots_from_json(text: &str, now_ms: i64) -> Result<SlotsResponse, Error> {
    let request = {
        let doc = read::json::parse(text)?;
        read::slots_request(doc.root(), now_ms, true)?
    };
    scheduler::compute(&request)
}

/// [`slots_from_json`] for a request already held as a `serde_json::Value`.
///
/// # Errors
/// As [`slots_from_json`].
pub fn slots_from_value(value: &serde_json::Value, now_ms: i64) -> Result<SlotsResponse, Error> {
    slots_from_json(&value.to_string(), now_ms)
}

/// Computes an availability status (SPEC §8: one `member`, or a team's `members`) from
/// request JSON text.
///
/// ```
/// let request = r#"{ "now": "2026-11-23T10:00:00Z",
///   "member": { "id": "bob", "timezone": "Europe/Amsterdam",
///               "weekly": { "mon": [["09:00", "17:00"]] } } }"#;
/// let bookable::StatusAnswer::Member(status) = bookable::status_from_json(request, 0)? else {
///     unreachable!("one member asked, one status answered")
/// };
/// assert_eq!(status.status, bookable::Availability::Available);
/// assert_eq!(status.until.map(|t| t.to_string()).as_deref(), Some("2026-11-23T16:00:00Z"));
/// # Ok::<(), bookable::Error>(())
/// ```
///
/// # Errors
/// The first problem of the request (SPEC §9), with its `code` and `path`.
pub fn status_from_json(text: &str, now_ms: i64) -> Result<StatusAnswer, Error> {
    // The document is dropped before computing.
    let request = {
        let doc = read::json::parse(text)?;
        read::status_request(doc.root(), now_ms)?
    };
    status::compute(&request)
}

/// [`status_from_json`] for a request already held as a `serde_json::Value`.
///
/// # Errors
/// As [`status_from_json`].
pub fn status_from_value(value: &serde_json::Value, now_ms: i64) -> Result<StatusAnswer, Error> {
    status_from_json(&value.to_string(), now_ms)
}

/// The busy times a calendar source yields over a range (SPEC §10): a busy request
/// `{ "source", "range", "timezone" }` as JSON text, answered with every busy interval that
/// overlaps the range, merged, sorted and not cut, and the warnings of an ICS source.
///
/// ```
/// let ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:standup\nDTSTART;TZID=Europe/Paris:20260302T093000\n\
///            DURATION:PT15M\nRRULE:FREQ=WEEKLY;BYDAY=MO\nEND:VEVENT\nEND:VCALENDAR\n";
/// let request = serde_json::json!({
///     "source": { "ics": ics },
///     "range": { "start": "2026-03-23T00:00:00Z", "end": "2026-04-06T00:00:00Z" },
///     "timezone": "Europe/Paris"
/// });
/// let response = bookable::busy_from_json(&request.to_string())?;
/// let starts: Vec<String> = response.busy.iter().map(|b| b.start.to_string()).collect();
/// // 09:30 in Paris is 08:30Z before the change of 2026-03-29, 07:30Z after it.
/// assert_eq!(starts, ["2026-03-23T08:30:00Z", "2026-03-30T07:30:00Z"]);
/// # Ok::<(), bookable::Error>(())
/// ```
///
/// # Errors
/// The first problem of the request (SPEC §9): `invalid_calendar` at `source` for a file that
/// is not iCalendar or whose BEGIN/END do not pair up (the message names the line), or a Google
/// calendar with `errors`; `limit_exceeded` at `source` for more than 200,000 busy intervals in
/// the range.
#[cfg(feature = "calendars")]
pub fn busy_from_json(text: &str) -> Result<BusyResponse, Error> {
    let document = read::json::parse(text)?;
    let request = read::calendars::busy_request(document.root())?;
    providers::busy_response(&request.source, request.range.0, request.range.1)
}

/// SPEC §11: the public request of a slots request (JSON text, `range` required: the horizon it
/// serves): the same slots, hosts, candidates and days for every `now` and every range inside
/// the horizon, without busy-item details, bookings, calendars or meeting times. Busy times
/// travel merged and already widened by their buffers, time off as instants, reached booking
/// limits as `fullDates`, booking counts as `bookingCount` (only for `balanced` assignment), and
/// `lastBookedAt` as a stand-in that keeps only the members' order (README, "Decisions where the
/// SPEC is silent").
///
/// ```
/// let request = r#"{ "now": "2026-11-22T10:00:00Z",
///   "range": { "start": "2026-11-23T00:00:00Z", "end": "2026-11-30T00:00:00Z" },
///   "timezone": "Europe/Paris", "event": { "duration": 30, "bufferAfter": 15 },
///   "members": [ { "id": "ana", "timezone": "Europe/Paris",
///                  "weekly": { "mon": [["09:00", "12:00"]] },
///                  "bookings": [ { "start": "2026-11-23T08:00:00Z", "end": "2026-11-23T08:30:00Z" } ] } ] }"#;
/// let public = bookable::public_from_json(request, 0)?;
/// assert!(public["members"][0].get("bookings").is_none());
/// assert_eq!(public["members"][0]["busy"][0]["end"], "2026-11-23T08:45:00Z"); // widened
/// let same = bookable::slots_from_json(&public.to_string(), 0)?;
/// assert_eq!(same, bookable::slots_from_json(request, 0)?);
/// # Ok::<(), bookable::Error>(())
/// ```
///
/// # Errors
/// Those of the request (SPEC §9), `missing_field` at `range` without one.
pub fn public_from_json(text: &str, now_ms: i64) -> Result<serde_json::Value, Error> {
    let request = {
        let doc = read::json::parse(text)?;
        read::slots_request(doc.root(), now_ms, true)?
    };
    // The reader accepted the text, so it is JSON serde reads too (a BOM aside).
    let original: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| Error::new(ErrorCode::InvalidJson, "", e.to_string()))?;
    public::public(&request, &original)
}

/// The server's booking check (SPEC §7): whether `start` is still offered by the request (a
/// slots request as the page has it; its `range` and `explain` are replaced by the one minute
/// from `start`), who would host it, and every reason it is not. The answer is the
/// explanation of that start: `offered`, `hosts` and `candidates` when offered.
///
/// ```
/// let page = r#"{ "now": "2026-11-22T10:00:00Z", "timezone": "UTC",
///   "event": { "duration": 30 }, "team": { "mode": "roundRobin" },
///   "members": [ { "id": "ana", "timezone": "UTC", "weekly": { "mon": [["09:00", "10:00"]] } },
///                { "id": "bob", "timezone": "UTC", "weekly": { "mon": [["09:00", "10:00"]] },
///                  "lastBookedAt": "2026-11-20T09:00:00Z" } ] }"#;
/// let start = bookable::Instant::parse("2026-11-23T09:30:00Z", "start")?;
/// let check = bookable::check_slot_from_json(page, start, 0)?;
/// assert!(check.offered);
/// assert_eq!(check.hosts.as_deref(), Some(&["ana".to_string()][..]));
/// let late = bookable::Instant::parse("2026-11-23T09:45:00Z", "start")?;
/// assert!(!bookable::check_slot_from_json(page, late, 0)?.offered); // off the 30-minute grid
/// # Ok::<(), bookable::Error>(())
/// ```
///
/// # Errors
/// Those of the request (SPEC §9).
pub fn check_slot_from_json(text: &str, start: Instant, now_ms: i64) -> Result<Explanation, Error> {
    let mut request = {
        let doc = read::json::parse(text)?;
        read::slots_request(doc.root(), now_ms, false)?
    };
    let whole_minute = start.is_whole_minute();
    request.range = Some((start, start + units::Ms::MINUTE));
    request.explain = Some((start, whole_minute));
    let response = scheduler::compute(&request)?;
    response
        .explanation
        .ok_or_else(|| Error::new(ErrorCode::InvalidValue, "", "the check gave no explanation"))
}

/// [`check_slot_from_json`] for the CLI's `bookable check`: `{ "request": <slots request>,
/// "start": <instant> }` in one JSON text.
///
/// # Errors
/// `missing_field` at `request` or `start`, `unknown_field` beside them, `invalid_instant` at
/// `start`, and the request's own errors with their paths under `request.`.
pub fn check_from_json(text: &str, now_ms: i64) -> Result<Explanation, Error> {
    let doc = read::json::parse(text)?;
    let root = doc.root();
    let map = read::fields::object(root, read::fields::Path::Root, &["request", "start"])?;
    let request = read::fields::req(map, read::fields::Path::Root, "request")?;
    let start = read::fields::instant_ns(
        read::fields::req(map, read::fields::Path::Root, "start")?,
        read::fields::Path::Raw("start"),
    )?;
    // The request's own text, for the same reader (the document has no slices of subtrees).
    let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| Error::new(ErrorCode::InvalidJson, "", e.to_string()))?;
    if !request.is_object() {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            "request",
            "expected a slots request object",
        ));
    }
    let request_text = value["request"].to_string();
    check_slot_from_json(&request_text, Instant(instant::floor_ms(start)), now_ms).map_err(
        |mut e| {
            e.path = if e.path.is_empty() {
                "request".to_string()
            } else {
                format!("request.{}", e.path)
            };
            e
        },
    )
}
