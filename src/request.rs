//! Requests: strict parsing and validation of the SPEC §3 and §8 JSON into typed values, with
//! an error `code` and `path` for the first problem found (SPEC §9).
//!
//! Fields are checked in a fixed order: unknown fields of an object first, then its fields in the
//! order the SPEC lists them. `null` counts as absent for optional fields.

use std::collections::HashMap;
use std::sync::Arc;

use crate::zone::Tz;
use std::fmt;

use serde_json::{Map, Value};

use crate::error::{Error, ErrorCode};
use crate::instant::{
    ceil_ms, floor_ms, parse_date, parse_date_at, parse_instant_ns, parse_time_str, LocalDate, DAY,
    MINUTE,
};
use crate::zone::parse_zone;

/// At most this many members.
pub const MAX_MEMBERS: usize = 500;
/// At most this many busy intervals and bookings, all members together.
pub const MAX_BUSY: usize = 200_000;
/// A range may span at most this many days.
pub const MAX_RANGE_DAYS: i64 = 366;
/// At most this many slots in a response.
pub const MAX_SLOTS: usize = 100_000;

/// Local `[start, end)` minute pairs of one day (end may be ≤ start: across midnight).
pub type Pairs = Vec<(i64, i64)>;

/// Weekly hours: index 0 = Monday … 6 = Sunday.
#[derive(Debug, Clone, Default)]
pub struct Weekly(pub [Pairs; 7]);

/// The weekday keys of a weekly schedule, Monday first.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A busy interval or booking (SPEC §3), `[start, end)` in ms (rounded outward), with the
/// item's own buffers in ms when it gives them (SPEC 1.1: a booking without them takes the
/// event's, a busy item 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusyItem {
    /// Start, ms.
    pub start: i64,
    /// End, ms.
    pub end: i64,
    /// `bufferBefore`, ms, when the item has one.
    pub buffer_before: Option<i64>,
    /// `bufferAfter`, ms, when the item has one.
    pub buffer_after: Option<i64>,
}

/// Booking limits per local date, week (Monday to Sunday) and calendar month in the member's
/// zone (SPEC §3: `maxPerDay`, `maxPerWeek`, `maxPerMonth`); `None` = no limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    /// Bookings per local date.
    pub day: Option<usize>,
    /// Bookings per local week, Monday to Sunday.
    pub week: Option<usize>,
    /// Bookings per calendar month.
    pub month: Option<usize>,
}

impl Limits {
    /// These limits where set, else `fallback`'s (a member's own limits over the event's).
    pub fn or(self, fallback: Limits) -> Limits {
        Limits {
            day: self.day.or(fallback.day),
            week: self.week.or(fallback.week),
            month: self.month.or(fallback.month),
        }
    }
}

/// The largest value of every booking limit (SPEC §3).
pub const MAX_LIMIT: i64 = 100_000;

/// A member's hours: weekly, overrides and time off (shared by slots and status requests).
#[derive(Debug, Clone, Default)]
pub struct Hours {
    /// Weekly working hours in the member's zone.
    pub weekly: Weekly,
    /// Local date → pairs replacing that date's weekly hours.
    pub overrides: HashMap<LocalDate, Pairs>,
    /// Whole local dates off, inclusive `(from, to)`.
    pub off_dates: Vec<(LocalDate, LocalDate)>,
    /// Instant periods off, `[start, end)` in ms (rounded outward).
    pub off_instants: Vec<(i64, i64)>,
}

/// One team member of a slots request.
#[derive(Debug, Clone)]
pub struct Member {
    /// The member's id, as given.
    pub id: Arc<str>,
    /// The member's zone.
    pub tz: Tz,
    /// Working hours and time off.
    pub hours: Hours,
    /// Busy intervals from calendars.
    pub busy: Vec<BusyItem>,
    /// Bookings made through this page.
    pub bookings: Vec<BusyItem>,
    /// The member's own limits (each replaces the event's of the same name).
    pub limits: Limits,
    /// roundRobin: a fixed host.
    pub required: bool,
    /// Assignment input (`priority` order).
    pub priority: f64,
    /// Assignment input (`balanced` order), > 0.
    pub weight: f64,
    /// Assignment input; `None` = earliest possible.
    pub last_booked_at: Option<i64>,
    /// Team status: when the member last got a conversation; `None` = earliest possible.
    pub last_assigned_at: Option<i64>,
}

