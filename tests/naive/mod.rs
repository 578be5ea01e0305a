//! A deliberately naive reference implementation of SPEC §3–§8, written from the SPEC alone and
//! sharing no code with `src/`. It favours obviousness over speed:
//!
//! - local times become instants through chrono-tz, one `from_local_datetime` call each, with the
//!   compatible rule done by hand (a skipped time is shifted by the offset in force just before
//!   the gap, found by walking back minute by minute; a repeated time takes the earlier instant);
//! - working time is rebuilt from scratch for every member as a sorted list of merged half-open
//!   intervals (union of every pair of every local date near the range, minus time off);
//! - the grid is found by walking every whole minute of the range and reading its wall clock in
//!   the page zone;
//! - every candidate checks every rule for every member by brute force.
//!
//! Requests are assumed valid (the property tests only generate valid ones).

#![allow(dead_code)]

use std::collections::BTreeMap;

use crate::zic::Tz;
use chrono::{
    DateTime, Datelike, Duration, MappedLocalTime, NaiveDate, NaiveDateTime, Offset, TimeZone,
    Timelike, Utc, Weekday,
};
use serde_json::{json, Map, Value};

#[cfg(test)]
mod selftest;

pub const SECOND: i64 = 1_000;
pub const MINUTE: i64 = 60 * SECOND;
pub const HOUR: i64 = 60 * MINUTE;
pub const DAY: i64 = 24 * HOUR;

/// A half-open interval `[start, end)` in epoch milliseconds.
pub type Span = (i64, i64);

// ---------------------------------------------------------------------------------------------
// Values (§1)

pub fn parse_instant(v: &Value) -> i64 {
    match v {
        Value::String(s) => DateTime::parse_from_rfc3339(s)
            .unwrap_or_else(|e| panic!("naive: bad instant {s:?}: {e}"))
            .timestamp_millis(),
        Value::Number(n) => n
            .as_i64()
            .unwrap_or_else(|| n.as_f64().expect("number").floor() as i64),
        other => panic!("naive: bad instant {other}"),
    }
}

/// `"YYYY-MM-DDTHH:MM:SSZ"` (fractions of a second dropped).
pub fn fmt_instant(ms: i64) -> String {
    let dt = DateTime::<Utc>::from_timestamp_millis(ms.div_euclid(SECOND) * SECOND).expect("range");
    dt.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub fn zone(name: &str) -> Tz {
    name.parse::<Tz>()
        .unwrap_or_else(|e| panic!("naive: bad zone {name}: {e}"))
}

pub fn parse_date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("naive: bad date {s}: {e}"))
}

/// "HH:MM" as minutes after midnight, 0..=1440.
pub fn parse_hm(s: &str) -> i64 {
    let (h, m) = s.split_once(':').expect("HH:MM");
    let v = h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap();
    assert!((0..=1440).contains(&v), "naive: bad time {s}");
    v
}

fn utc_naive(ms: i64) -> NaiveDateTime {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .expect("instant in range")
        .naive_utc()
}

/// The wall clock of instant `ms` in zone `tz`.
pub fn wall(tz: Tz, ms: i64) -> NaiveDateTime {
    tz.from_utc_datetime(&utc_naive(ms)).naive_local()
}

pub fn local_date(tz: Tz, ms: i64) -> NaiveDate {
    wall(tz, ms).date()
}

// ---------------------------------------------------------------------------------------------
// §2: local time → instant, compatible rule

/// Resolve a wall-clock time in `tz` to an instant with the compatible rule.
pub fn resolve(tz: Tz, local: NaiveDateTime) -> i64 {
    match tz.from_local_datetime(&local) {
        MappedLocalTime::Single(dt) => dt.timestamp_millis(),
        MappedLocalTime::Ambiguous(a, b) => a.timestamp_millis().min(b.timestamp_millis()),
        MappedLocalTime::None => {
            // Skipped: find the offset in force just before the gap by walking back to the
            // last wall time that exists, then read `local` with that offset.
            let mut probe = local;
            let offset_secs = loop {
                probe -= Duration::minutes(1);
                match tz.from_local_datetime(&probe) {
                    MappedLocalTime::None => continue,
                    MappedLocalTime::Single(dt) => break dt.offset().fix().local_minus_utc(),
                    MappedLocalTime::Ambiguous(a, b) => {
                        // the later one is the one in force right before the gap
                        let later = if a.timestamp_millis() > b.timestamp_millis() {
                            a
                        } else {
                            b
                        };
                        break later.offset().fix().local_minus_utc();
                    }
                }
            };
            (local - Duration::seconds(offset_secs as i64))
                .and_utc()
                .timestamp_millis()
        }
    }
}

