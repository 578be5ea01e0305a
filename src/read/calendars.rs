//! Calendar sources (SPEC §10) read from a request: `member.calendars` and the `source` of a
//! busy request. An ICS text is read once here (its fatal problems are `invalid_calendar` at the
//! source's path, with the line); a Google freeBusy or Graph getSchedule response becomes busy
//! intervals at once. Provider responses are other services' JSON: fields this reader does not
//! need are ignored, and what it needs but cannot read is `invalid_calendar`.

use crate::error::{Error, ErrorCode};
#[cfg(feature = "calendars")]
use crate::ics::{Calendar, Options};
#[cfg(feature = "calendars")]
use crate::instant::{ceil_ms, floor_ms};
use crate::limits::{MAX_BUSY, MAX_ICS_BYTES};
use crate::providers::Source;
#[cfg(feature = "calendars")]
use crate::providers::{local_instant, zone_named};
use crate::read::fields::{array, Path};
#[cfg(feature = "calendars")]
use crate::read::fields::{instant_ns, limit, object, opt, string};
use crate::read::json::Json;
use crate::zone::Tz;

/// What one request may still hold: busy items (SPEC §9's 200,000) and ICS bytes (10 MB).
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Busy intervals and bookings left.
    pub busy: usize,
    /// Bytes of ICS text left.
    #[cfg_attr(not(feature = "calendars"), allow(dead_code))]
    pub ics_bytes: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            busy: MAX_BUSY,
            ics_bytes: MAX_ICS_BYTES,
        }
    }
}

/// An `invalid_calendar` error.
fn bad(path: Path<'_>, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidCalendar, path, message)
}

#[cfg(feature = "calendars")]
/// `"busy"` or `"free"`: whether the kind of event counts.
fn busy_or_free(v: Json<'_>, path: Path<'_>) -> Result<bool, Error> {
    match v.as_str() {
        Some("busy") => Ok(true),
        Some("free") => Ok(false),
        _ => Err(Error::new(
            ErrorCode::InvalidValue,
            path,
            "expected \"busy\" or \"free\"",
        )),
    }
}

/// A `member.calendars` list; `zone` is the member's (floating times, all-day dates). Without
/// the `calendars` feature only an empty list is accepted.
#[cfg(not(feature = "calendars"))]
pub fn calendars(
    v: Json<'_>,
    path: Path<'_>,
    zone: Tz,
    budget: &mut Budget,
) -> Result<Vec<Source>, Error> {
    let _ = (zone, budget);
    if array(v, path)?.is_empty() {
        return Ok(Vec::new());
    }
    Err(bad(
        path,
        "this build of bookable reads no calendars: read them with one that does \
         (the CLI, or the npm package's `bookable-slots/calendars` entry)",
    ))
}

/// A `member.calendars` list; `zone` is the member's (floating times, all-day dates).
#[cfg(feature = "calendars")]
pub fn calendars(
    v: Json<'_>,
    path: Path<'_>,
    zone: Tz,
    budget: &mut Budget,
) -> Result<Vec<Source>, Error> {
    let list = array(v, path)?;
    list.items()
        .enumerate()
        .map(|(i, item)| source(item, path.index(i), zone, budget))
        .collect()
}

#[cfg(feature = "calendars")]
/// Adds `n` busy items to the request's count.
fn spend(n: usize, path: Path<'_>, budget: &mut Budget) -> Result<(), Error> {
    if n > budget.busy {
        return Err(limit(
            path,
            format!("at most {MAX_BUSY} busy intervals and bookings are accepted in one request"),
        ));
    }
    budget.busy -= n;
    Ok(())
}