/// The team rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every member must be free.
    Collective,
    /// Every required member and at least `min_available` of the others.
    RoundRobin,
}

/// Round-robin assignment order (SPEC §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignment {
    /// `lastBookedAt`, missing first.
    LeastRecentlyBooked,
    /// bookings ÷ weight, then `lastBookedAt`.
    Balanced,
    /// Highest priority, then `lastBookedAt`.
    Priority,
}

/// The page's rules.
#[derive(Debug, Clone)]
pub struct Event {
    /// Meeting length, ms.
    pub duration: i64,
    /// Grid step, minutes.
    pub step: i64,
    /// Free time needed before, ms.
    pub buffer_before: i64,
    /// Free time needed after, ms.
    pub buffer_after: i64,
    /// Minimum notice, ms.
    pub min_notice: i64,
    /// Days after now's local date (page zone).
    pub max_days_ahead: Option<i64>,
    /// `(from, to)`: inclusive local dates (page zone) a slot must start on.
    pub date_range: Option<(LocalDate, LocalDate)>,
    /// Page hours in the page zone.
    pub hours: Option<Weekly>,
    /// When false, members' weekly hours and overrides are ignored.
    pub respect_working_hours: bool,
    /// Local dates (page zone) after now's that a slot's date must at least be.
    pub min_days_ahead: i64,
    /// Bookings per member-local date, week and month that make a member unavailable then
    /// (0: never available, as the SPEC's wording reads).
    pub limits: Limits,
}

/// A validated slots request (SPEC §3).
#[derive(Debug, Clone)]
pub struct SlotsRequest {
    /// The viewing instant, ms (rounded up: slots must start at or after it).
    pub now: i64,
    /// `[start, end)` of slot starts, ms; `None` for a [`crate::Scheduler`] template.
    pub range: Option<(i64, i64)>,
    /// The page zone.
    pub tz: Tz,
    /// The zone for `days`.
    pub viewer_tz: Tz,
    /// The zone name for the response, as the request spelled it.
    pub viewer_tz_name: String,
    /// The page's rules.
    pub event: Event,
    /// The team rule.
    pub mode: Mode,
    /// roundRobin: how many non-required members must be free.
    pub min_available: usize,
    /// roundRobin: order of candidates.
    pub assignment: Assignment,
    /// The members, in request order.
    pub members: Vec<Member>,
    /// An instant to explain: (ms floored, whether it is a whole minute).
    pub explain: Option<(i64, bool)>,
}

/// A manual status choice (SPEC §8).
#[derive(Debug, Clone)]
pub struct Manual {
    /// `true` for available, `false` for away.
    pub available: bool,
    /// When it was chosen, ms.
    pub since: i64,
    /// The reason given, if any.
    pub reason: Option<String>,
}

/// One member of a status request (SPEC §8).
#[derive(Debug, Clone)]
pub struct StatusMember {
    /// The member's id.
    pub id: String,
    /// The member's zone.
    pub tz: Tz,
    /// Working hours and time off.
    pub hours: Hours,
    /// The manual choice, if any.
    pub manual: Option<Manual>,
    /// `(max, assigned)`.
    pub capacity: Option<(u64, u64)>,
    /// When the member last got a conversation, ms; `None` = earliest possible.
    pub last_assigned_at: Option<i64>,
}

/// Who gets the next conversation in a team status (SPEC §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusAssignment {
    /// Longest since `lastAssignedAt`, then id.
    RoundRobin,
    /// Lowest `assigned / max`, then `lastAssignedAt`, then id.
    LeastLoaded,
}