/// Local date + minutes after its midnight (may be 1440 = next midnight), resolved.
pub fn resolve_date_minutes(tz: Tz, d: NaiveDate, minutes: i64) -> i64 {
    let local = d.and_hms_opt(0, 0, 0).unwrap() + Duration::minutes(minutes);
    resolve(tz, local)
}

// ---------------------------------------------------------------------------------------------
// Interval sets

pub fn union(mut v: Vec<Span>) -> Vec<Span> {
    v.retain(|&(a, b)| b > a);
    v.sort();
    let mut out: Vec<Span> = Vec::new();
    for (a, b) in v {
        match out.last_mut() {
            // touching intervals join
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

pub fn subtract(set: &[Span], holes: &[Span]) -> Vec<Span> {
    let mut cur = set.to_vec();
    for &(h0, h1) in holes {
        if h1 <= h0 {
            continue;
        }
        let mut next = Vec::new();
        for &(a, b) in &cur {
            if h1 <= a || h0 >= b {
                next.push((a, b));
            } else {
                if a < h0 {
                    next.push((a, h0));
                }
                if h1 < b {
                    next.push((h1, b));
                }
            }
        }
        cur = next;
    }
    cur
}

/// `[s, e)` lies inside one stretch of the (merged) set.
pub fn inside_one_stretch(set: &[Span], s: i64, e: i64) -> bool {
    set.iter().any(|&(a, b)| a <= s && e <= b)
}

pub fn overlaps(&(a, b): &Span, s: i64, e: i64) -> bool {
    a < b && a < e && b > s
}

// ---------------------------------------------------------------------------------------------
// §4: working time

pub fn day_key(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// The intervals of one `[start, end]` pair on local date `d`.
pub fn pair_interval(tz: Tz, d: NaiveDate, pair: &Value) -> Option<Span> {
    let a = parse_hm(pair[0].as_str().expect("start"));
    let b = parse_hm(pair[1].as_str().expect("end"));
    assert!(a < 1440, "24:00 is an end only");
    let start = resolve_date_minutes(tz, d, a);
    let end = if b > a {
        resolve_date_minutes(tz, d, b) // b = 1440 is (D+1, 00:00)
    } else {
        resolve_date_minutes(tz, d + Duration::days(1), b)
    };
    (end > start).then_some((start, end))
}

/// Whether local date `d` occurs in zone `tz` at all: some wall-clock minute of it exists.
/// (Pacific/Apia skipped 2011-12-30 entirely.)
pub fn date_exists(tz: Tz, d: NaiveDate) -> bool {
    let midnight = d.and_hms_opt(0, 0, 0).unwrap();
    (0..1440).any(|m| {
        !matches!(
            tz.from_local_datetime(&(midnight + Duration::minutes(m))),
            MappedLocalTime::None
        )
    })
}

/// Union of the hours of every local date from `first` to `last` (weekly, or the override of
/// the date). SPEC §4 walks "every local date D in the member's zone": a date the zone skips
/// entirely is not one, so it has no hours (the engine reads it the same way; see
/// /work/notes/property-findings.md).
pub fn expand_hours(
    tz: Tz,
    weekly: Option<&Value>,
    overrides: Option<&Value>,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<Span> {
    let mut v = Vec::new();
    let mut d = first;
    while d <= last {
        let key = d.format("%Y-%m-%d").to_string();
        let pairs = match overrides.and_then(|o| o.get(&key)) {
            Some(p) => Some(p),
            None => weekly.and_then(|w| w.get(day_key(d.weekday()))),
        };
        if let Some(pairs) = pairs.filter(|_| date_exists(tz, d)) {
            for pair in pairs.as_array().expect("pairs") {
                if let Some(iv) = pair_interval(tz, d, pair) {
                    v.push(iv);
                }
            }
        }
        d += Duration::days(1);
    }
    union(v)
}

pub fn time_off(tz: Tz, list: Option<&Value>) -> Vec<Span> {
    let mut out = Vec::new();
    for t in list.and_then(Value::as_array).into_iter().flatten() {
        if let Some(from) = t.get("from") {
            let from = parse_date(from.as_str().unwrap());
            let to = parse_date(t["to"].as_str().unwrap());
            out.push((
                resolve_date_minutes(tz, from, 0),
                resolve_date_minutes(tz, to + Duration::days(1), 0),
            ));
        } else {
            out.push((parse_instant(&t["start"]), parse_instant(&t["end"])));
        }
    }
    out
}

fn intervals(list: Option<&Value>) -> Vec<Span> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|b| (parse_instant(&b["start"]), parse_instant(&b["end"])))
        .collect()
}

/// Local dates (any zone) whose hours can touch instants in `[lo, hi]`: UTC dates ± 3.
fn date_window(lo: i64, hi: i64) -> (NaiveDate, NaiveDate) {
    (
        utc_naive(lo).date() - Duration::days(3),
        utc_naive(hi).date() + Duration::days(3),
    )
}

pub struct Member {
    pub id: String,
    pub tz: Tz,
    /// merged working time, time off removed
    pub working: Vec<Span>,
    pub time_off: Vec<Span>,
    /// busy intervals and bookings
    pub busy: Vec<Span>,
    pub booking_starts: Vec<i64>,
    pub required: bool,
    pub priority: f64,
    pub weight: f64,
    pub last_booked: Option<i64>,
}

impl Member {
    /// Build a member's working time for instants in `[lo, hi]`.
    pub fn new(m: &Value, respect_working_hours: bool, lo: i64, hi: i64) -> Member {
        let tz = zone(m["timezone"].as_str().expect("member timezone"));
        let (first, last) = date_window(lo, hi);
        let time_off = time_off(tz, m.get("timeOff"));
        let hours = if respect_working_hours {
            expand_hours(tz, m.get("weekly"), m.get("overrides"), first, last)
        } else {
            vec![(i64::MIN / 2, i64::MAX / 2)]
        };
        let working = union(subtract(&hours, &time_off));
        let bookings = intervals(m.get("bookings"));
        let mut busy = intervals(m.get("busy"));
        busy.extend(bookings.iter().copied());
        Member {
            id: m["id"].as_str().unwrap().to_string(),
            tz,
            working,
            time_off,
            busy,
            booking_starts: bookings.iter().map(|b| b.0).collect(),
            required: m.get("required").and_then(Value::as_bool).unwrap_or(false),
            priority: m.get("priority").and_then(Value::as_f64).unwrap_or(0.0),
            weight: m.get("weight").and_then(Value::as_f64).unwrap_or(1.0),
            last_booked: m.get("lastBookedAt").map(parse_instant),
        }
    }

    /// The member-level reasons of §7 for the meeting `[s, e)`; free when empty.
    pub fn reasons(
        &self,
        s: i64,
        e: i64,
        buffer_before: i64,
        buffer_after: i64,
        max_per_day: Option<i64>,
    ) -> Vec<&'static str> {
        let mut r = Vec::new();
        if !inside_one_stretch(&self.working, s, e) {
            if self.time_off.iter().any(|t| overlaps(t, s, e)) {
                r.push("timeOff");
            } else {
                r.push("outsideWorkingHours");
            }
        }
        if self.busy.iter().any(|b| overlaps(b, s, e)) {
            r.push("busy");
        } else if self
            .busy
            .iter()
            .any(|b| overlaps(b, s - buffer_before, e + buffer_after))
        {
            r.push("buffer");
        }
        if let Some(max) = max_per_day {
            let day = local_date(self.tz, s);
            let n = self
                .booking_starts
                .iter()
                .filter(|&&b| local_date(self.tz, b) == day)
                .count() as i64;
            if n >= max {
                r.push("maxPerDay");
            }
        }
        r
    }
}

// ---------------------------------------------------------------------------------------------
// §3–§7: slots

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Collective,
    RoundRobin,
}

pub struct Page {
    pub tz: Tz,
    pub viewer_tz: Tz,
    pub viewer_name: String,
    pub range: Span,
    pub now: i64,
    pub duration: i64,
    pub step: i64,
    pub buffer_before: i64,
    pub buffer_after: i64,
    pub min_notice: i64,
    pub max_days_ahead: Option<i64>,
    pub date_range: Option<(NaiveDate, NaiveDate)>,
    pub page_hours: Option<Vec<Span>>,
    pub max_per_day: Option<i64>,
    pub mode: Mode,
    pub min_available: usize,
    pub assignment: String,
    pub members: Vec<Member>,
}

fn int(v: Option<&Value>, default: i64) -> i64 {
    v.map(|x| x.as_i64().expect("integer")).unwrap_or(default)
}

impl Page {
    pub fn new(req: &Value, default_now_ms: i64) -> Page {
        let tz_name = req["timezone"].as_str().expect("timezone");
        let tz = zone(tz_name);
        let viewer_name = req
            .get("viewerTimezone")
            .and_then(Value::as_str)
            .unwrap_or(tz_name)
            .to_string();
        let viewer_tz = zone(&viewer_name);
        let range = (
            parse_instant(&req["range"]["start"]),
            parse_instant(&req["range"]["end"]),
        );
        let now = req.get("now").map(parse_instant).unwrap_or(default_now_ms);
        let ev = &req["event"];
        let duration = int(ev.get("duration"), -1);
        let step = int(ev.get("step"), duration);
        let explain = req.get("explain").map(parse_instant);
        let lo = range.0.min(explain.unwrap_or(range.0)) - DAY;
        let hi = range.1.max(explain.unwrap_or(range.1)) + duration * MINUTE + DAY;
        let (first, last) = date_window(lo, hi);
        let page_hours = ev
            .get("hours")
            .map(|h| expand_hours(tz, Some(h), None, first, last));
        let respect = ev
            .get("respectWorkingHours")
            .and_then(Value::as_bool)
            .unwrap_or(true);
        let team = req.get("team");
        let mode = match team.and_then(|t| t.get("mode")).and_then(Value::as_str) {
            None | Some("collective") => Mode::Collective,
            Some("roundRobin") => Mode::RoundRobin,
            Some(m) => panic!("naive: bad mode {m}"),
        };
        Page {
            tz,
            viewer_tz,
            viewer_name,
            range,
            now,
            duration,
            step,
            buffer_before: int(ev.get("bufferBefore"), 0),
            buffer_after: int(ev.get("bufferAfter"), 0),
            min_notice: int(ev.get("minNotice"), 0),
            max_days_ahead: ev.get("maxDaysAhead").map(|v| v.as_i64().unwrap()),
            date_range: ev.get("dateRange").map(|d| {
                (
                    parse_date(d["from"].as_str().unwrap()),
                    parse_date(d["to"].as_str().unwrap()),
                )
            }),
            page_hours,
            max_per_day: ev.get("maxPerDay").map(|v| v.as_i64().unwrap()),
            mode,
            min_available: team
                .and_then(|t| t.get("minAvailable"))
                .map(|v| v.as_u64().unwrap() as usize)
                .unwrap_or(1),
            assignment: team
                .and_then(|t| t.get("assignment"))
                .and_then(Value::as_str)
                .unwrap_or("leastRecentlyBooked")
                .to_string(),
            members: req["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| Member::new(m, respect, lo, hi))
                .collect(),
        }
    }

    /// Slot-level reasons except `team`.
    pub fn slot_reasons(&self, s: i64) -> Vec<&'static str> {
        let e = s + self.duration * MINUTE;
        let mut r = Vec::new();
        let w = wall(self.tz, s);
        let minute_of_day = (w.hour() * 60 + w.minute()) as i64;
        if s.rem_euclid(MINUTE) != 0 || minute_of_day % self.step != 0 {
            r.push("offGrid");
        }
        if !(self.range.0 <= s && s < self.range.1) {
            r.push("outsideRange");
        }
        if s < self.now + self.min_notice * MINUTE {
            r.push("minNotice");
        }
        let day = w.date();
        if let Some(max) = self.max_days_ahead {
            let today = local_date(self.tz, self.now);
            if (day - today).num_days() > max {
                r.push("beyondMaxDaysAhead");
            }
        }
        if let Some((from, to)) = self.date_range {
            if day < from || day > to {
                r.push("outsideDateRange");
            }
        }
        if let Some(hours) = &self.page_hours {
            if !inside_one_stretch(hours, s, e) {
                r.push("outsidePageHours");
            }
        }
        r
    }

    /// Every member's reasons for the start `s`.
    pub fn member_reasons(&self, s: i64) -> Vec<Vec<&'static str>> {
        let e = s + self.duration * MINUTE;
        self.members
            .iter()
            .map(|m| {
                m.reasons(
                    s,
                    e,
                    self.buffer_before * MINUTE,
                    self.buffer_after * MINUTE,
                    self.max_per_day,
                )
            })
            .collect()
    }

    /// The assignment order of §6 (a total order: the ids are unique).
    fn assignment_cmp(&self, a: &Member, b: &Member) -> std::cmp::Ordering {
        let by_last = a.last_booked.cmp(&b.last_booked); // None (missing) sorts first
        let by_id = a.id.as_bytes().cmp(b.id.as_bytes());
        let key = match self.assignment.as_str() {
            "leastRecentlyBooked" => by_last,
            "balanced" => {
                let ra = a.booking_starts.len() as f64 / a.weight;
                let rb = b.booking_starts.len() as f64 / b.weight;
                ra.partial_cmp(&rb).unwrap().then(by_last)
            }
            "priority" => b.priority.partial_cmp(&a.priority).unwrap().then(by_last),
            other => panic!("naive: bad assignment {other}"),
        };
        key.then(by_id)
    }

    /// The team rule: `Some((hosts, candidates))` when it holds.
    pub fn team(&self, free: &[bool]) -> Option<(Vec<String>, Option<Vec<String>>)> {
        match self.mode {
            Mode::Collective => free
                .iter()
                .all(|&f| f)
                .then(|| (self.members.iter().map(|m| m.id.clone()).collect(), None)),
            Mode::RoundRobin => {
                let required_ok = self
                    .members
                    .iter()
                    .zip(free)
                    .all(|(m, &f)| !m.required || f);
                let mut cands: Vec<&Member> = self
                    .members
                    .iter()
                    .zip(free)
                    .filter(|(m, &f)| !m.required && f)
                    .map(|(m, _)| m)
                    .collect();
                if !required_ok || cands.len() < self.min_available {
                    return None;
                }
                cands.sort_by(|a, b| self.assignment_cmp(a, b));
                let mut hosts: Vec<String> = self
                    .members
                    .iter()
                    .filter(|m| m.required)
                    .map(|m| m.id.clone())
                    .collect();
                hosts.extend(cands.iter().take(self.min_available).map(|m| m.id.clone()));
                Some((hosts, Some(cands.iter().map(|m| m.id.clone()).collect())))
            }
        }
    }

    pub fn explanation(&self, s: i64) -> Value {
        let mut reasons = self.slot_reasons(s);
        let members = self.member_reasons(s);
        let free: Vec<bool> = members.iter().map(Vec::is_empty).collect();
        if self.team(&free).is_none() {
            reasons.push("team");
        }
        json!({
            "start": fmt_instant(s),
            "offered": reasons.is_empty(),
            "reasons": reasons,
            "members": self.members.iter().zip(&members).map(|(m, r)| json!({
                "id": m.id, "free": r.is_empty(), "reasons": r,
            })).collect::<Vec<_>>(),
        })
    }

    /// Every offered slot: walk each whole minute of the range.
    pub fn slots(&self) -> Vec<(i64, Vec<String>, Option<Vec<String>>)> {
        let mut out = Vec::new();
        let mut s = self.range.0.div_euclid(MINUTE) * MINUTE;
        if s < self.range.0 {
            s += MINUTE;
        }
        while s < self.range.1 {
            if self.slot_reasons(s).is_empty() {
                let free: Vec<bool> = self.member_reasons(s).iter().map(Vec::is_empty).collect();
                if let Some((hosts, cands)) = self.team(&free) {
                    out.push((s, hosts, cands));
                }
            }
            s += MINUTE;
        }
        out
    }
}