#[cfg(feature = "calendars")]
/// One calendar source: `{ics, allDay?, tentative?}`, `{googleFreeBusy}` or
/// `{graphSchedule, tentative?}`.
pub fn source(v: Json<'_>, path: Path<'_>, zone: Tz, budget: &mut Budget) -> Result<Source, Error> {
    let map = object(
        v,
        path,
        &[
            "ics",
            "googleFreeBusy",
            "graphSchedule",
            "allDay",
            "tentative",
        ],
    )?;
    let kinds: Vec<&str> = ["ics", "googleFreeBusy", "graphSchedule"]
        .into_iter()
        .filter(|k| opt(map, k).is_some())
        .collect();
    let kind = match kinds.as_slice() {
        [one] => *one,
        [] => {
            return Err(Error::new(
                ErrorCode::MissingField,
                path.key("ics"),
                "a calendar source needs `ics`, `googleFreeBusy` or `graphSchedule`",
            ))
        }
        _ => {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                path,
                format!(
                "a calendar source has one of `ics`, `googleFreeBusy` and `graphSchedule`, not {}",
                kinds.join(" and ")
            ),
            ))
        }
    };
    if kind != "ics" && opt(map, "allDay").is_some() {
        return Err(Error::new(
            ErrorCode::UnknownField,
            path.key("allDay"),
            "`allDay` applies to an `ics` source only",
        ));
    }
    if kind == "googleFreeBusy" && opt(map, "tentative").is_some() {
        return Err(Error::new(
            ErrorCode::UnknownField,
            path.key("tentative"),
            "`tentative` applies to `ics` and `graphSchedule` sources only",
        ));
    }
    let tentative = match opt(map, "tentative") {
        Some(t) => busy_or_free(t, path.key("tentative"))?,
        None => true,
    };
    match kind {
        "ics" => {
            let p = path.key("ics");
            let text = string(opt(map, "ics").unwrap_or(v), p)?;
            if text.len() > budget.ics_bytes {
                return Err(limit(
                    path,
                    format!("at most {MAX_ICS_BYTES} bytes of iCalendar text are accepted in one request"),
                ));
            }
            budget.ics_bytes -= text.len();
            let all_day = match opt(map, "allDay") {
                Some(a) => busy_or_free(a, path.key("allDay"))?,
                None => true,
            };
            let calendar = Calendar::read(text, zone)
                .map_err(|e| bad(path, format!("line {}: {}", e.line, e.message)))?;
            Ok(Source::Ics {
                calendar,
                options: Options { all_day, tentative },
            })
        }
        "googleFreeBusy" => {
            let list = google(opt(map, kind).unwrap_or(v), path)?;
            spend(list.len(), path, budget)?;
            Ok(Source::Intervals(list))
        }
        _ => {
            let list = graph(opt(map, kind).unwrap_or(v), path, tentative)?;
            spend(list.len(), path, budget)?;
            Ok(Source::Intervals(list))
        }
    }
}

#[cfg(feature = "calendars")]
/// An instant of a provider response, or `invalid_calendar` naming `what`.
fn provider_instant(v: Option<Json<'_>>, path: Path<'_>, what: &str) -> Result<i128, Error> {
    let v = v.ok_or_else(|| bad(path, format!("`{what}` is missing")))?;
    instant_ns(v, path).map_err(|_| bad(path, format!("`{what}` is not an RFC 3339 instant")))
}

#[cfg(feature = "calendars")]
/// Every `calendars.*.busy` interval of a Google `freeBusy.query` response; a calendar with
/// `errors` is an error.
fn google(v: Json<'_>, path: Path<'_>) -> Result<Vec<(i64, i64)>, Error> {
    let calendars = v
        .get("calendars")
        .filter(|c| c.is_object())
        .ok_or_else(|| bad(path, "a Google freeBusy response has a `calendars` object"))?;
    let mut out = Vec::new();
    for (id, cal) in calendars.members() {
        if let Some(errors) = cal.get("errors").filter(|e| !e.is_null() && !e.is_empty()) {
            let reasons: Vec<&str> = errors
                .items()
                .filter_map(|e| e.get("reason").and_then(|r| r.as_str()))
                .collect();
            return Err(bad(
                path,
                format!(
                    "Google calendar `{}` answered with errors ({}): its busy times are unknown",
                    crate::instant::truncate(id),
                    if reasons.is_empty() {
                        "no reason given".to_string()
                    } else {
                        reasons.join(", ")
                    }
                ),
            ));
        }
        let Some(busy) = cal.get("busy").filter(|b| !b.is_null()) else {
            continue;
        };
        if !busy.is_array() {
            return Err(bad(
                path,
                format!(
                    "calendars.{}.busy is not an array",
                    crate::instant::truncate(id)
                ),
            ));
        }
        for (i, item) in busy.items().enumerate() {
            let what =
                |k: &str| format!("calendars.{}.busy[{i}].{k}", crate::instant::truncate(id));
            let s = provider_instant(item.get("start"), path, &what("start"))?;
            let e = provider_instant(item.get("end"), path, &what("end"))?;
            if e > s {
                out.push((floor_ms(s), ceil_ms(e)));
            }
        }
    }
    Ok(out)
}