/// A validated status request (SPEC §8): one member, or a team (SPEC 1.1).
#[derive(Debug, Clone)]
pub struct StatusRequest {
    /// The instant asked about, ms.
    pub now: i64,
    /// The members, in request order (one for a single-member request).
    pub members: Vec<StatusMember>,
    /// `Some` for a team status (`members` given): how `next` is chosen.
    pub team: Option<StatusAssignment>,
}

/// Where a value sits in the request, formatted only when an error needs it (`members[2].id`).
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The whole request.
    Root,
    /// A dotted path written out, e.g. `"team.mode"`.
    Raw(&'a str),
    /// A field of an object.
    Key(&'a Path<'a>, &'a str),
    /// An item of an array.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The path of field `key` below this one.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The path of item `i` below this one.
    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Raw(s) => f.write_str(s),
            Path::Key(Path::Root, key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

impl From<Path<'_>> for String {
    fn from(path: Path<'_>) -> String {
        path.to_string()
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn invalid(path: Path<'_>, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidValue, path, message)
}

/// An object with only the `allowed` keys.
fn object<'a>(
    v: &'a Value,
    path: Path<'_>,
    allowed: &[&str],
) -> Result<&'a Map<String, Value>, Error> {
    let Value::Object(map) = v else {
        return Err(invalid(
            path,
            format!("expected an object, found {}", type_name(v)),
        ));
    };
    if let Some(key) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(Error::new(
            ErrorCode::UnknownField,
            path.key(key),
            format!(
                "unknown field `{}`; expected one of: {}",
                crate::instant::truncate(key),
                allowed.join(", ")
            ),
        ));
    }
    Ok(map)
}

/// An optional field (`null` = absent).
fn opt<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}

/// A required field.
fn req<'a>(map: &'a Map<String, Value>, path: Path<'_>, key: &str) -> Result<&'a Value, Error> {
    opt(map, key).ok_or_else(|| {
        Error::new(
            ErrorCode::MissingField,
            path.key(key),
            format!("`{key}` is required"),
        )
    })
}

fn array<'a>(v: &'a Value, path: Path<'_>) -> Result<&'a Vec<Value>, Error> {
    match v {
        Value::Array(a) => Ok(a),
        _ => Err(invalid(
            path,
            format!("expected an array, found {}", type_name(v)),
        )),
    }
}

fn int(v: &Value, path: Path<'_>, lo: i64, hi: i64) -> Result<i64, Error> {
    let n = match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
                .map(|f| f as i64)
        }),
        _ => None,
    };
    match n {
        Some(n) if (lo..=hi).contains(&n) => Ok(n),
        Some(n) => Err(invalid(path, format!("{n} is out of range {lo}..{hi}"))),
        None => Err(invalid(
            path,
            format!(
                "expected a whole number in {lo}..{hi}, found {}",
                type_name(v)
            ),
        )),
    }
}

fn number(v: &Value, path: Path<'_>) -> Result<f64, Error> {
    match v.as_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(invalid(
            path,
            format!("expected a number, found {}", type_name(v)),
        )),
    }
}

fn boolean(v: &Value, path: Path<'_>) -> Result<bool, Error> {
    v.as_bool().ok_or_else(|| {
        invalid(
            path,
            format!("expected true or false, found {}", type_name(v)),
        )
    })
}

fn string<'a>(v: &'a Value, path: Path<'_>) -> Result<&'a str, Error> {
    v.as_str()
        .ok_or_else(|| invalid(path, format!("expected a string, found {}", type_name(v))))
}

