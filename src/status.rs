//! Live availability status for inbox and help-desk assignment (SPEC §8): one member's status,
//! or a team's availability table and who gets the next conversation (SPEC 1.1).

use std::cmp::Ordering;

use serde::Serialize;

use crate::error::Error;
use crate::instant::Instant;
use crate::interval::IntervalSet;
use crate::model::{StatusAssignment, StatusMember, StatusRequest};
use crate::schedule::working_time;
use crate::units::{LocalDate, Ms};
use crate::zone::OffsetTable;

/// `until` is reported only for a change within this many days.
pub const UNTIL_HORIZON_DAYS: i64 = 14;

/// A `[start, end)` stretch of working time, as instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stretch {
    /// Start, UTC.
    pub start: Instant,
    /// End, UTC.
    pub end: Instant,
}

/// Available or away (SPEC §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Availability {
    /// `"available"`.
    Available,
    /// `"away"`.
    Away,
}

/// Where a status comes from (SPEC §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Source {
    /// A manual choice that no automatic change has overridden.
    Manual,
    /// The member's working time.
    Schedule,
}

/// One member's SPEC §8 status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusResponse {
    /// Available or away.
    pub status: Availability,
    /// Manual or scheduled.
    pub source: Source,
    /// The manual reason, or `"timeOff"` / `"outsideWorkingHours"` for a scheduled away.
    pub reason: Option<String>,
    /// The next automatic change, if within 14 days.
    pub until: Option<Instant>,
    /// Available and under capacity.
    pub eligible: bool,
    /// The member's working time (after time off) cut to the member's local date of `now`,
    /// ascending (SPEC 1.1).
    pub hours_today: Vec<Stretch>,
}

/// One row of a team status: the member's id and status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberStatus {
    /// The member's id.
    pub id: String,
    /// The status fields.
    #[serde(flatten)]
    pub status: StatusResponse,
}

/// A team status (SPEC 1.1 §8): every member's status in request order, and the eligible
/// member who gets the next conversation (`None` when nobody is eligible).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamStatusResponse {
    /// Every member, in request order.
    pub members: Vec<MemberStatus>,
    /// Who gets the next conversation.
    pub next: Option<String>,
}

/// The answer to a status request: one member's status, or a team's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum StatusAnswer {
    /// A request with `member`.
    Member(StatusResponse),
    /// A request with `members`.
    Team(TeamStatusResponse),
}

/// Whether a stretch of `work` starts or ends inside `(from, to]`.
fn has_boundary(work: &IntervalSet, from: Instant, to: Instant) -> bool {
    work.spans()
        .iter()
        .flat_map(|&(a, b)| [a, b])
        .any(|t| t > from && t <= to)
}

/// Computes the answer to a validated request.
pub fn compute(request: &StatusRequest) -> Result<StatusAnswer, Error> {
    let now = request.now;
    match request.team {
        None => {
            let member = request.members.first().ok_or_else(|| {
                Error::new(
                    crate::ErrorCode::MissingField,
                    "member",
                    "`member` is required",
                )
            })?;
            Ok(StatusAnswer::Member(member_status(member, now)))
        }
        Some(assignment) => {
            let statuses: Vec<StatusResponse> = request
                .members
                .iter()
                .map(|m| member_status(m, now))
                .collect();
            let next = request
                .members
                .iter()
                .zip(&statuses)
                .filter(|(_, s)| s.eligible)
                .map(|(m, _)| m)
                .min_by(|a, b| next_order(a, b, assignment))
                .map(|m| m.id.clone());
            let members = request
                .members
                .iter()
                .zip(statuses)
                .map(|(m, status)| MemberStatus {
                    id: m.id.clone(),
                    status,
                })
                .collect();
            Ok(StatusAnswer::Team(TeamStatusResponse { members, next }))
        }
    }
}

/// The order of SPEC §8's `next`, smallest first. roundRobin: `lastAssignedAt` (missing =
/// earliest), then id bytes; leastLoaded: `assigned / max` (0 without capacity) first.
fn next_order(a: &StatusMember, b: &StatusMember, assignment: StatusAssignment) -> Ordering {
    let load = match assignment {
        StatusAssignment::RoundRobin => Ordering::Equal,
        StatusAssignment::LeastLoaded => {
            // assigned_a / max_a vs assigned_b / max_b, exactly: cross-multiplied in u128.
            let ratio = |m: &StatusMember| {
                m.capacity.map_or((0u128, 1u128), |(max, assigned)| {
                    (u128::from(assigned), u128::from(max.max(1)))
                })
            };
            let ((na, da), (nb, db)) = (ratio(a), ratio(b));
            (na * db).cmp(&(nb * da))
        }
    };
    let last = |m: &StatusMember| m.last_assigned_at.unwrap_or(Instant(i64::MIN));
    load.then_with(|| last(a).cmp(&last(b)))
        .then_with(|| a.id.as_bytes().cmp(b.id.as_bytes()))
}

