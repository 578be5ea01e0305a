//! Live availability status for inbox and help-desk assignment (SPEC §8).

use serde::Serialize;

use crate::error::Error;
use crate::instant::{Instant, DAY};
use crate::interval::IntervalSet;
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

/// Whether a stretch of `work` starts or ends inside `(from, to]`.
fn has_boundary(work: &IntervalSet, from: i64, to: i64) -> bool {
    work.spans()
        .iter()
        .flat_map(|&(a, b)| [a, b])
        .any(|t| t > from && t <= to)
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
        .filter(|m| m.since <= now && !changed_between(request, &wt.work, m.since, now));
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

/// Whether an automatic change lies in `(since, now]`. `near` is the working time expanded
/// from 8 days before `now`; further back the schedule is expanded a year at a time, so a
/// manual choice made long ago costs time only while the schedule really had no boundary.
fn changed_between(request: &StatusRequest, near: &IntervalSet, since: i64, now: i64) -> bool {
    const CHUNK: i64 = 366 * DAY;
    let near_from = now - 8 * DAY;
    if has_boundary(near, since.max(near_from), now) {
        return true;
    }
    let mut hi = near_from;
    while hi > since {
        let lo = (hi - CHUNK).max(since);
        let table = OffsetTable::new(request.tz, lo - 3 * DAY, hi + 3 * DAY);
        let work = working_time(&request.hours, &table, true, lo, hi).work;
        if has_boundary(&work, lo, hi) {
            return true;
        }
        hi = lo;
    }
    false
}

#[cfg(test)]
mod tests {
    fn status(member: serde_json::Value) -> serde_json::Value {
        let request = serde_json::json!({ "now": "2026-11-23T12:00:00Z", "member": member });
        serde_json::to_value(crate::status_from_value(&request, 0).unwrap()).unwrap()
    }

    #[test]
    fn manual_away_from_years_ago_holds_while_no_hours_ever_changed() {
        let r = status(serde_json::json!({
            "id": "ana", "timezone": "Europe/Paris",
            "manual": { "status": "away", "since": "2019-05-01T08:00:00Z" }
        }));
        assert_eq!(r["source"], "manual");
        assert_eq!(r["status"], "away");
        assert_eq!(r["until"], serde_json::Value::Null);
    }

    #[test]
    fn manual_choice_from_years_ago_ends_at_an_old_override() {
        // Never working, except one override day in 2021: its boundaries came after `since`.
        let r = status(serde_json::json!({
            "id": "ana", "timezone": "Europe/Paris",
            "overrides": { "2021-03-02": [["09:00", "10:00"]] },
            "manual": { "status": "available", "since": "2019-05-01T08:00:00Z" }
        }));
        assert_eq!(r["source"], "schedule");
        assert_eq!(r["status"], "away");
        assert_eq!(r["reason"], "outsideWorkingHours");
    }
}