/// `[start, end]` local-time pairs of one day.
fn pairs(v: &Value, path: Path<'_>) -> Result<Pairs, Error> {
    let list = array(v, path)?;
    let mut out = Vec::with_capacity(list.len());
    for (i, pair) in list.iter().enumerate() {
        let p = path.index(i);
        let bad = |what: &str| {
            Error::new(
                ErrorCode::InvalidTime,
                p,
                format!("expected [\"HH:MM\", \"HH:MM\"] {what}"),
            )
        };
        let Some([a, b]) = pair
            .as_array()
            .map(Vec::as_slice)
            .and_then(|s| <&[Value; 2]>::try_from(s).ok())
        else {
            return Err(bad(&format!(
                "(a pair of local times), found {}",
                type_name(pair)
            )));
        };
        let (Some(a), Some(b)) = (a.as_str(), b.as_str()) else {
            return Err(bad("with both times as strings"));
        };
        let start = parse_time_str(a, false).ok_or_else(|| {
            bad(&format!(
                "with a start in 00:00..23:59, found `{}`",
                crate::instant::truncate(a)
            ))
        })?;
        let end = parse_time_str(b, true).ok_or_else(|| {
            bad(&format!(
                "with an end in 00:00..24:00, found `{}`",
                crate::instant::truncate(b)
            ))
        })?;
        out.push((start, end));
    }
    Ok(out)
}

fn weekly(v: &Value, path: Path<'_>) -> Result<Weekly, Error> {
    let map = object(v, path, &WEEKDAYS)?;
    let mut w = Weekly::default();
    for (d, key) in WEEKDAYS.iter().enumerate() {
        if let Some(day) = opt(map, key) {
            w.0[d] = pairs(day, path.key(key))?;
        }
    }
    Ok(w)
}

fn overrides(v: &Value, path: Path<'_>) -> Result<HashMap<LocalDate, Pairs>, Error> {
    let Value::Object(map) = v else {
        return Err(invalid(
            path,
            format!("expected an object of date → hours, found {}", type_name(v)),
        ));
    };
    let mut out = HashMap::with_capacity(map.len());
    for (key, day) in map {
        let p = path.key(key);
        let date = parse_date_at(key, p)?;
        let hours = if day.is_null() {
            Vec::new()
        } else {
            pairs(day, p)?
        };
        out.insert(date, hours);
    }
    Ok(out)
}

/// `{start, end}` instants with end after start, rounded outward to ms.
fn instant_interval(v: &Value, path: Path<'_>) -> Result<(i64, i64), Error> {
    let map = object(v, path, &["start", "end"])?;
    let start = parse_instant_ns(req(map, path, "start")?, path.key("start"))?;
    let end = parse_instant_ns(req(map, path, "end")?, path.key("end"))?;
    if end <= start {
        return Err(Error::new(
            ErrorCode::InvalidInterval,
            path,
            "`end` must be after `start`",
        ));
    }
    Ok((floor_ms(start), ceil_ms(end)))
}

/// A busy or booking item: `{start, end, bufferBefore?, bufferAfter?}`.
fn busy_item(v: &Value, path: Path<'_>) -> Result<BusyItem, Error> {
    let map = object(v, path, &["start", "end", "bufferBefore", "bufferAfter"])?;
    let start = parse_instant_ns(req(map, path, "start")?, path.key("start"))?;
    let end = parse_instant_ns(req(map, path, "end")?, path.key("end"))?;
    if end <= start {
        return Err(Error::new(
            ErrorCode::InvalidInterval,
            path,
            "`end` must be after `start`",
        ));
    }
    let buffer = |key: &str| -> Result<Option<i64>, Error> {
        opt(map, key)
            .map(|v| int(v, path.key(key), 0, 1440).map(|m| m * MINUTE))
            .transpose()
    };
    Ok(BusyItem {
        start: floor_ms(start),
        end: ceil_ms(end),
        buffer_before: buffer("bufferBefore")?,
        buffer_after: buffer("bufferAfter")?,
    })
}

fn busy_items(v: &Value, path: Path<'_>, budget: &mut usize) -> Result<Vec<BusyItem>, Error> {
    let list = array(v, path)?;
    if list.len() > *budget {
        return Err(Error::new(
            ErrorCode::LimitExceeded,
            path,
            format!("at most {MAX_BUSY} busy intervals and bookings are accepted in one request"),
        ));
    }
    *budget -= list.len();
    list.iter()
        .enumerate()
        .map(|(i, item)| busy_item(item, path.index(i)))
        .collect()
}