/// One member's status at `now`.
fn member_status(member: &StatusMember, now: Instant) -> StatusResponse {
    let horizon = now + UNTIL_HORIZON_DAYS * Ms::DAY;
    let near_from = now - 8 * Ms::DAY;
    let table = OffsetTable::over(member.tz, near_from - 3 * Ms::DAY, horizon + 3 * Ms::DAY);
    let wt = working_time(&member.hours, &table, true, near_from, horizon);
    let available = wt.work.contains(now);
    let until = wt
        .work
        .spans()
        .iter()
        .flat_map(|&(a, b)| [a, b])
        .find(|&t| t > now && t <= horizon);

    let manual = member
        .manual
        .as_ref()
        .filter(|m| m.since <= now && !changed_between(member, &wt.work, m.since, now));
    let (status_available, source, reason) = match manual {
        Some(m) => (m.available, Source::Manual, m.reason.clone()),
        None if available => (true, Source::Schedule, None),
        None => {
            let reason = if wt.off.contains(now) {
                "timeOff"
            } else {
                "outsideWorkingHours"
            };
            (false, Source::Schedule, Some(reason.to_string()))
        }
    };
    let under_capacity = member.capacity.is_none_or(|(max, assigned)| assigned < max);
    // The local date of now, from its 00:00 to the next date's 00:00 (SPEC §2).
    let date = table.local_date(now);
    let (day_start, day_end) = (
        table.instant_for(date.start()),
        table.instant_for((date + 1).start()),
    );
    let hours_today = wt
        .work
        .intersect(&IntervalSet::single(day_start, day_end))
        .spans()
        .iter()
        .map(|&(start, end)| Stretch { start, end })
        .collect();
    StatusResponse {
        status: if status_available {
            Availability::Available
        } else {
            Availability::Away
        },
        source,
        reason,
        until,
        eligible: status_available && under_capacity,
        hours_today,
    }
}