/// The full §5 response (with §7 `explanation` when the request asks for it).
pub fn slots_response(req: &Value, default_now_ms: i64) -> Value {
    let page = Page::new(req, default_now_ms);
    let slots = page.slots();
    let mut days: BTreeMap<NaiveDate, (u64, i64)> = BTreeMap::new();
    for (s, _, _) in &slots {
        let d = local_date(page.viewer_tz, *s);
        let entry = days.entry(d).or_insert((0, *s));
        entry.0 += 1;
        entry.1 = entry.1.min(*s);
    }
    let mut out = Map::new();
    out.insert("timezone".into(), json!(page.viewer_name));
    out.insert(
        "slots".into(),
        Value::Array(
            slots
                .iter()
                .map(|(s, hosts, cands)| {
                    let mut o = json!({
                        "start": fmt_instant(*s),
                        "end": fmt_instant(s + page.duration * MINUTE),
                        "hosts": hosts,
                    });
                    if let Some(c) = cands {
                        o["candidates"] = json!(c);
                    }
                    o
                })
                .collect(),
        ),
    );
    out.insert(
        "days".into(),
        Value::Array(
            days.iter()
                .map(|(d, (n, first))| {
                    json!({"date": d.format("%Y-%m-%d").to_string(), "count": n, "first": fmt_instant(*first)})
                })
                .collect(),
        ),
    );
    if let Some(x) = req.get("explain") {
        out.insert("explanation".into(), page.explanation(parse_instant(x)));
    }
    Value::Object(out)
}