/// `{maxPerDay?, maxPerWeek?, maxPerMonth?}`, each 0..100000; `map` is the object holding them
/// (an event, or a member's `limits`).
fn limit_fields(map: &Map<String, Value>, path: Path<'_>) -> Result<Limits, Error> {
    let limit = |key: &str| -> Result<Option<usize>, Error> {
        opt(map, key)
            .map(|v| int(v, path.key(key), 0, MAX_LIMIT).map(|n| n as usize))
            .transpose()
    };
    Ok(Limits {
        day: limit("maxPerDay")?,
        week: limit("maxPerWeek")?,
        month: limit("maxPerMonth")?,
    })
}

const LIMIT_FIELDS: [&str; 3] = ["maxPerDay", "maxPerWeek", "maxPerMonth"];

fn time_off(v: &Value, path: Path<'_>, hours: &mut Hours) -> Result<(), Error> {
    for (i, item) in array(v, path)?.iter().enumerate() {
        let p = path.index(i);
        let map = object(item, p, &["from", "to", "start", "end"])?;
        let dates = map.contains_key("from") || map.contains_key("to");
        let instants = map.contains_key("start") || map.contains_key("end");
        if dates && instants {
            return Err(invalid(p, "a time-off period has either `from`/`to` dates or `start`/`end` instants, not both"));
        }
        if instants {
            hours.off_instants.push(instant_interval(item, p)?);
        } else if dates {
            let from = parse_date(req(map, p, "from")?, p.key("from"))?;
            let to = parse_date(req(map, p, "to")?, p.key("to"))?;
            if to < from {
                return Err(Error::new(
                    ErrorCode::InvalidInterval,
                    p,
                    "`to` must not be before `from`",
                ));
            }
            hours.off_dates.push((from, to));
        } else {
            return Err(Error::new(
                ErrorCode::MissingField,
                p.key("from"),
                "a time-off period needs `from` and `to` dates or `start` and `end` instants",
            ));
        }
    }
    Ok(())
}

fn hours_fields(map: &Map<String, Value>, path: Path<'_>) -> Result<Hours, Error> {
    let mut hours = Hours::default();
    if let Some(v) = opt(map, "weekly") {
        hours.weekly = weekly(v, path.key("weekly"))?;
    }
    if let Some(v) = opt(map, "overrides") {
        hours.overrides = overrides(v, path.key("overrides"))?;
    }
    if let Some(v) = opt(map, "timeOff") {
        time_off(v, path.key("timeOff"), &mut hours)?;
    }
    Ok(hours)
}

const MEMBER_FIELDS: [&str; 12] = [
    "id",
    "timezone",
    "weekly",
    "overrides",
    "timeOff",
    "busy",
    "bookings",
    "limits",
    "required",
    "priority",
    "weight",
    "lastBookedAt",
];

/// The fields a status member adds to [`MEMBER_FIELDS`].
const STATUS_MEMBER_FIELDS: [&str; 3] = ["manual", "capacity", "lastAssignedAt"];

fn member_id(map: &Map<String, Value>, path: Path<'_>) -> Result<String, Error> {
    let p = path.key("id");
    let id = string(req(map, path, "id")?, p)?;
    if id.is_empty() {
        return Err(invalid(p, "a member id must not be empty"));
    }
    Ok(id.to_string())
}

fn member(v: &Value, path: Path<'_>, budget: &mut usize) -> Result<Member, Error> {
    member_fields(object(v, path, &MEMBER_FIELDS)?, path, budget)
}