#[cfg(feature = "calendars")]
/// Every busy scheduleItem of a Graph `getSchedule` response: `busy`, `oof`, and `tentative`
/// unless tentative time is free; a schedule with an `error` is an error.
fn graph(v: Json<'_>, path: Path<'_>, tentative: bool) -> Result<Vec<(i64, i64)>, Error> {
    let schedules = v
        .get("value")
        .filter(|s| s.is_array())
        .ok_or_else(|| bad(path, "a Graph getSchedule response has a `value` array"))?;
    let mut out = Vec::new();
    for (k, schedule) in schedules.items().enumerate() {
        if let Some(error) = schedule.get("error").filter(|e| !e.is_null()) {
            let message = error
                .get("message")
                .and_then(|m| m.as_str())
                .unwrap_or("no message");
            return Err(bad(
                path,
                format!("Graph schedule value[{k}] answered with an error ({}): its busy times are unknown", crate::instant::truncate(message)),
            ));
        }
        let Some(items) = schedule.get("scheduleItems").filter(|s| !s.is_null()) else {
            continue;
        };
        for (i, item) in items.items().enumerate() {
            let at = format!("value[{k}].scheduleItems[{i}]");
            let status = item.get("status").and_then(|s| s.as_str()).unwrap_or("");
            let busy = match status {
                "busy" | "oof" => true,
                "tentative" => tentative,
                "free" | "workingElsewhere" | "unknown" => false,
                other => {
                    return Err(bad(
                        path,
                        format!(
                            "{at}.status `{}` is not a Graph free/busy status",
                            crate::instant::truncate(other)
                        ),
                    ))
                }
            };
            if !busy {
                continue;
            }
            let time = |key: &str| -> Result<i64, Error> {
                let t = item
                    .get(key)
                    .ok_or_else(|| bad(path, format!("{at}.{key} is missing")))?;
                let date_time = t.get("dateTime").and_then(|d| d.as_str()).unwrap_or("");
                let zone_name = t.get("timeZone").and_then(|z| z.as_str()).unwrap_or("UTC");
                let zone = zone_named(zone_name).ok_or_else(|| {
                    bad(
                        path,
                        format!(
                            "{at}.{key}.timeZone `{}` is neither an IANA nor a Windows zone name",
                            crate::instant::truncate(zone_name)
                        ),
                    )
                })?;
                local_instant(date_time, zone).ok_or_else(|| {
                    bad(
                        path,
                        format!(
                            "{at}.{key}.dateTime `{}` is not a local date-time",
                            crate::instant::truncate(date_time)
                        ),
                    )
                })
            };
            let (s, e) = (time("start")?, time("end")?);
            if e > s {
                out.push((s, e));
            }
        }
    }
    Ok(out)
}

#[cfg(feature = "calendars")]
/// A busy request (SPEC §10): what `bookable busy` and `busyTimes` read.
#[derive(Debug)]
pub struct BusyRequest {
    /// The calendar source.
    pub source: Source,
    /// `[start, end)` of the range, ms.
    pub range: (i64, i64),
}

#[cfg(feature = "calendars")]
/// Reads `{ "source", "range", "timezone" }`: the zone is the member's (floating times,
/// all-day dates), the range at most 366 days as a slots request's.
///
/// # Errors
/// The first problem, at its path (`source`, `range.start`, `timezone`, …).
pub fn busy_request(value: Json<'_>) -> Result<BusyRequest, Error> {
    use crate::read::fields::req;
    let map = object(value, Path::Root, &["source", "range", "timezone"])?;
    let r = req(map, Path::Root, "range")?;
    let rp = Path::Raw("range");
    let rm = object(r, rp, &["start", "end"])?;
    let start = instant_ns(req(rm, rp, "start")?, rp.key("start"))?;
    let end = instant_ns(req(rm, rp, "end")?, rp.key("end"))?;
    let (start, end) = (floor_ms(start), ceil_ms(end));
    crate::read::check_range(start, end, "range")?;
    let zone = crate::read::fields::zone(req(map, Path::Root, "timezone")?, Path::Raw("timezone"))?;
    let mut budget = Budget::default();
    let source = source(
        req(map, Path::Root, "source")?,
        Path::Raw("source"),
        zone,
        &mut budget,
    )?;
    Ok(BusyRequest {
        source,
        range: (start, end),
    })
}