// ---------------------------------------------------------------------------------------------
// §8: availability status

pub fn status_response(req: &Value, default_now_ms: i64) -> Value {
    let now = req.get("now").map(parse_instant).unwrap_or(default_now_ms);
    let m = &req["member"];
    let tz = zone(m["timezone"].as_str().unwrap());
    let manual = m.get("manual");
    let since = manual.map(|x| parse_instant(&x["since"]));
    let horizon = now + 14 * DAY;
    let lo = now.min(since.unwrap_or(now)) - DAY;
    let (first, last) = date_window(lo, horizon + DAY);
    let hours = expand_hours(tz, m.get("weekly"), m.get("overrides"), first, last);
    let off = time_off(tz, m.get("timeOff"));
    let working = union(subtract(&hours, &off));
    // starts and ends of stretches (the window is wide enough that none of these near
    // [lo, horizon] is an artefact of where the expansion stops)
    let boundaries: Vec<i64> = working.iter().flat_map(|&(a, b)| [a, b]).collect();
    let available = working.iter().any(|&(a, b)| a <= now && now < b);
    let in_time_off = off.iter().any(|&(a, b)| a <= now && now < b);
    let until = boundaries
        .iter()
        .copied()
        .filter(|&x| x > now && x <= horizon)
        .min();
    let manual_applies = match since {
        Some(since) => since <= now && !boundaries.iter().any(|&x| since < x && x <= now),
        None => false,
    };
    let (status, source, reason) = if manual_applies {
        let mm = manual.unwrap();
        (
            mm["status"].as_str().unwrap().to_string(),
            "manual",
            mm.get("reason").cloned().unwrap_or(Value::Null),
        )
    } else if available {
        ("available".to_string(), "schedule", Value::Null)
    } else if in_time_off {
        ("away".to_string(), "schedule", json!("timeOff"))
    } else {
        ("away".to_string(), "schedule", json!("outsideWorkingHours"))
    };
    let capacity_ok = match m.get("capacity") {
        Some(c) => c["assigned"].as_i64().unwrap() < c["max"].as_i64().unwrap(),
        None => true,
    };
    json!({
        "status": status,
        "source": source,
        "reason": reason,
        "until": until.map(fmt_instant),
        "eligible": status == "available" && capacity_ok,
    })
}