/// The member fields of `map`, whose unknown fields were already rejected.
fn member_fields(
    map: &Map<String, Value>,
    path: Path<'_>,
    budget: &mut usize,
) -> Result<Member, Error> {
    let id = member_id(map, path)?;
    let tz = parse_zone(req(map, path, "timezone")?, path.key("timezone"))?;
    let hours = hours_fields(map, path)?;
    let busy = match opt(map, "busy") {
        Some(v) => busy_items(v, path.key("busy"), budget)?,
        None => Vec::new(),
    };
    let bookings = match opt(map, "bookings") {
        Some(v) => busy_items(v, path.key("bookings"), budget)?,
        None => Vec::new(),
    };
    let limits = match opt(map, "limits") {
        Some(v) => {
            let p = path.key("limits");
            limit_fields(object(v, p, &LIMIT_FIELDS)?, p)?
        }
        None => Limits::default(),
    };
    let required = match opt(map, "required") {
        Some(v) => boolean(v, path.key("required"))?,
        None => false,
    };
    let priority = match opt(map, "priority") {
        Some(v) => number(v, path.key("priority"))?,
        None => 0.0,
    };
    let weight = match opt(map, "weight") {
        Some(v) => {
            let p = path.key("weight");
            let w = number(v, p)?;
            if w <= 0.0 {
                return Err(invalid(p, "`weight` must be greater than 0"));
            }
            w
        }
        None => 1.0,
    };
    let last_booked_at = match opt(map, "lastBookedAt") {
        Some(v) => Some(floor_ms(parse_instant_ns(v, path.key("lastBookedAt"))?)),
        None => None,
    };
    let last_assigned_at = match opt(map, "lastAssignedAt") {
        Some(v) => Some(floor_ms(parse_instant_ns(v, path.key("lastAssignedAt"))?)),
        None => None,
    };
    Ok(Member {
        id: Arc::from(id),
        tz,
        hours,
        busy,
        bookings,
        limits,
        required,
        priority,
        weight,
        last_booked_at,
        last_assigned_at,
    })
}

fn event(v: &Value, path: Path<'_>) -> Result<Event, Error> {
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
    let minutes = |key: &str, lo: i64, hi: i64, default: i64| -> Result<i64, Error> {
        match opt(map, key) {
            Some(v) => int(v, path.key(key), lo, hi),
            None => Ok(default),
        }
    };
    let duration = int(req(map, path, "duration")?, path.key("duration"), 1, 1440)?;
    let step = minutes("step", 1, 1440, duration)?;
    let buffer_before = minutes("bufferBefore", 0, 1440, 0)?;
    let buffer_after = minutes("bufferAfter", 0, 1440, 0)?;
    let min_notice = minutes("minNotice", 0, 525_600, 0)?;
    let max_days_ahead = match opt(map, "maxDaysAhead") {
        Some(v) => Some(int(v, path.key("maxDaysAhead"), 0, 3650)?),
        None => None,
    };
    let mut date_range = None;
    if let Some(v) = opt(map, "dateRange") {
        let p = path.key("dateRange");
        let dr = object(v, p, &["from", "to"])?;
        let from = parse_date(req(dr, p, "from")?, p.key("from"))?;
        let to = parse_date(req(dr, p, "to")?, p.key("to"))?;
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
    let min_days_ahead = minutes("minDaysAhead", 0, 3650, 0)?;
    let limits = limit_fields(map, path)?;
    Ok(Event {
        duration: duration * MINUTE,
        step,
        buffer_before: buffer_before * MINUTE,
        buffer_after: buffer_after * MINUTE,
        min_notice: min_notice * MINUTE,
        max_days_ahead,
        date_range,
        hours,
        respect_working_hours,
        min_days_ahead,
        limits,
    })
}

fn now_ns(map: &Map<String, Value>, default_now_ms: i64) -> Result<i128, Error> {
    match opt(map, "now") {
        Some(v) => parse_instant_ns(v, "now"),
        None => Ok(default_now_ms as i128 * 1_000_000),
    }
}

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

impl SlotsRequest {
    /// Validates a slots request. `default_now_ms` stands in for a missing `now`.
    pub fn from_value(value: &Value, default_now_ms: i64) -> Result<SlotsRequest, Error> {
        Self::parse(value, default_now_ms, true)
    }

    /// Validates a slots request; `range` is required only when `needs_range`.
    pub fn parse(
        value: &Value,
        default_now_ms: i64,
        needs_range: bool,
    ) -> Result<SlotsRequest, Error> {
        let map = object(value, Path::Root, &SLOTS_FIELDS)?;
        let now = ceil_ms(now_ns(map, default_now_ms)?);
        let range = match (opt(map, "range"), needs_range) {
            (None, false) => None,
            (v, _) => {
                let v = v.ok_or_else(|| {
                    Error::new(ErrorCode::MissingField, "range", "`range` is required")
                })?;
                Some(parse_range(v, "range")?)
            }
        };
        let tz_value = req(map, Path::Root, "timezone")?;
        let tz = parse_zone(tz_value, "timezone")?;
        let (viewer_tz, viewer_tz_name) = match opt(map, "viewerTimezone") {
            Some(v) => (
                parse_zone(v, "viewerTimezone")?,
                v.as_str().unwrap_or_default().to_string(),
            ),
            None => (tz, tz_value.as_str().unwrap_or_default().to_string()),
        };
        let event = event(req(map, Path::Root, "event")?, Path::Raw("event"))?;

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
                    _ => {
                        return Err(invalid(Path::Raw("team.assignment"),
                            "`assignment` must be \"leastRecentlyBooked\", \"balanced\" or \"priority\"",
                        ))
                    }
                };
            }
        }

        let list = array(req(map, Path::Root, "members")?, Path::Raw("members"))?;
        if list.is_empty() {
            return Err(invalid(
                Path::Raw("members"),
                "at least one member is required",
            ));
        }
        if list.len() > MAX_MEMBERS {
            return Err(Error::new(
                ErrorCode::LimitExceeded,
                "members",
                format!(
                    "at most {MAX_MEMBERS} members are accepted, found {}",
                    list.len()
                ),
            ));
        }
        let mut budget = MAX_BUSY;
        let mut members = Vec::with_capacity(list.len());
        let mut seen = std::collections::HashSet::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            let m = member(v, Path::Raw("members").index(i), &mut budget)?;
            if !seen.insert(m.id.clone()) {
                return Err(invalid(
                    Path::Raw("members").index(i).key("id"),
                    format!("member id `{}` appears twice", m.id),
                ));
            }
            members.push(m);
        }

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
                let ns = parse_instant_ns(v, "explain")?;
                Some((floor_ms(ns), ns.rem_euclid(MINUTE as i128 * 1_000_000) == 0))
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
}

