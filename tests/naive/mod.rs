//! A deliberately naive reference implementation of SPEC §3–§8 (v1.1), written from the SPEC alone
//! and sharing no code with `src/`. It favours obviousness over speed:
//!
//! - local times become instants through chrono-tz, one `from_local_datetime` call each, with the
//!   compatible rule done by hand (a skipped time is shifted by the offset in force just before
//!   the gap, found by walking back minute by minute; a repeated time takes the earlier instant);
//! - working time is rebuilt from scratch for every member as a sorted list of merged half-open
//!   intervals (union of every pair of every local date near the range, minus time off);
//! - the grid is found by walking every whole minute of the range and reading its wall clock in
//!   the page zone;
//! - every candidate checks every rule for every member by brute force: each busy item and booking
//!   with its own buffers (▸ 1.1), each limit by counting bookings whose start falls on the same
//!   local date, Monday–Sunday week or calendar month (member's zone);
//! - status reads the merged working time near `now`; a team status is one status per member and
//!   the next assignee found by sorting the eligible ones by the §8 key.
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

/// A busy item or booking with its own buffers, all in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    pub start: i64,
    pub end: i64,
    pub before: i64,
    pub after: i64,
}

/// The items of `busy` or `bookings`; an absent own buffer is `default_before`/`default_after`
/// minutes (0 for busy, the event's buffers for bookings).
fn items(list: Option<&Value>, default_before: i64, default_after: i64) -> Vec<Item> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|b| Item {
            start: parse_instant(&b["start"]),
            end: parse_instant(&b["end"]),
            before: int(b.get("bufferBefore"), default_before) * MINUTE,
            after: int(b.get("bufferAfter"), default_after) * MINUTE,
        })
        .collect()
}

/// The Monday of the Monday–Sunday week holding `d`.
pub fn week_monday(d: NaiveDate) -> NaiveDate {
    let mut m = d;
    while m.weekday() != Weekday::Mon {
        m -= Duration::days(1);
    }
    m
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
    /// busy items and bookings, each with its own buffers
    pub items: Vec<Item>,
    /// the local date (member's zone) of each booking's start
    pub booking_dates: Vec<NaiveDate>,
    /// the limits in force for this member: its own `limits`, else the event's
    pub max_per_day: Option<i64>,
    pub max_per_week: Option<i64>,
    pub max_per_month: Option<i64>,
    pub required: bool,
    pub priority: f64,
    pub weight: f64,
    pub last_booked: Option<i64>,
}

impl Member {
    /// Build a member of the page whose `event` is `ev`, with working time for instants in
    /// `[lo, hi]`.
    pub fn new(m: &Value, ev: &Value, lo: i64, hi: i64) -> Member {
        let tz = zone(m["timezone"].as_str().expect("member timezone"));
        let (first, last) = date_window(lo, hi);
        let time_off = time_off(tz, m.get("timeOff"));
        let respect_working_hours = ev
            .get("respectWorkingHours")
            .and_then(Value::as_bool)
            .unwrap_or(true);
        let hours = if respect_working_hours {
            expand_hours(tz, m.get("weekly"), m.get("overrides"), first, last)
        } else {
            vec![(i64::MIN / 2, i64::MAX / 2)]
        };
        let working = union(subtract(&hours, &time_off));
        let bookings = items(
            m.get("bookings"),
            int(ev.get("bufferBefore"), 0),
            int(ev.get("bufferAfter"), 0),
        );
        let mut all = items(m.get("busy"), 0, 0);
        all.extend(bookings.iter().copied());
        // a member's own limit replaces the event's limit of the same name
        let limit = |name: &str| -> Option<i64> {
            let own = m.get("limits").and_then(|l| l.get(name));
            own.or_else(|| ev.get(name))
                .map(|v| v.as_i64().expect("limit"))
        };
        Member {
            id: m["id"].as_str().unwrap().to_string(),
            tz,
            working,
            time_off,
            items: all,
            booking_dates: bookings.iter().map(|b| local_date(tz, b.start)).collect(),
            max_per_day: limit("maxPerDay"),
            max_per_week: limit("maxPerWeek"),
            max_per_month: limit("maxPerMonth"),
            required: m.get("required").and_then(Value::as_bool).unwrap_or(false),
            priority: m.get("priority").and_then(Value::as_f64).unwrap_or(0.0),
            weight: m.get("weight").and_then(Value::as_f64).unwrap_or(1.0),
            last_booked: m.get("lastBookedAt").map(parse_instant),
        }
    }