// ---------------------------------------------------------------------------------------------
// Comparison helpers

/// Sort every `reasons` array (their order is free) so responses compare with `==`.
pub fn normalise(v: &Value) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| {
                    let x = normalise(x);
                    if k == "reasons" {
                        if let Value::Array(a) = &x {
                            let mut a = a.clone();
                            a.sort_by_key(|r| r.to_string());
                            return (k.clone(), Value::Array(a));
                        }
                    }
                    (k.clone(), x)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(normalise).collect()),
        other => other.clone(),
    }
}

/// Keep only the keys of `actual` that `expected` lists (extra response fields are allowed),
/// recursively for objects; arrays keep their length.
pub fn project(actual: &Value, expected: &Value) -> Value {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => Value::Object(
            a.iter()
                .filter(|(k, _)| e.contains_key(*k))
                .map(|(k, x)| (k.clone(), project(x, &e[k])))
                .collect(),
        ),
        (Value::Array(a), Value::Array(e)) => Value::Array(
            a.iter()
                .enumerate()
                .map(|(i, x)| match e.get(i) {
                    Some(ei) => project(x, ei),
                    None => x.clone(),
                })
                .collect(),
        ),
        _ => actual.clone(),
    }
}

/// A short human description of how `actual` differs from `expected` (both normalised).
pub fn describe_diff(expected: &Value, actual: &Value) -> String {
    let mut out = String::new();
    if expected.get("timezone") != actual.get("timezone") {
        out += &format!(
            "timezone: expected {} got {}\n",
            expected["timezone"], actual["timezone"]
        );
    }
    let starts = |v: &Value| -> BTreeMap<String, Value> {
        v.get("slots")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|s| (s["start"].as_str().unwrap_or("?").to_string(), s.clone()))
            .collect()
    };
    let (es, as_) = (starts(expected), starts(actual));
    let missing: Vec<_> = es.keys().filter(|k| !as_.contains_key(*k)).collect();
    let extra: Vec<_> = as_.keys().filter(|k| !es.contains_key(*k)).collect();
    if !missing.is_empty() {
        out += &format!(
            "{} slots missing, e.g. {:?}\n",
            missing.len(),
            &missing[..missing.len().min(6)]
        );
    }
    if !extra.is_empty() {
        out += &format!(
            "{} unexpected slots, e.g. {:?}\n",
            extra.len(),
            &extra[..extra.len().min(6)]
        );
    }
    let mut shown = 0;
    for (k, e) in &es {
        if let Some(a) = as_.get(k) {
            if a != e && shown < 4 {
                out += &format!("slot {k}: expected {e} got {a}\n");
                shown += 1;
            }
        }
    }
    if expected.get("slots") != actual.get("slots") && out.is_empty() {
        out += "slots differ in order or shape\n";
    }
    if expected.get("days") != actual.get("days") {
        out += &format!(
            "days: expected {} got {}\n",
            expected.get("days").unwrap_or(&Value::Null),
            actual.get("days").unwrap_or(&Value::Null)
        );
    }
    if expected.get("explanation") != actual.get("explanation") {
        out += &format!(
            "explanation: expected {} got {}\n",
            expected.get("explanation").unwrap_or(&Value::Null),
            actual.get("explanation").unwrap_or(&Value::Null)
        );
    }
    for k in ["status", "source", "reason", "until", "eligible"] {
        if expected.get(k) != actual.get(k) {
            out += &format!(
                "{k}: expected {} got {}\n",
                expected.get(k).unwrap_or(&Value::Null),
                actual.get(k).unwrap_or(&Value::Null)
            );
        }
    }
    out
}
