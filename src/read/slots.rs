//! A slots request (SPEC §3) read into [`SlotsRequest`]. Fields are checked in a fixed order:
//! unknown fields of an object first, then its fields in the order the SPEC lists them.

use crate::error::{Error, ErrorCode};
use crate::instant::{ceil_ms, floor_ms, Instant};
use crate::limits::{MAX_MEMBERS, MAX_RANGE_DAYS};
use crate::model::{Assignment, Event, Member, Mode, SlotsRequest};
use crate::read::calendars::Budget;
use crate::read::fields::{boolean, date, instant_ns, int, invalid, object, opt, req, zone, Path};
use crate::read::json::Json;
use crate::read::member::{
    instant_interval, limit_fields, member_fields, member_list, weekly, MEMBER_FIELDS,
};
use crate::units::{Minutes, Ms};

const SLOTS_FIELDS: [&str; 8] = [
    "now",
    "range",
    "timezone",
    "viewerTimezone",
    "event",
    "team",
    "members",
    "explain",
];

fn event(v: Json<'_>, path: Path<'_>) -> Result<Event, Error> {
    let map = object(
        v,
        path,
        &[
            "duration",
            "step",
            "bufferBefore",
            "bufferAfter",
            "minNotice",
            "maxDaysAhead",
            "dateRange",
            "hours",
            "respectWorkingHours",
            "minDaysAhead",
            "maxPerDay",
            "maxPerWeek",
            "maxPerMonth",
        ],
    )?;
    let field = |key: &str, lo: i64, hi: i64, default: i64| -> Result<i64, Error> {
        match opt(map, key) {
            Some(v) => int(v, path.key(key), lo, hi),
            None => Ok(default),
        }
    };
    let duration = int(req(map, path, "duration")?, path.key("duration"), 1, 1440)?;
    let step = field("step", 1, 1440, duration)?;
    let buffer_before = field("bufferBefore", 0, 1440, 0)?;
    let buffer_after = field("bufferAfter", 0, 1440, 0)?;
    let min_notice = field("minNotice", 0, 525_600, 0)?;
    let max_days_ahead = match opt(map, "maxDaysAhead") {
        Some(v) => Some(int(v, path.key("maxDaysAhead"), 0, 3650)?),
        None => None,
    };
    let mut date_range = None;
    if let Some(v) = opt(map, "dateRange") {
        let p = path.key("dateRange");
        let dr = object(v, p, &["from", "to"])?;
        let from = date(req(dr, p, "from")?, p.key("from"))?;
        let to = date(req(dr, p, "to")?, p.key("to"))?;
        if to < from {
            return Err(Error::new(
                ErrorCode::InvalidInterval,
                p,
                "`to` must not be before `from`",
            ));
        }
        date_range = Some((from, to));
    }
    let hours = match opt(map, "hours") {
        Some(v) => Some(weekly(v, path.key("hours"))?),
        None => None,
    };
    let respect_working_hours = match opt(map, "respectWorkingHours") {
        Some(v) => boolean(v, path.key("respectWorkingHours"))?,
        None => true,
    };
    let min_days_ahead = field("minDaysAhead", 0, 3650, 0)?;
    let limits = limit_fields(map, path)?;
    Ok(Event {
        duration: Minutes(duration),
        step: Minutes(step),
        buffer_before: Minutes(buffer_before),
        buffer_after: Minutes(buffer_after),
        min_notice: Minutes(min_notice),
        max_days_ahead,
        date_range,
        hours,
        respect_working_hours,
        min_days_ahead,
        limits,
    })
}

/// `now` in nanoseconds, or `default_now_ms` when absent.
pub(super) fn now_ns(map: Json<'_>, default_now_ms: i64) -> Result<i128, Error> {
    match opt(map, "now") {
        Some(v) => instant_ns(v, Path::Raw("now")),
        None => Ok(default_now_ms as i128 * 1_000_000),
    }
}

/// `{start, end}` of a range: end after start, at most 366 days.
fn range(v: Json<'_>, path: &str) -> Result<(Instant, Instant), Error> {
    let (start, end) = instant_interval(v, Path::Raw(path))?;
    check_range(start.0, end.0, path)?;
    Ok((start, end))
}

