//! A member's fields (SPEC §3, §8), shared by slots and status requests: weekly hours,
//! overrides, time off, busy items and bookings with their buffers, limits, assignment inputs,
//! calendars and the public-request extensions; and member lists of unique ids.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::error::{Error, ErrorCode};
use crate::instant::{ceil_ms, floor_ms, Instant};
use crate::limits::{
    MAX_BUSY, MAX_ID_BYTES, MAX_LIMIT, MAX_MEMBERS, MAX_OVERRIDE_DATES, MAX_TIME_OFF,
};
use crate::model::{BusyItem, Hours, Limits, Member, Pairs, Weekly};
use crate::read::calendars::{calendars, Budget};
use crate::read::fields::{
    array, at_most, boolean, date, date_text, instant_ns, int, invalid, limit, number, object, opt,
    pairs, req, string, zone, Path,
};
use crate::read::json::Json;
use crate::units::{LocalDate, Minutes};

/// The weekday keys of a weekly schedule, Monday first.
const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The fields of a member of a slots request.
pub(crate) const MEMBER_FIELDS: [&str; 15] = [
    "id",
    "timezone",
    "weekly",
    "overrides",
    "timeOff",
    "busy",
    "bookings",
    "limits",
    "calendars",
    "required",
    "priority",
    "weight",
    "lastBookedAt",
    // Extensions a public request carries instead of bookings (SPEC §11, README).
    "fullDates",
    "bookingCount",
];

const LIMIT_FIELDS: [&str; 3] = ["maxPerDay", "maxPerWeek", "maxPerMonth"];

pub(super) fn weekly(v: Json<'_>, path: Path<'_>) -> Result<Weekly, Error> {
    let map = object(v, path, &WEEKDAYS)?;
    let mut w = Weekly::default();
    for (d, key) in WEEKDAYS.iter().enumerate() {
        if let Some(day) = opt(map, key) {
            w.0[d] = pairs(day, path.key(key))?;
        }
    }
    Ok(w)
}

fn overrides(v: Json<'_>, path: Path<'_>) -> Result<HashMap<LocalDate, Pairs>, Error> {
    if !v.is_object() {
        return Err(invalid(
            path,
            format!("expected an object of date → hours, found {}", v.kind()),
        ));
    }
    at_most(
        path,
        v.len(),
        MAX_OVERRIDE_DATES,
        "override dates are accepted per member",
    )?;
    let mut out = HashMap::with_capacity(v.len());
    for (key, day) in v.members() {
        let p = path.key(key);
        let date = date_text(key, p)?;
        let hours = if day.is_null() {
            Vec::new()
        } else {
            pairs(day, p)?
        };
        out.insert(date, hours);
    }
    Ok(out)
}

/// The `start` and `end` instants of an interval object, end after start, as exact
/// nanoseconds.
fn start_end(map: Json<'_>, path: Path<'_>) -> Result<(i128, i128), Error> {
    let start = instant_ns(req(map, path, "start")?, path.key("start"))?;
    let end = instant_ns(req(map, path, "end")?, path.key("end"))?;
    if end <= start {
        return Err(Error::new(
            ErrorCode::InvalidInterval,
            path,
            "`end` must be after `start`",
        ));
    }
    Ok((start, end))
}

/// `{start, end}` instants with end after start, rounded outward to ms.
pub(super) fn instant_interval(v: Json<'_>, path: Path<'_>) -> Result<(Instant, Instant), Error> {
    let (start, end) = start_end(object(v, path, &["start", "end"])?, path)?;
    Ok((Instant(floor_ms(start)), Instant(ceil_ms(end))))
}

/// A busy or booking item: `{start, end, bufferBefore?, bufferAfter?}`.
fn busy_item(v: Json<'_>, path: Path<'_>) -> Result<BusyItem, Error> {
    let map = object(v, path, &["start", "end", "bufferBefore", "bufferAfter"])?;
    let (start, end) = start_end(map, path)?;
    let buffer = |key: &str| -> Result<Option<Minutes>, Error> {
        opt(map, key)
            .map(|v| int(v, path.key(key), 0, 1440).map(Minutes))
            .transpose()
    };
    Ok(BusyItem {
        start: Instant(floor_ms(start)),
        end: Instant(ceil_ms(end)),
        buffer_before: buffer("bufferBefore")?,
        buffer_after: buffer("bufferAfter")?,
    })
}

/// Busy items or bookings; together they may not pass `budget` (SPEC §9's 200,000).
fn busy_items(v: Json<'_>, path: Path<'_>, budget: &mut Budget) -> Result<Vec<BusyItem>, Error> {
    let list = array(v, path)?;
    if list.len() > budget.busy {
        return Err(limit(
            path,
            format!("at most {MAX_BUSY} busy intervals and bookings are accepted in one request"),
        ));
    }
    budget.busy -= list.len();
    list.items()
        .enumerate()
        .map(|(i, item)| busy_item(item, path.index(i)))
        .collect()
}