/// `{start, end}` of a range: end after start, at most 366 days.
pub fn parse_range(v: &Value, path: &str) -> Result<(i64, i64), Error> {
    let (start, end) = instant_interval(v, Path::Raw(path))?;
    check_range(start, end, path)?;
    Ok((start, end))
}

/// The range limit of §9.
pub fn check_range(start: i64, end: i64, path: &str) -> Result<(), Error> {
    if end <= start {
        return Err(Error::new(
            ErrorCode::InvalidInterval,
            path,
            "`end` must be after `start`",
        ));
    }
    if end - start > MAX_RANGE_DAYS * DAY {
        return Err(Error::new(
            ErrorCode::LimitExceeded,
            path,
            format!("a range may span at most {MAX_RANGE_DAYS} days"),
        ));
    }
    Ok(())
}

fn status_member(v: &Value, path: Path<'_>) -> Result<StatusMember, Error> {
    let mut fields: Vec<&str> = MEMBER_FIELDS.to_vec();
    fields.extend(STATUS_MEMBER_FIELDS);
    let m = object(v, path, &fields)?;
    // The slots member fields are validated as in a slots request.
    let mut budget = MAX_BUSY;
    let parsed = member_fields(m, path, &mut budget)?;
    let manual = match opt(m, "manual") {
        Some(v) => {
            let p = path.key("manual");
            let map = object(v, p, &["status", "since", "reason"])?;
            let available = match req(map, p, "status")?.as_str() {
                Some("available") => true,
                Some("away") => false,
                _ => {
                    return Err(invalid(
                        p.key("status"),
                        "`status` must be \"available\" or \"away\"",
                    ))
                }
            };
            let since = floor_ms(parse_instant_ns(req(map, p, "since")?, p.key("since"))?);
            let reason = match opt(map, "reason") {
                Some(r) => Some(string(r, p.key("reason"))?.to_string()),
                None => None,
            };
            Some(Manual {
                available,
                since,
                reason,
            })
        }
        None => None,
    };
    let capacity = match opt(m, "capacity") {
        Some(v) => {
            let p = path.key("capacity");
            let map = object(v, p, &["max", "assigned"])?;
            let max = int(req(map, p, "max")?, p.key("max"), 0, i64::MAX >> 11)?;
            let assigned = int(
                req(map, p, "assigned")?,
                p.key("assigned"),
                0,
                i64::MAX >> 11,
            )?;
            Some((max as u64, assigned as u64))
        }
        None => None,
    };
    Ok(StatusMember {
        id: parsed.id.to_string(),
        tz: parsed.tz,
        hours: parsed.hours,
        manual,
        capacity,
        last_assigned_at: parsed.last_assigned_at,
    })
}