    /// The member-level reasons of §7 for the meeting `[s, e)` with the event's buffers (ms);
    /// free when empty.
    pub fn reasons(
        &self,
        s: i64,
        e: i64,
        buffer_before: i64,
        buffer_after: i64,
    ) -> Vec<&'static str> {
        let mut r = Vec::new();
        if !inside_one_stretch(&self.working, s, e) {
            if self.time_off.iter().any(|t| overlaps(t, s, e)) {
                r.push("timeOff");
            } else {
                r.push("outsideWorkingHours");
            }
        }
        // §4: an item [b0, b1) widened by its own buffers must not start before
        // e + bufferAfter nor end after s - bufferBefore
        let busy = self
            .items
            .iter()
            .any(|it| overlaps(&(it.start, it.end), s, e));
        let widened = self.items.iter().any(|it| {
            it.start - it.before < e + buffer_after && it.end + it.after > s - buffer_before
        });
        if busy {
            r.push("busy");
        } else if widened {
            r.push("buffer");
        }
        let day = local_date(self.tz, s);
        let count = |same: &dyn Fn(NaiveDate) -> bool| -> i64 {
            self.booking_dates.iter().filter(|&&d| same(d)).count() as i64
        };
        if let Some(max) = self.max_per_day {
            if count(&|d| d == day) >= max {
                r.push("maxPerDay");
            }
        }
        if let Some(max) = self.max_per_week {
            if count(&|d| week_monday(d) == week_monday(day)) >= max {
                r.push("maxPerWeek");
            }
        }
        if let Some(max) = self.max_per_month {
            if count(&|d| (d.year(), d.month()) == (day.year(), day.month())) >= max {
                r.push("maxPerMonth");
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
    pub min_days_ahead: i64,
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
            min_days_ahead: int(ev.get("minDaysAhead"), 0),
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
                .map(|m| Member::new(m, ev, lo, hi))
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
        let today = local_date(self.tz, self.now);
        // ▸ 1.1: at least minDaysAhead (default 0) days after now's date, so a start on an
        // earlier date than now's fails it too
        if (day - today).num_days() < self.min_days_ahead {
            r.push("minDaysAhead");
        }
        if let Some(max) = self.max_days_ahead {
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
                let ra = a.booking_dates.len() as f64 / a.weight;
                let rb = b.booking_dates.len() as f64 / b.weight;
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
        let team = self.team(&free);
        if team.is_none() {
            reasons.push("team");
        }
        let mut out = json!({
            "start": fmt_instant(s),
            "offered": reasons.is_empty(),
            "reasons": reasons,
            "members": self.members.iter().zip(&members).map(|(m, r)| json!({
                "id": m.id, "free": r.is_empty(), "reasons": r,
            })).collect::<Vec<_>>(),
        });
        // ▸ 1.1: an offered start names its hosts (and candidates) as its slot would
        if reasons.is_empty() {
            let (hosts, cands) = team.expect("offered means the team rule holds");
            out["hosts"] = json!(hosts);
            if let Some(c) = cands {
                out["candidates"] = json!(c);
            }
        }
        out
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

/// A status request: one `member`, or ▸ a team of `members` with the next assignee.
pub fn status_response(req: &Value, default_now_ms: i64) -> Value {
    let now = req.get("now").map(parse_instant).unwrap_or(default_now_ms);
    match req.get("members") {
        None => member_status(&req["member"], now),
        Some(list) => team_status(
            list.as_array().expect("members"),
            req.get("assignment").and_then(Value::as_str),
            now,
        ),
    }
}

/// The §8 status of one member at `now`.
pub fn member_status(m: &Value, now: i64) -> Value {
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
    // ▸ hoursToday: working time cut to [today 00:00, tomorrow 00:00), both resolved by §2
    let today = local_date(tz, now);
    let day = (
        resolve_date_minutes(tz, today, 0),
        resolve_date_minutes(tz, today + Duration::days(1), 0),
    );
    let hours_today: Vec<Value> = working
        .iter()
        .map(|&(a, b)| (a.max(day.0), b.min(day.1)))
        .filter(|&(a, b)| b > a)
        .map(|(a, b)| json!({"start": fmt_instant(a), "end": fmt_instant(b)}))
        .collect();
    json!({
        "status": status,
        "source": source,
        "reason": reason,
        "until": until.map(fmt_instant),
        "eligible": status == "available" && capacity_ok,
        "hoursToday": hours_today,
    })
}

/// ▸ Team status: every member's status in request order, and `next`: the eligible member
/// first by the key of `assignment` (roundRobin by default).
pub fn team_status(members: &[Value], assignment: Option<&str>, now: i64) -> Value {
    let statuses: Vec<Value> = members
        .iter()
        .map(|m| {
            let mut st = member_status(m, now);
            st["id"] = m["id"].clone();
            st
        })
        .collect();
    let least_loaded = match assignment {
        None | Some("roundRobin") => false,
        Some("leastLoaded") => true,
        Some(other) => panic!("naive: bad assignment {other}"),
    };
    // (assigned, max) as a fraction; 0/1 without capacity
    let load = |m: &Value| -> (i128, i128) {
        match m.get("capacity") {
            Some(c) => (
                c["assigned"].as_i64().unwrap() as i128,
                c["max"].as_i64().unwrap() as i128,
            ),
            None => (0, 1),
        }
    };
    let last = |m: &Value| m.get("lastAssignedAt").map(parse_instant); // None sorts first
    let id = |m: &Value| m["id"].as_str().unwrap().as_bytes().to_vec();
    let mut eligible: Vec<&Value> = members
        .iter()
        .zip(&statuses)
        .filter(|(_, st)| st["eligible"] == json!(true))
        .map(|(m, _)| m)
        .collect();
    eligible.sort_by(|a, b| {
        let by_load = if least_loaded {
            // a0/a1 against b0/b1 exactly (an eligible member has max >= 1)
            let ((a0, a1), (b0, b1)) = (load(a), load(b));
            (a0 * b1).cmp(&(b0 * a1))
        } else {
            std::cmp::Ordering::Equal
        };
        by_load.then(last(a).cmp(&last(b))).then(id(a).cmp(&id(b)))
    });
    json!({
        "members": statuses,
        "next": eligible.first().map(|m| m["id"].clone()).unwrap_or(Value::Null),
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
    for k in [
        "status",
        "source",
        "reason",
        "until",
        "eligible",
        "hoursToday",
        "members",
        "next",
    ] {
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