/// The range rules of SPEC §3 and §9: end after start, at most [`MAX_RANGE_DAYS`] days (ms
/// since the epoch, as the calendar reader has them too).
///
/// # Errors
/// `invalid_interval` or `limit_exceeded` at `path`.
pub fn check_range(start: i64, end: i64, path: &str) -> Result<(), Error> {
    if end <= start {
        return Err(Error::new(
            ErrorCode::InvalidInterval,
            path,
            "`end` must be after `start`",
        ));
    }
    if end - start > MAX_RANGE_DAYS * Ms::DAY.0 {
        return Err(Error::new(
            ErrorCode::LimitExceeded,
            path,
            format!("a range may span at most {MAX_RANGE_DAYS} days"),
        ));
    }
    Ok(())
}

fn team(map: Json<'_>) -> Result<(Mode, Option<usize>, Assignment), Error> {
    let (mut mode, mut min_available, mut assignment) =
        (Mode::Collective, None, Assignment::LeastRecentlyBooked);
    if let Some(team) = opt(map, "team") {
        let t = object(
            team,
            Path::Raw("team"),
            &["mode", "minAvailable", "assignment"],
        )?;
        if let Some(m) = opt(t, "mode") {
            mode = match m.as_str() {
                Some("collective") => Mode::Collective,
                Some("roundRobin") => Mode::RoundRobin,
                _ => {
                    return Err(invalid(
                        Path::Raw("team.mode"),
                        "`mode` must be \"collective\" or \"roundRobin\"",
                    ))
                }
            };
        }
        if let Some(v) = opt(t, "minAvailable") {
            min_available =
                Some(int(v, Path::Raw("team.minAvailable"), 1, MAX_MEMBERS as i64)? as usize);
        }
        if let Some(a) = opt(t, "assignment") {
            assignment = match a.as_str() {
                Some("leastRecentlyBooked") => Assignment::LeastRecentlyBooked,
                Some("balanced") => Assignment::Balanced,
                Some("priority") => Assignment::Priority,
                _ => return Err(invalid(
                    Path::Raw("team.assignment"),
                    "`assignment` must be \"leastRecentlyBooked\", \"balanced\" or \"priority\"",
                )),
            };
        }
    }
    Ok((mode, min_available, assignment))
}

/// The `members` list of a slots request.
fn members(map: Json<'_>) -> Result<Vec<Member>, Error> {
    let mut budget = Budget::default();
    member_list(
        req(map, Path::Root, "members")?,
        Path::Raw("members"),
        |v, p| member_fields(object(v, p, &MEMBER_FIELDS)?, p, &mut budget),
        |m| &m.id,
    )
}

/// Reads a slots request; `range` is required only when `needs_range` (a [`crate::Scheduler`]
/// template names its range per call).
pub fn slots_request(
    value: Json<'_>,
    default_now_ms: i64,
    needs_range: bool,
) -> Result<SlotsRequest, Error> {
    let map = object(value, Path::Root, &SLOTS_FIELDS)?;
    let now = Instant(ceil_ms(now_ns(map, default_now_ms)?));
    let range = match (opt(map, "range"), needs_range) {
        (None, false) => None,
        (v, _) => {
            let v = v.ok_or_else(|| {
                Error::new(ErrorCode::MissingField, "range", "`range` is required")
            })?;
            Some(range(v, "range")?)
        }
    };
    let tz_value = req(map, Path::Root, "timezone")?;
    let tz = zone(tz_value, Path::Raw("timezone"))?;
    let (viewer_tz, viewer_tz_name) = match opt(map, "viewerTimezone") {
        Some(v) => (
            zone(v, Path::Raw("viewerTimezone"))?,
            v.as_str().unwrap_or_default().to_string(),
        ),
        None => (tz, tz_value.as_str().unwrap_or_default().to_string()),
    };
    let event = event(req(map, Path::Root, "event")?, Path::Raw("event"))?;
    let (mode, min_available, assignment) = team(map)?;
    let members = members(map)?;

    let pool = members.iter().filter(|m| !m.required).count();
    let min_available = match (mode, min_available) {
        (Mode::RoundRobin, Some(n)) if n > pool => {
            return Err(invalid(
                Path::Raw("team.minAvailable"),
                format!(
                    "`minAvailable` is {n} but only {pool} non-required members can be assigned"
                ),
            ))
        }
        (_, Some(n)) => n,
        (_, None) => pool.min(1),
    };

    let explain = match opt(map, "explain") {
        Some(v) => {
            let ns = instant_ns(v, Path::Raw("explain"))?;
            Some((
                Instant(floor_ms(ns)),
                ns.rem_euclid(Ms::MINUTE.0 as i128 * 1_000_000) == 0,
            ))
        }
        None => None,
    };
    Ok(SlotsRequest {
        now,
        range,
        tz,
        viewer_tz,
        viewer_tz_name,
        event,
        mode,
        min_available,
        assignment,
        members,
        explain,
    })
}
