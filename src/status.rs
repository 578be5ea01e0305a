//! Live availability status for inbox and help-desk assignment (SPEC §8).

use serde::Serialize;

use crate::error::Error;
use crate::instant::{Instant, DAY};
use crate::request::StatusRequest;
use crate::schedule::working_time;
use crate::zone::OffsetTable;

/// `until` is reported only for a change within this many days.
pub const UNTIL_HORIZON_DAYS: i64 = 14;

/// The SPEC §8 response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusResponse {
    /// `"available"` or `"away"`.
    pub status: &'static str,
    /// `"manual"` or `"schedule"`.
    pub source: &'static str,
    /// The manual reason, or `"timeOff"` / `"outsideWorkingHours"` for a scheduled away.
    pub reason: Option<String>,
    /// The next automatic change, if within 14 days.
    pub until: Option<Instant>,
    /// Available and under capacity.
    pub eligible: bool,
}

/// Working-time boundaries (stretch starts and ends) strictly inside `(from, to]`.
fn boundaries(request: &StatusRequest, table: &OffsetTable, from: i64, to: i64) -> Vec<i64> {
    let wt = working_time(&request.hours, table, true, from, to);
    wt.work
        .spans()
        .iter()
        .flat_map(|&(a, b)| [a, b])
        .filter(|&t| t > from && t <= to)
        .collect()
}

/// Computes the status of a validated request.
pub fn compute(request: &StatusRequest) -> Result<StatusResponse, Error> {
    let now = request.now;
    let horizon = now + UNTIL_HORIZON_DAYS * DAY;
    let near_from = now - 8 * DAY;
    let table = OffsetTable::new(request.tz, near_from - 3 * DAY, horizon + 3 * DAY);
    let wt = working_time(&request.hours, &table, true, near_from, horizon);
    let available = wt.work.contains(now);
    let until = wt
        .work
        .spans()
        .iter()
        .flat_map(|&(a, b)| [a, b])
        .find(|&t| t > now && t <= horizon)
        .map(Instant);

    let manual = request
        .manual
        .as_ref()
        .filter(|m| m.since <= now && !changed_between(request, &table, m.since, now));
    let (status_available, source, reason) = match manual {
        Some(m) => (m.available, "manual", m.reason.clone()),
        None if available => (true, "schedule", None),
        None => {
            let reason = if wt.off.contains(now) {
                "timeOff"
            } else {
                "outsideWorkingHours"
            };
            (false, "schedule", Some(reason.to_string()))
        }
    };
    let under_capacity = request
        .capacity
        .is_none_or(|(max, assigned)| assigned < max);
    Ok(StatusResponse {
        status: if status_available {
            "available"
        } else {
            "away"
        },
        source,
        reason,
        until,
        eligible: status_available && under_capacity,
    })
}

/// Whether an automatic change lies in `(since, now]`. Looks back a year at a time, so a
/// manual choice made long ago costs time only while the schedule really had no boundary.
fn changed_between(request: &StatusRequest, near: &OffsetTable, since: i64, now: i64) -> bool {
    const CHUNK: i64 = 366 * DAY;
    let near_from = now - 8 * DAY;
    if !boundaries(request, near, since.max(near_from), now).is_empty() {
        return true;
    }
    let mut hi = near_from;
    while hi > since {
        let lo = (hi - CHUNK).max(since);
        let table = OffsetTable::new(request.tz, lo - 3 * DAY, hi + 3 * DAY);
        if !boundaries(request, &table, lo, hi).is_empty() {
            return true;
        }
        hi = lo;
    }
    false
}