/// `{maxPerDay?, maxPerWeek?, maxPerMonth?}`, each 0..100000; `map` is the object holding
/// them (an event, or a member's `limits`).
pub(super) fn limit_fields(map: Json<'_>, path: Path<'_>) -> Result<Limits, Error> {
    let one = |key: &str| -> Result<Option<usize>, Error> {
        opt(map, key)
            .map(|v| int(v, path.key(key), 0, MAX_LIMIT).map(|n| n as usize))
            .transpose()
    };
    Ok(Limits {
        day: one("maxPerDay")?,
        week: one("maxPerWeek")?,
        month: one("maxPerMonth")?,
    })
}

fn time_off(v: Json<'_>, path: Path<'_>, hours: &mut Hours) -> Result<(), Error> {
    let list = array(v, path)?;
    at_most(
        path,
        list.len(),
        MAX_TIME_OFF,
        "time-off items are accepted per member",
    )?;
    for (i, item) in list.items().enumerate() {
        let p = path.index(i);
        let map = object(item, p, &["from", "to", "start", "end"])?;
        let has = |k: &str| map.get(k).is_some();
        let dates = has("from") || has("to");
        let instants = has("start") || has("end");
        if dates && instants {
            return Err(invalid(p, "a time-off period has either `from`/`to` dates or `start`/`end` instants, not both"));
        }
        if instants {
            hours.off_instants.push(instant_interval(item, p)?);
        } else if dates {
            let from = date(req(map, p, "from")?, p.key("from"))?;
            let to = date(req(map, p, "to")?, p.key("to"))?;
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

fn hours_fields(map: Json<'_>, path: Path<'_>) -> Result<Hours, Error> {
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

fn member_id(map: Json<'_>, path: Path<'_>) -> Result<String, Error> {
    let p = path.key("id");
    let id = string(req(map, path, "id")?, p)?;
    if id.is_empty() {
        return Err(invalid(p, "a member id must not be empty"));
    }
    if id.len() > MAX_ID_BYTES {
        return Err(limit(
            p,
            format!(
                "a member id is at most {MAX_ID_BYTES} bytes, found {}",
                id.len()
            ),
        ));
    }
    Ok(id.to_string())
}

fn optional_instant(map: Json<'_>, path: Path<'_>, key: &str) -> Result<Option<Instant>, Error> {
    opt(map, key)
        .map(|v| instant_ns(v, path.key(key)).map(|ns| Instant(floor_ms(ns))))
        .transpose()
}

/// The member fields of `map`, whose unknown fields were already rejected (shared by slots and
/// status members).
pub(super) fn member_fields(
    map: Json<'_>,
    path: Path<'_>,
    budget: &mut Budget,
) -> Result<Member, Error> {
    let id = member_id(map, path)?;
    let tz = zone(req(map, path, "timezone")?, path.key("timezone"))?;
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
    let calendars = match opt(map, "calendars") {
        Some(v) => calendars(v, path.key("calendars"), tz, budget)?,
        None => Vec::new(),
    };
    let full_dates = match opt(map, "fullDates") {
        Some(v) => {
            let p = path.key("fullDates");
            let list = array(v, p)?;
            if list.len() > MAX_OVERRIDE_DATES {
                return Err(limit(
                    p,
                    format!("at most {MAX_OVERRIDE_DATES} full dates are accepted per member"),
                ));
            }
            list.items()
                .enumerate()
                .map(|(i, d)| date(d, p.index(i)))
                .collect::<Result<Vec<_>, _>>()?
        }
        None => Vec::new(),
    };
    let booking_count = match opt(map, "bookingCount") {
        Some(v) => int(v, path.key("bookingCount"), 0, MAX_BUSY as i64)? as usize,
        None => 0,
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
    Ok(Member {
        id: Arc::from(id),
        tz,
        hours,
        busy,
        bookings,
        calendars: calendars.into(),
        limits,
        full_dates,
        booking_count,
        required,
        priority,
        weight,
        last_booked_at: optional_instant(map, path, "lastBookedAt")?,
        last_assigned_at: optional_instant(map, path, "lastAssignedAt")?,
    })
}

/// A `members` list (slots or team status): 1..=500 members with unique ids, each read by
/// `read_one(item, its path)` whose id `id_of` gives.
pub(super) fn member_list<T>(
    list: Json<'_>,
    path: Path<'_>,
    mut read_one: impl FnMut(Json<'_>, Path<'_>) -> Result<T, Error>,
    id_of: impl Fn(&T) -> &str,
) -> Result<Vec<T>, Error> {
    let list = array(list, path)?;
    if list.is_empty() {
        return Err(invalid(path, "at least one member is required"));
    }
    at_most(path, list.len(), MAX_MEMBERS, "members are accepted")?;
    let mut out: Vec<T> = Vec::with_capacity(list.len());
    let mut seen: HashSet<String> = HashSet::with_capacity(list.len());
    for (i, v) in list.items().enumerate() {
        let p = path.index(i);
        let m = read_one(v, p)?;
        if !seen.insert(id_of(&m).to_string()) {
            return Err(invalid(
                p.key("id"),
                format!("member id `{}` appears twice", id_of(&m)),
            ));
        }
        out.push(m);
    }
    Ok(out)
}