impl StatusRequest {
    /// Validates a status request (SPEC §8): `member` for one member's status, or `members`
    /// (1..500, unique ids) and an optional `assignment` for a team status. `default_now_ms`
    /// stands in for a missing `now`.
    ///
    /// A member may also carry the slots member fields (`busy`, `bookings`, `limits`,
    /// `required`, `priority`, `weight`, `lastBookedAt`) so one member object serves both
    /// requests; they are validated and do not affect the status.
    ///
    /// # Errors
    /// Both `member` and `members`: `invalid_value` at `members`; neither: `missing_field` at
    /// `member`; a duplicate id: `invalid_value` at `members[i].id`; an unknown `assignment`:
    /// `invalid_value` at `assignment`; and every member field's own error at its path.
    pub fn from_value(value: &Value, default_now_ms: i64) -> Result<StatusRequest, Error> {
        let map = object(
            value,
            Path::Root,
            &["now", "member", "members", "assignment"],
        )?;
        let now = floor_ms(now_ns(map, default_now_ms)?);
        let team = match opt(map, "assignment") {
            None => StatusAssignment::RoundRobin,
            Some(a) => match a.as_str() {
                Some("roundRobin") => StatusAssignment::RoundRobin,
                Some("leastLoaded") => StatusAssignment::LeastLoaded,
                _ => {
                    return Err(invalid(
                        Path::Raw("assignment"),
                        "`assignment` must be \"roundRobin\" or \"leastLoaded\"",
                    ))
                }
            },
        };
        match (opt(map, "member"), opt(map, "members")) {
            (Some(_), Some(_)) => Err(invalid(
                Path::Raw("members"),
                "a status request has `member` (one member) or `members` (a team), not both",
            )),
            (None, None) => Err(Error::new(
                ErrorCode::MissingField,
                "member",
                "`member` (or `members` for a team status) is required",
            )),
            (Some(v), None) => Ok(StatusRequest {
                now,
                members: vec![status_member(v, Path::Raw("member"))?],
                team: None,
            }),
            (None, Some(v)) => {
                let path = Path::Raw("members");
                let list = array(v, path)?;
                if list.is_empty() {
                    return Err(invalid(path, "at least one member is required"));
                }
                if list.len() > MAX_MEMBERS {
                    return Err(Error::new(
                        ErrorCode::LimitExceeded,
                        "members",
                        format!(
                            "at most {MAX_MEMBERS} members are accepted, found {}",
                            list.len()
                        ),
                    ));
                }
                let mut members = Vec::with_capacity(list.len());
                let mut seen = std::collections::HashSet::with_capacity(list.len());
                for (i, v) in list.iter().enumerate() {
                    let m = status_member(v, path.index(i))?;
                    if !seen.insert(m.id.clone()) {
                        return Err(invalid(
                            path.index(i).key("id"),
                            format!("member id `{}` appears twice", m.id),
                        ));
                    }
                    members.push(m);
                }
                Ok(StatusRequest {
                    now,
                    members,
                    team: Some(team),
                })
            }
        }
    }
}