/// Whether an automatic change lies in `(since, now]`. `near` is the working time expanded
/// from 8 days before `now`. Further back, the schedule is looked at only where a boundary can
/// be, so a manual choice made centuries ago costs bounded work (SPEC §9):
/// - a year-long chunk inside a time-off period has none;
/// - a chunk that no override date or time-off edge touches holds the weekly hours alone, which
///   repeat every 7 local days: it has a boundary exactly when 15 days of the weekly hours alone
///   do (two of each weekday, so one DST-shortened or skipped day cannot hide them), a fact
///   computed once;
/// - every other chunk is expanded, a year at a time.
fn changed_between(
    member: &StatusMember,
    near: &IntervalSet,
    since: Instant,
    now: Instant,
) -> bool {
    const CHUNK: Ms = Ms(366 * Ms::DAY.0);
    let near_from = now - 8 * Ms::DAY;
    // A date's 00:00 read as if UTC: within a day of that date's 00:00 in any zone.
    let midnight = |d: LocalDate| Instant::from_local(d.start(), Ms::ZERO);
    if has_boundary(near, since.max(near_from), now) {
        return true;
    }
    let hours = &member.hours;
    // Time off and override dates as instants, widened by a day each way (a date is local).
    let off: IntervalSet = IntervalSet::from_unsorted(
        hours
            .off_instants
            .iter()
            .copied()
            .chain(
                hours
                    .off_dates
                    .iter()
                    .map(|&(d0, d1)| (midnight(d0) + Ms::DAY, midnight(d1 + 1) - Ms::DAY)),
            )
            .filter(|&(a, b)| b > a)
            .collect(),
    );
    let special: Vec<(Instant, Instant)> = hours
        .off_instants
        .iter()
        .flat_map(|&(a, b)| [a, b])
        .chain(
            hours
                .off_dates
                .iter()
                .flat_map(|&(d0, d1)| [midnight(d0), midnight(d1 + 1)]),
        )
        .map(|t| (t - 2 * Ms::DAY, t + 2 * Ms::DAY))
        .chain(
            hours
                .overrides
                .keys()
                .map(|&d| (midnight(d) - 2 * Ms::DAY, midnight(d) + 3 * Ms::DAY)),
        )
        .collect();
    let mut weekly_has_boundaries: Option<bool> = None;
    let mut hi = near_from;
    while hi > since {
        let lo = (hi - CHUNK).max(since);
        let touched = special.iter().any(|&(a, b)| a < hi && b > lo);
        if !touched && off.contains_span(lo, hi) {
            // Inside time off: no working time, no boundary.
        } else if !touched && hi - lo >= 15 * Ms::DAY {
            let weekly = *weekly_has_boundaries.get_or_insert_with(|| {
                let alone = crate::model::Hours {
                    weekly: hours.weekly.clone(),
                    ..Default::default()
                };
                let (from, to) = (near_from - 15 * Ms::DAY, near_from);
                let table = OffsetTable::over(member.tz, from - 3 * Ms::DAY, to + 3 * Ms::DAY);
                has_boundary(&working_time(&alone, &table, true, from, to).work, from, to)
            });
            if weekly {
                return true;
            }
        } else {
            let table = OffsetTable::over(member.tz, lo - 3 * Ms::DAY, hi + 3 * Ms::DAY);
            let work = working_time(hours, &table, true, lo, hi).work;
            if has_boundary(&work, lo, hi) {
                return true;
            }
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

    /// 288 whole-day pairs a day: working at all times, so no boundary ever (the worst legal
    /// weekly hours for a look-back, SPEC §9).
    fn always_working() -> serde_json::Value {
        let day: Vec<serde_json::Value> = (0..288)
            .map(|_| serde_json::json!(["00:00", "00:00"]))
            .collect();
        serde_json::json!({ "mon": day, "tue": day, "wed": day, "thu": day, "fri": day,
                            "sat": day, "sun": day })
    }

    #[test]
    fn manual_away_since_1900_holds_while_work_never_stopped() {
        let r = status(serde_json::json!({
            "id": "ana", "timezone": "Europe/Paris", "weekly": always_working(),
            "manual": { "status": "away", "since": "1900-01-01T00:00:00Z", "reason": "sabbatical" }
        }));
        assert_eq!(
            (r["source"].as_str(), r["status"].as_str()),
            (Some("manual"), Some("away"))
        );
    }

    #[test]
    fn a_time_off_that_ended_in_1950_overrides_a_choice_made_in_1900() {
        // Work never stops, except for 1949-1950: its end is an automatic change after `since`.
        let r = status(serde_json::json!({
            "id": "ana", "timezone": "Europe/Paris", "weekly": always_working(),
            "timeOff": [{ "from": "1949-01-01", "to": "1950-06-30" }],
            "manual": { "status": "away", "since": "1900-01-01T00:00:00Z" }
        }));
        assert_eq!(
            (r["source"].as_str(), r["status"].as_str()),
            (Some("schedule"), Some("available"))
        );
    }

    #[test]
    fn mondays_before_a_27_year_time_off_end_a_choice_made_in_1990() {
        // Mondays 09:00-17:00, off from 2000 to 2026-11-29; now is Sunday 2026-11-22, in the
        // time off, with no boundary in the near window. The last boundary before now is
        // Monday 1999-12-27 17:00, after `since`: found behind 27 years of time off without
        // expanding them.
        let ask = |since: &str| {
            let request = serde_json::json!({ "now": "2026-11-22T12:00:00Z", "member": {
                "id": "ana", "timezone": "UTC", "weekly": { "mon": [["09:00", "17:00"]] },
                "timeOff": [{ "from": "2000-01-01", "to": "2026-11-29" }],
                "manual": { "status": "available", "since": since }
            }});
            serde_json::to_value(crate::status_from_value(&request, 0).unwrap()).unwrap()
        };
        let r = ask("1990-01-01T00:00:00Z");
        assert_eq!(
            (r["source"].as_str(), r["reason"].as_str()),
            (Some("schedule"), Some("timeOff"))
        );
        // Chosen after that Monday, the choice holds.
        assert_eq!(ask("1999-12-27T18:00:00Z")["source"], "manual");
        assert_eq!(ask("1999-12-27T16:00:00Z")["source"], "schedule");
    }

    #[test]
    fn a_choice_made_in_a_long_time_off_holds_until_work_resumes_inside_it() {
        // No weekly hours; an override day in 1960 inside a time off from 1950 to 1970 is cut
        // away by the time off: no working time at all, so nothing overrides the choice.
        let r = status(serde_json::json!({
            "id": "ana", "timezone": "UTC",
            "overrides": { "1960-05-05": [["09:00", "10:00"]] },
            "timeOff": [{ "from": "1950-01-01", "to": "1970-12-31" }],
            "manual": { "status": "available", "since": "1940-01-01T00:00:00Z" }
        }));
        assert_eq!(r["source"], "manual");
    }
}
