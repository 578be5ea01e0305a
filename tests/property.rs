//! Property tests (issue 3): the engine against a deliberately naive minute-by-minute checker
//! (`tests/naive/`, written from the SPEC alone, sharing no code with `src/`), on random valid
//! requests across zones with odd offsets and DST rules, with ranges clustered around their
//! transitions.
//!
//! Cases per property: 512, or `PROPTEST_CASES` when set (e.g. `PROPTEST_CASES=5000` for a soak).

mod naive;
mod zic;

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Offset, TimeZone, Timelike, Utc};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Map, Value};
use zic::Tz;

use naive::{DAY, MINUTE, SECOND};

const ZONES: [&str; 13] = [
    "Europe/Paris",
    "America/New_York",
    "Australia/Lord_Howe",
    "America/Santiago",
    "America/Havana",
    "Pacific/Apia",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "America/St_Johns",
    "UTC",
    "Asia/Calcutta",
    "US/Eastern",
];

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(512);
    ProptestConfig {
        cases,
        // failures are minimised by hand into named regression tests instead
        failure_persistence: None,
        max_shrink_iters: 4096,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Transition instants, computed with chrono-tz (a daily scan, then a minute bisection)

fn utc_offset(tz: Tz, ms: i64) -> i32 {
    let t = DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap()
        .naive_utc();
    tz.offset_from_utc_datetime(&t).fix().local_minus_utc()
}

fn zone_transitions(name: &str) -> Vec<i64> {
    let tz: Tz = name.parse().unwrap();
    let start = NaiveDate::from_ymd_opt(2010, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp_millis();
    let end = NaiveDate::from_ymd_opt(2031, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp_millis();
    let mut out = Vec::new();
    let mut t = start;
    while t < end {
        let (a, b) = (utc_offset(tz, t), utc_offset(tz, t + DAY));
        if a != b {
            // first minute in (t, t + DAY] with the new offset
            let (mut lo, mut hi) = (t, t + DAY);
            while hi - lo > MINUTE {
                let mid = lo + (hi - lo) / 2 / MINUTE * MINUTE;
                if utc_offset(tz, mid) == a {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push(hi);
        }
        t += DAY;
    }
    out
}

fn transitions() -> &'static Vec<Vec<i64>> {
    static T: OnceLock<Vec<Vec<i64>>> = OnceLock::new();
    T.get_or_init(|| ZONES.iter().map(|z| zone_transitions(z)).collect())
}

/// The anchor instant of a case: a transition of the focus zone, or of any zone when the focus
/// zone has none (UTC, Kolkata, Kathmandu).
fn anchor(focus: usize, pick: usize) -> i64 {
    let t = transitions();
    let list = if t[focus].is_empty() {
        t.iter().flatten().copied().collect::<Vec<_>>()
    } else {
        t[focus].clone()
    };
    list[pick % list.len()]
}

// ---------------------------------------------------------------------------------------------
// Rendering

fn hm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn date_str(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// An instant in one of the accepted input forms (style 0–1: `Z`, 2: `+05:30`, 3: `-03:00`,
/// 4: epoch-ms number).
fn instant(ms: i64, style: u8) -> Value {
    let dt = DateTime::<Utc>::from_timestamp_millis(ms).unwrap();
    let frac = if ms.rem_euclid(SECOND) != 0 {
        "%.3f"
    } else {
        ""
    };
    match style {
        2 => json!(dt
            .with_timezone(&chrono::FixedOffset::east_opt(5 * 3600 + 1800).unwrap())
            .format(&format!("%Y-%m-%dT%H:%M:%S{frac}%:z"))
            .to_string()),
        3 => json!(dt
            .with_timezone(&chrono::FixedOffset::west_opt(3 * 3600).unwrap())
            .format(&format!("%Y-%m-%dT%H:%M:%S{frac}%:z"))
            .to_string()),
        4 => json!(ms),
        _ => json!(dt.format(&format!("%Y-%m-%dT%H:%M:%S{frac}Z")).to_string()),
    }
}

// ---------------------------------------------------------------------------------------------
// Plans: plain data that proptest generates and shrinks; `build` turns one into a request.

#[derive(Debug, Clone)]
struct Pair(u16, u16);

#[derive(Debug, Clone)]
enum Weekly {
    AllDay,
    Days(Vec<Vec<Pair>>),
}

#[derive(Debug, Clone)]
enum TimeOff {
    /// from = anchor date + from, to = from + len
    Dates { from: i8, len: u8 },
    /// per-mille position in the window around the range, seconds, length in minutes
    Instants {
        at: u16,
        secs: u8,
        len: u16,
        style: u8,
    },
}

/// Where a busy item or booking starts.
#[derive(Debug, Clone)]
enum Place {
    /// at the per-mille position `at` of the window around the range
    Near,
    /// that position moved by whole days (bookings far away still count for the limits)
    Days(i8),
    /// minutes from 00:00 of the member's local date `.0` days after the range start's (a
    /// day, week or month boundary of the limits)
    Midnight(i8, i16),
}

#[derive(Debug, Clone)]
struct Busy {
    at: u16,
    secs: u8,
    /// milliseconds (fractions of a second are accepted on input)
    ms: u16,
    len: u16,
    style: u8,
    place: Place,
    /// ▸ the item's own buffers (absent: 0 for busy, the event's for bookings)
    before: Option<u16>,
    after: Option<u16>,
}

/// ▸ `member.limits`: maxPerDay, maxPerWeek, maxPerMonth.
type Limits = (Option<u32>, Option<u32>, Option<u32>);

#[derive(Debug, Clone)]
struct MemberPlan {
    zone: Option<usize>, // None: the focus zone
    weekly: Weekly,
    overrides: Vec<(i8, Vec<Pair>)>,
    time_off: Vec<TimeOff>,
    busy: Vec<Busy>,
    bookings: Vec<Busy>,
    required: bool,
    priority: Option<i8>,
    weight: Option<u8>,
    last_booked: Option<u8>,
    limits: Option<Limits>,
}

#[derive(Debug, Clone)]
struct EventPlan {
    duration: u16,
    step: Option<u16>,
    buffer_before: Option<u16>,
    buffer_after: Option<u16>,
    min_notice: Option<u16>,
    max_days_ahead: Option<u8>,
    date_range: Option<(i8, u8)>,
    hours: Option<Weekly>,
    respect_working_hours: Option<bool>,
    max_per_day: Option<u32>,
    max_per_week: Option<u32>,
    max_per_month: Option<u32>,
    min_days_ahead: Option<u16>,
}

#[derive(Debug, Clone)]
struct Plan {
    focus: usize,
    pick: usize,
    /// 0: the transition itself; 1: 00:00 of the 1st of its month (or the next), 2: 00:00 of
    /// the Monday of its week, both in the focus zone (week and month boundaries)
    anchor_kind: u8,
    page_zone: Option<usize>,
    viewer_zone: Option<usize>,
    range_off: i32, // minutes from the anchor
    range_secs: u8,
    range_len: u16, // minutes
    now_off: i32,   // minutes from the range start
    now_secs: u8,
    /// leave `now` out: the engine then uses the `now_ms` argument (0 here)
    omit_now: bool,
    event: EventPlan,
    mode: u8, // 0: absent, 1: "collective", 2: "roundRobin"
    min_available: Option<u8>,
    assignment: Option<u8>,
    members: Vec<MemberPlan>,
    ids: Vec<&'static str>,
    /// per-mille position around the range, seconds, and 0: as is, 1: snapped to the grid,
    /// 2: the n-th offered slot (by the naive checker) if there is one, 3: days away from the
    /// range
    explain: Option<(u16, u8, u8)>,
}

const IDS: [&str; 8] = ["alice", "Bob", "émile", "bob", "zoë", "Zed", "a", "b"];
const WEIGHTS: [f64; 4] = [0.5, 1.0, 2.0, 3.0];
const STEPS: [u16; 8] = [5, 7, 10, 15, 20, 30, 45, 60];

fn zone_of(choice: Option<usize>, focus: usize) -> &'static str {
    ZONES[choice.unwrap_or(focus)]
}

fn tz(name: &str) -> Tz {
    name.parse().unwrap()
}

fn weekly_json(w: &Weekly) -> Value {
    let keys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let mut o = Map::new();
    match w {
        Weekly::AllDay => {
            for k in keys {
                o.insert(k.into(), json!([["00:00", "00:00"]]));
            }
        }
        Weekly::Days(days) => {
            for (k, pairs) in keys.iter().zip(days) {
                if !pairs.is_empty() {
                    o.insert((*k).into(), pairs_json(pairs));
                }
            }
        }
    }
    Value::Object(o)
}

fn pairs_json(pairs: &[Pair]) -> Value {
    Value::Array(
        pairs
            .iter()
            .map(|Pair(a, b)| json!([hm(*a), hm(*b)]))
            .collect(),
    )
}

fn local_date_of(zone: &str, ms: i64) -> NaiveDate {
    naive::local_date(tz(zone), ms)
}

/// Window `[lo, hi)` around the range where busy times and time off are placed.
fn place(lo: i64, hi: i64, at: u16, secs: u8) -> i64 {
    let span_min = (hi - lo) / MINUTE;
    lo + span_min * at as i64 / 1000 * MINUTE + secs as i64 * SECOND
}

/// The anchor of a plan: a transition, or a month or week start near one.
fn plan_anchor(p: &Plan) -> i64 {
    let t = anchor(p.focus, p.pick);
    let zone = tz(ZONES[p.focus]);
    let d = naive::local_date(zone, t);
    let day = match p.anchor_kind {
        1 if d.day() > 15 => {
            let (y, m) = if d.month() == 12 {
                (d.year() + 1, 1)
            } else {
                (d.year(), d.month() + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1).unwrap()
        }
        1 => d.with_day(1).unwrap(),
        2 => d - Duration::days(d.weekday().num_days_from_monday() as i64),
        _ => return t,
    };
    naive::resolve_date_minutes(zone, day, 0)
}

fn build(p: &Plan) -> Value {
    let t = plan_anchor(p);
    let rs = t + p.range_off as i64 * MINUTE + p.range_secs as i64 * SECOND;
    let re = rs + p.range_len as i64 * MINUTE;
    let (wlo, whi) = (rs - 3 * 60 * MINUTE, re + 3 * 60 * MINUTE);
    let now = rs + p.now_off as i64 * MINUTE + p.now_secs as i64 * SECOND;
    let page_zone = zone_of(p.page_zone, p.focus);

    let mut req = Map::new();
    if !p.omit_now {
        req.insert("now".into(), instant(now, p.now_secs % 5));
    }
    req.insert(
        "range".into(),
        json!({"start": instant(rs, p.range_secs % 5), "end": instant(re, 0)}),
    );
    req.insert("timezone".into(), json!(page_zone));
    if let Some(v) = p.viewer_zone {
        req.insert("viewerTimezone".into(), json!(ZONES[v]));
    }

    let e = &p.event;
    let mut ev = Map::new();
    ev.insert("duration".into(), json!(e.duration));
    if let Some(s) = e.step {
        ev.insert("step".into(), json!(s));
    }
    if let Some(b) = e.buffer_before {
        ev.insert("bufferBefore".into(), json!(b));
    }
    if let Some(b) = e.buffer_after {
        ev.insert("bufferAfter".into(), json!(b));
    }
    if let Some(n) = e.min_notice {
        ev.insert("minNotice".into(), json!(n));
    }
    if let Some(n) = e.max_days_ahead {
        ev.insert("maxDaysAhead".into(), json!(n));
    }
    let page_day = local_date_of(page_zone, rs);
    if let Some((from, len)) = e.date_range {
        let from = page_day + Duration::days(from as i64);
        ev.insert(
            "dateRange".into(),
            json!({"from": date_str(from), "to": date_str(from + Duration::days(len as i64))}),
        );
    }
    if let Some(h) = &e.hours {
        ev.insert("hours".into(), weekly_json(h));
    }
    if let Some(r) = e.respect_working_hours {
        ev.insert("respectWorkingHours".into(), json!(r));
    }
    if let Some(n) = e.max_per_day {
        ev.insert("maxPerDay".into(), json!(n));
    }
    if let Some(n) = e.max_per_week {
        ev.insert("maxPerWeek".into(), json!(n));
    }
    if let Some(n) = e.max_per_month {
        ev.insert("maxPerMonth".into(), json!(n));
    }
    if let Some(n) = e.min_days_ahead {
        ev.insert("minDaysAhead".into(), json!(n));
    }
    req.insert("event".into(), Value::Object(ev));

    let round_robin = p.mode == 2;
    let mut required: Vec<bool> = p
        .members
        .iter()
        .map(|m| round_robin && m.required)
        .collect();
    if round_robin && required.iter().all(|&r| r) {
        *required.last_mut().unwrap() = false; // keep the pool non-empty
    }
    let pool = required.iter().filter(|&&r| !r).count();
    if p.mode > 0 {
        let mut team = Map::new();
        team.insert(
            "mode".into(),
            json!(if round_robin {
                "roundRobin"
            } else {
                "collective"
            }),
        );
        if round_robin {
            if let Some(n) = p.min_available {
                team.insert("minAvailable".into(), json!((n as usize).clamp(1, pool)));
            }
            if let Some(a) = p.assignment {
                let name = ["leastRecentlyBooked", "balanced", "priority"][a as usize % 3];
                team.insert("assignment".into(), json!(name));
            }
        }
        req.insert("team".into(), Value::Object(team));
    }

    let last_booked = [
        instant(t - 10 * DAY, 0),
        instant(t - 5 * DAY, 0),
        instant(t - 10 * DAY, 4), // same instant as the first, as a number: a tie
    ];
    let members: Vec<Value> = p
        .members
        .iter()
        .zip(&p.ids)
        .zip(&required)
        .map(|((m, id), &req_member)| {
            let zone = zone_of(m.zone, p.focus);
            let day = local_date_of(zone, rs);
            let mut o = Map::new();
            o.insert("id".into(), json!(id));
            o.insert("timezone".into(), json!(zone));
            o.insert("weekly".into(), weekly_json(&m.weekly));
            if !m.overrides.is_empty() {
                let mut ov = Map::new();
                for (off, pairs) in &m.overrides {
                    ov.insert(
                        date_str(day + Duration::days(*off as i64)),
                        pairs_json(pairs),
                    );
                }
                o.insert("overrides".into(), Value::Object(ov));
            }
            if !m.time_off.is_empty() {
                let list: Vec<Value> = m
                    .time_off
                    .iter()
                    .map(|t| match t {
                        TimeOff::Dates { from, len } => {
                            let from = day + Duration::days(*from as i64);
                            json!({"from": date_str(from), "to": date_str(from + Duration::days(*len as i64))})
                        }
                        TimeOff::Instants { at, secs, len, style } => {
                            let s = place(wlo, whi, *at, *secs);
                            json!({"start": instant(s, *style), "end": instant(s + *len as i64 * MINUTE, 0)})
                        }
                    })
                    .collect();
                o.insert("timeOff".into(), Value::Array(list));
            }
            let busy_json = |list: &[Busy]| -> Value {
                Value::Array(
                    list.iter()
                        .map(|b| {
                            let near = place(wlo, whi, b.at, b.secs) + b.ms as i64;
                            let s = match b.place {
                                Place::Near => near,
                                Place::Days(n) => near + n as i64 * DAY,
                                Place::Midnight(n, m) => {
                                    let d = day + Duration::days(n as i64);
                                    naive::resolve_date_minutes(tz(zone), d, 0) + m as i64 * MINUTE
                                }
                            };
                            let mut o = json!({"start": instant(s, b.style), "end": instant(s + b.len as i64 * MINUTE, b.style)});
                            if let Some(x) = b.before {
                                o["bufferBefore"] = json!(x);
                            }
                            if let Some(x) = b.after {
                                o["bufferAfter"] = json!(x);
                            }
                            o
                        })
                        .collect(),
                )
            };
            if !m.busy.is_empty() {
                o.insert("busy".into(), busy_json(&m.busy));
            }
            if !m.bookings.is_empty() {
                o.insert("bookings".into(), busy_json(&m.bookings));
            }
            if req_member || (p.mode != 2 && m.required) {
                // (collective pages may carry `required` too: it changes nothing there)
                o.insert("required".into(), json!(true));
            } else if m.required {
                o.insert("required".into(), json!(false));
            }
            if let Some(pr) = m.priority {
                o.insert("priority".into(), json!(pr));
            }
            if let Some(w) = m.weight {
                o.insert("weight".into(), json!(WEIGHTS[w as usize % WEIGHTS.len()]));
            }
            if let Some(l) = m.last_booked {
                o.insert("lastBookedAt".into(), last_booked[l as usize % 3].clone());
            }
            if let Some((day, week, month)) = m.limits {
                let mut l = Map::new();
                for (k, v) in [("maxPerDay", day), ("maxPerWeek", week), ("maxPerMonth", month)] {
                    if let Some(v) = v {
                        l.insert(k.into(), json!(v));
                    }
                }
                o.insert("limits".into(), Value::Object(l));
            }
            Value::Object(o)
        })
        .collect();
    req.insert("members".into(), Value::Array(members));

    if let Some((at, secs, how)) = p.explain {
        let mut s = if how == 3 {
            // far from the range: days before or after it
            place(rs - 3 * DAY, re + 3 * DAY, at, secs)
        } else {
            place(rs - 60 * MINUTE, re + 60 * MINUTE, at, secs)
        };
        let offered = if how == 2 {
            let r = naive::slots_response(&Value::Object(req.clone()), 0);
            let slots = r["slots"].as_array().unwrap().clone();
            (!slots.is_empty())
                .then(|| naive::parse_instant(&slots[at as usize % slots.len()]["start"]))
        } else {
            None
        };
        if let Some(o) = offered {
            s = o;
        } else if how == 1 || how == 2 {
            s = s.div_euclid(MINUTE) * MINUTE;
            let w = naive::wall(tz(page_zone), s);
            let step = e.step.unwrap_or(e.duration) as i64;
            s -= ((w.hour() * 60 + w.minute()) as i64 % step) * MINUTE;
        }
        req.insert("explain".into(), instant(s, 0));
    }
    Value::Object(req)
}

// ---------------------------------------------------------------------------------------------
// Strategies

fn start_minute() -> impl Strategy<Value = u16> {
    prop_oneof![
        4 => (0u16..96).prop_map(|q| q * 15),
        1 => 0u16..1440,
        2 => prop::sample::select(vec![0u16, 30, 60, 90, 120, 150, 180, 210, 1380, 1410]),
    ]
}

fn pair() -> impl Strategy<Value = Pair> {
    (
        start_minute(),
        prop_oneof![5 => start_minute(), 1 => Just(1440u16)],
    )
        .prop_map(|(a, b)| Pair(a, b))
}

fn pairs(max: usize) -> impl Strategy<Value = Vec<Pair>> {
    prop::collection::vec(pair(), 0..=max)
}

/// Weekly hours; `all_day` is the weight (out of 5) of round-the-clock hours.
fn weekly_with(all_day: u32) -> impl Strategy<Value = Weekly> {
    prop_oneof![
        5 - all_day => prop::collection::vec(pairs(3), 7).prop_map(Weekly::Days),
        all_day => Just(Weekly::AllDay),
    ]
}

/// ▸ An item's own buffer: mostly absent, sometimes 0, small or large.
fn own_buffer() -> impl Strategy<Value = Option<u16>> {
    prop_oneof![
        8 => Just(None),
        2 => Just(Some(0u16)),
        3 => (1u16..=60).prop_map(Some),
        1 => (61u16..=1440).prop_map(Some),
    ]
}

/// A busy item or booking; `near` out of 9 start around the range, the others days away or at
/// a member-zone midnight.
fn busy(near: u32) -> impl Strategy<Value = Busy> {
    let place = if near < 9 {
        prop_oneof![
            near => Just(Place::Near),
            (9 - near) / 2 => (-35i8..=35).prop_map(Place::Days),
            (10 - near) / 2 => (-8i8..=8, prop_oneof![Just(0i16), -90i16..=90])
                .prop_map(|(d, m)| Place::Midnight(d, m)),
        ]
        .boxed()
    } else {
        Just(Place::Near).boxed()
    };
    (
        0u16..1000,
        prop_oneof![3 => Just(0u8), 1 => 0u8..60],
        prop_oneof![6 => Just(0u16), 1 => 1u16..1000],
        prop_oneof![3 => 1u16..=30, 1 => 30u16..=180],
        0u8..5,
        place,
        own_buffer(),
        own_buffer(),
    )
        .prop_map(|(at, secs, ms, len, style, place, before, after)| Busy {
            at,
            secs,
            ms,
            len,
            style,
            place,
            before,
            after,
        })
}

/// ▸ A limit (0..100000): mostly small so that bookings reach it, sometimes not.
fn limit() -> impl Strategy<Value = u32> {
    prop_oneof![1 => Just(0u32), 4 => 1u32..=3, 5 => 4u32..=10, 1 => Just(100_000u32)]
}

/// ▸ `member.limits` with each of its three fields sometimes there.
fn member_limits() -> impl Strategy<Value = Limits> {
    (
        proptest::option::of(limit()),
        proptest::option::of(limit()),
        proptest::option::of(limit()),
    )
}

fn time_off(secs_allowed: bool) -> impl Strategy<Value = TimeOff> {
    let secs = if secs_allowed { 0u8..60 } else { 0u8..1 };
    prop_oneof![
        1 => (-1i8..=3, 0u8..=1).prop_map(|(from, len)| TimeOff::Dates { from, len }),
        2 => (0u16..1000, secs, 1u16..=600, 0u8..5).prop_map(|(at, secs, len, style)| {
            TimeOff::Instants {
                at,
                secs,
                len,
                style,
            }
        }),
    ]
}

fn weekly() -> impl Strategy<Value = Weekly> {
    weekly_with(2)
}

/// A member; `limits` favours bookings spread over weeks and months and limits that count them.
fn member(all_day: u32, limits: bool) -> impl Strategy<Value = MemberPlan> {
    let (busy_items, bookings, own_limits) = if limits {
        (
            prop::collection::vec(busy(9), 0..=1).boxed(),
            prop::collection::vec(busy(2), 1..=6).boxed(),
            proptest::option::weighted(0.5, member_limits()).boxed(),
        )
    } else {
        (
            prop::collection::vec(busy(9), 0..=3).boxed(),
            prop::collection::vec(busy(4), 0..=3).boxed(),
            proptest::option::weighted(0.1, member_limits()).boxed(),
        )
    };
    (
        prop_oneof![Just(None), (0..ZONES.len()).prop_map(Some)],
        weekly_with(all_day),
        prop::collection::vec((-1i8..=3, pairs(2)), 0..=2),
        prop_oneof![
            2 => Just(vec![]),
            1 => prop::collection::vec(time_off(true), 1..=2)
        ],
        busy_items,
        bookings,
        prop::bool::weighted(0.25),
        proptest::option::of(-2i8..=3),
        proptest::option::of(0u8..4),
        proptest::option::of(0u8..3),
        own_limits,
    )
        .prop_map(
            |(
                zone,
                weekly,
                overrides,
                time_off,
                busy,
                bookings,
                required,
                priority,
                weight,
                last_booked,
                limits,
            )| {
                MemberPlan {
                    zone,
                    weekly,
                    overrides,
                    time_off,
                    busy,
                    bookings,
                    required,
                    priority,
                    weight,
                    last_booked,
                    limits,
                }
            },
        )
}

/// The event; `limits` makes the day, week and month limits likely.
fn event(limits: bool) -> impl Strategy<Value = EventPlan> {
    let w = if limits { 0.5 } else { 0.1 };
    let limits = (
        proptest::option::weighted(w, limit()),
        proptest::option::weighted(w, limit()),
        proptest::option::weighted(w, limit()),
        proptest::option::weighted(
            0.2,
            prop_oneof![4 => 0u16..=1, 2 => 2u16..=3, 1 => Just(3650u16)],
        ),
    );
    (
        prop_oneof![
            4 => prop::sample::select(vec![5u16, 15, 20, 30, 45, 60, 90, 120, 180]),
            4 => 5u16..=180,
            1 => prop::sample::select(vec![1u16, 240, 480, 1440]),
        ],
        proptest::option::weighted(
            0.8,
            prop_oneof![
                8 => prop::sample::select(STEPS.to_vec()),
                1 => prop::sample::select(vec![1u16, 90, 120, 1440]),
            ],
        ),
        proptest::option::weighted(0.3, prop_oneof![6 => 0u16..=60, 1 => 60u16..=1440]),
        proptest::option::weighted(0.3, prop_oneof![6 => 0u16..=60, 1 => 60u16..=1440]),
        proptest::option::weighted(0.3, 0u16..=1440),
        proptest::option::weighted(0.2, 0u8..=3),
        proptest::option::weighted(0.2, (-1i8..=2, 0u8..=2)),
        proptest::option::weighted(0.2, weekly()),
        proptest::option::weighted(0.2, prop::bool::weighted(0.6).prop_map(|b| !b)),
        limits,
    )
        .prop_map(
            |(duration, step, bb, ba, mn, mda, dr, hours, respect, (mpd, mpw, mpm, mnda))| {
                EventPlan {
                    duration,
                    step,
                    buffer_before: bb,
                    buffer_after: ba,
                    min_notice: mn,
                    max_days_ahead: mda,
                    date_range: dr,
                    hours,
                    respect_working_hours: respect,
                    max_per_day: mpd,
                    max_per_week: mpw,
                    max_per_month: mpm,
                    min_days_ahead: mnda,
                }
            },
        )
}

/// A whole slots request plan; `mode` forces the team mode when given, `max_len` bounds the
/// range length in minutes; `limits` anchors ranges at week and month starts too and favours
/// bookings and limits.
fn plan(
    mode: Option<u8>,
    max_len: u16,
    explain: f64,
    all_day: u32,
    limits: bool,
) -> impl Strategy<Value = Plan> {
    let anchor_kind = if limits {
        prop_oneof![Just(0u8), Just(1u8), Just(2u8)].boxed()
    } else {
        Just(0u8).boxed()
    };
    let mode = match mode {
        Some(m) => Just(m).boxed(),
        None => prop_oneof![Just(0u8), Just(1u8), Just(2u8)].boxed(),
    };
    let at = (
        0u16..1000,
        prop_oneof![4 => Just(0u8), 1 => 0u8..60],
        prop_oneof![3 => 0u8..3, 1 => Just(3u8)],
    );
    let explain_strategy = if explain >= 1.0 {
        at.prop_map(Some).boxed()
    } else if explain <= 0.0 {
        Just(None).boxed()
    } else {
        proptest::option::weighted(explain, at).boxed()
    };
    (
        (
            0..ZONES.len(),
            any::<usize>(),
            prop_oneof![2 => Just(None), 1 => (0..ZONES.len()).prop_map(Some)],
            proptest::option::of(0..ZONES.len()),
            -2880i32..=1440,
            prop_oneof![4 => Just(0u8), 1 => 0u8..60],
            prop_oneof![30u16..=max_len, 60u16..=max_len.min(1500)],
            -4320i32..=1440,
            prop_oneof![4 => Just(0u8), 1 => 0u8..60],
            prop::bool::weighted(0.05),
        ),
        event(limits),
        mode,
        proptest::option::of(1u8..=4),
        proptest::option::of(0u8..3),
        prop::collection::vec(member(all_day, limits), 1..=if limits { 3 } else { 4 }),
        Just(IDS.to_vec()).prop_shuffle(),
        explain_strategy,
        anchor_kind,
    )
        .prop_map(
            |(
                (
                    focus,
                    pick,
                    page_zone,
                    viewer_zone,
                    range_off,
                    range_secs,
                    range_len,
                    now_off,
                    now_secs,
                    omit_now,
                ),
                event,
                mode,
                min_available,
                assignment,
                members,
                ids,
                explain,
                anchor_kind,
            )| Plan {
                focus,
                pick,
                anchor_kind,
                page_zone,
                viewer_zone,
                range_off,
                range_secs,
                range_len,
                now_off,
                now_secs,
                omit_now,
                event,
                mode,
                min_available,
                assignment,
                members,
                ids,
                explain,
            },
        )
}

// ---------------------------------------------------------------------------------------------
// Checking

fn check_slots(req: &Value) -> Result<(), TestCaseError> {
    let expected = naive::normalise(&naive::slots_response(req, 0));
    let actual = match bookable::slots_from_value(req, 0) {
        Ok(r) => serde_json::to_value(&r).expect("response serialises"),
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "engine rejected a valid request: {}\nrequest: {req}",
                e.to_json()
            )))
        }
    };
    // extra top-level fields are allowed; the listed ones must match exactly
    let actual = naive::normalise(&Value::Object(
        actual
            .as_object()
            .expect("response is an object")
            .iter()
            .filter(|(k, _)| ["timezone", "slots", "days", "explanation"].contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    ));
    if expected != actual {
        return Err(TestCaseError::fail(format!(
            "engine and naive checker disagree:\n{}request: {req}",
            naive::describe_diff(&expected, &actual)
        )));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// Slots, hosts, candidates, days and explanations equal the naive checker's, on requests
    /// of every shape (collective and roundRobin, 1–4 members) within ±2 days of DST and other
    /// offset transitions.
    #[test]
    fn slots_match_naive_checker_near_dst_transitions(p in plan(None, 4320, 0.3, 2, false)) {
        check_slots(&build(&p))?;
    }

    /// roundRobin pages: required members, minAvailable, and each assignment order with its
    /// tie-breaks pick the same hosts and candidates as the naive checker.
    #[test]
    fn round_robin_hosts_and_candidates_match_naive_checker(
        p in plan(Some(2), 1440, 0.2, 4, false),
    ) {
        check_slots(&build(&p))?;
    }

    /// The explanation of any start (on or off the grid, inside or outside the range) names
    /// the same slot-level and member-level reasons as the naive checker.
    #[test]
    fn explanations_match_naive_checker_for_any_start(p in plan(None, 360, 1.0, 2, false)) {
        check_slots(&build(&p))?;
    }

    /// ▸ Day, week (Monday to Sunday) and month limits, the event's and each member's own, on
    /// ranges around month and week starts as well as transitions, with bookings spread over
    /// weeks and placed at member-zone midnights: slots and explanations equal the naive
    /// checker's.
    #[test]
    fn limits_match_naive_checker_across_week_and_month_boundaries(
        p in plan(None, 2880, 0.5, 4, true),
    ) {
        check_slots(&build(&p))?;
    }
}

// ---------------------------------------------------------------------------------------------
// Availability status (§8)

/// One member of a status request.
#[derive(Debug, Clone)]
struct StatusMember {
    zone: Option<usize>,
    weekly: Weekly,
    overrides: Vec<(i8, Vec<Pair>)>,
    time_off: Vec<TimeOff>,
    manual: Option<(bool, i32, Option<u8>)>, // available?, minutes from since to now, reason
    capacity: Option<(u8, u8)>,
    /// ▸ team status only: an index into a few instants near `now` (ties included)
    last_assigned: Option<u8>,
}

#[derive(Debug, Clone)]
struct StatusPlan {
    focus: usize,
    pick: usize,
    now_off: i32, // minutes from the anchor
    now_secs: u8,
    member: StatusMember,
}

/// ▸ A team status request: `members`, `assignment` (0: absent, 1: roundRobin, 2: leastLoaded).
#[derive(Debug, Clone)]
struct TeamStatusPlan {
    focus: usize,
    pick: usize,
    now_off: i32,
    now_secs: u8,
    members: Vec<StatusMember>,
    ids: Vec<&'static str>,
    assignment: u8,
}

fn status_now(focus: usize, pick: usize, now_off: i32, now_secs: u8) -> i64 {
    anchor(focus, pick) + now_off as i64 * MINUTE + now_secs as i64 * SECOND
}

fn status_member_json(p: &StatusMember, id: &str, focus: usize, now: i64, team: bool) -> Value {
    let zone = zone_of(p.zone, focus);
    let day = local_date_of(zone, now);
    let (wlo, whi) = (now - 2 * DAY, now + 5 * DAY);
    let mut m = Map::new();
    m.insert("id".into(), json!(id));
    m.insert("timezone".into(), json!(zone));
    m.insert("weekly".into(), weekly_json(&p.weekly));
    if !p.overrides.is_empty() {
        let mut ov = Map::new();
        for (off, pairs) in &p.overrides {
            ov.insert(
                date_str(day + Duration::days(*off as i64)),
                pairs_json(pairs),
            );
        }
        m.insert("overrides".into(), Value::Object(ov));
    }
    if !p.time_off.is_empty() {
        let list: Vec<Value> = p
            .time_off
            .iter()
            .map(|x| match x {
                TimeOff::Dates { from, len } => {
                    let from = day + Duration::days(*from as i64 - 1);
                    json!({"from": date_str(from), "to": date_str(from + Duration::days(*len as i64))})
                }
                TimeOff::Instants { at, secs, len, style } => {
                    let s = place(wlo, whi, *at, *secs);
                    json!({"start": instant(s, *style), "end": instant(s + *len as i64 * MINUTE, 0)})
                }
            })
            .collect();
        m.insert("timeOff".into(), Value::Array(list));
    }
    if let Some((available, back, reason)) = p.manual {
        let mut o = Map::new();
        o.insert(
            "status".into(),
            json!(if available { "available" } else { "away" }),
        );
        o.insert("since".into(), instant(now - back as i64 * MINUTE, 0));
        if let Some(r) = reason {
            o.insert(
                "reason".into(),
                json!(["lunch", "meeting", "Déjeuner"][r as usize % 3]),
            );
        }
        m.insert("manual".into(), Value::Object(o));
    }
    if let Some((max, assigned)) = p.capacity {
        m.insert("capacity".into(), json!({"max": max, "assigned": assigned}));
    }
    if let (true, Some(l)) = (team, p.last_assigned) {
        let at = [
            instant(now - 3 * 60 * MINUTE, 0),
            instant(now - 60 * MINUTE, 2),
            instant(now - 3 * 60 * MINUTE, 4), // the first again, as a number: a tie
            instant(now - DAY + 17 * SECOND, 0),
            instant(now + 60 * MINUTE, 0), // later than now: still only a key
        ];
        m.insert("lastAssignedAt".into(), at[l as usize % at.len()].clone());
    }
    Value::Object(m)
}

fn build_status(p: &StatusPlan) -> Value {
    let now = status_now(p.focus, p.pick, p.now_off, p.now_secs);
    json!({
        "now": instant(now, p.now_secs % 5),
        "member": status_member_json(&p.member, "émile", p.focus, now, false),
    })
}

fn build_team_status(p: &TeamStatusPlan) -> Value {
    let now = status_now(p.focus, p.pick, p.now_off, p.now_secs);
    let members: Vec<Value> = p
        .members
        .iter()
        .zip(&p.ids)
        .map(|(m, id)| status_member_json(m, id, p.focus, now, true))
        .collect();
    let mut req = json!({"now": instant(now, p.now_secs % 5), "members": members});
    if p.assignment > 0 {
        req["assignment"] = json!(["roundRobin", "leastLoaded"][p.assignment as usize - 1]);
    }
    req
}

/// A status member; `team` makes it available and eligible more often, with capacities whose
/// loads tie (1/2 = 2/4) and `lastAssignedAt`.
fn status_member(team: bool) -> impl Strategy<Value = StatusMember> {
    let capacity = if team {
        prop_oneof![
            2 => prop::sample::select(vec![(2u8, 1u8), (4, 2), (1, 0), (3, 0), (3, 1), (6, 2), (4, 1), (2, 2), (0, 0)]),
            1 => (0u8..=5, 0u8..=6),
        ]
        .boxed()
    } else {
        (1u8..=5, 0u8..=6).boxed()
    };
    (
        prop_oneof![2 => Just(None), 1 => (0..ZONES.len()).prop_map(Some)],
        weekly_with(if team { 3 } else { 2 }),
        prop::collection::vec((-2i8..=3, pairs(2)), 0..=2),
        prop::collection::vec(time_off(true), 0..=2),
        proptest::option::weighted(
            if team { 0.3 } else { 0.5 },
            (
                any::<bool>(),
                prop_oneof![Just(0i32), (-2i32..=96).prop_map(|q| q * 15), -30i32..=2880],
                proptest::option::of(0u8..3),
            ),
        ),
        proptest::option::weighted(if team { 0.7 } else { 0.5 }, capacity),
        proptest::option::weighted(0.7, 0u8..5),
    )
        .prop_map(
            |(zone, weekly, overrides, time_off, manual, capacity, last_assigned)| StatusMember {
                zone,
                weekly,
                overrides,
                time_off,
                manual,
                capacity,
                last_assigned,
            },
        )
}

fn status_now_strategy() -> impl Strategy<Value = (usize, usize, i32, u8)> {
    (
        0..ZONES.len(),
        any::<usize>(),
        prop_oneof![(-192i32..=192).prop_map(|q| q * 15), -2880i32..=2880],
        prop_oneof![4 => Just(0u8), 1 => 0u8..60],
    )
}

fn status_plan() -> impl Strategy<Value = StatusPlan> {
    (status_now_strategy(), status_member(false)).prop_map(
        |((focus, pick, now_off, now_secs), member)| StatusPlan {
            focus,
            pick,
            now_off,
            now_secs,
            member,
        },
    )
}

fn team_status_plan() -> impl Strategy<Value = TeamStatusPlan> {
    (
        status_now_strategy(),
        prop::collection::vec(status_member(true), 1..=6),
        Just(IDS.to_vec()).prop_shuffle(),
        0u8..3,
    )
        .prop_map(
            |((focus, pick, now_off, now_secs), members, ids, assignment)| TeamStatusPlan {
                focus,
                pick,
                now_off,
                now_secs,
                members,
                ids,
                assignment,
            },
        )
}

fn check_status(req: &Value) -> Result<(), TestCaseError> {
    let expected = naive::status_response(req, 0);
    let actual = match bookable::status_from_value(req, 0) {
        Ok(r) => serde_json::to_value(&r).expect("response serialises"),
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "engine rejected a valid status request: {}\nrequest: {req}",
                e.to_json()
            )))
        }
    };
    let actual = naive::project(&actual, &expected);
    if expected != actual {
        return Err(TestCaseError::fail(format!(
            "engine and naive checker disagree:\n{}request: {req}",
            naive::describe_diff(&expected, &actual)
        )));
    }
    Ok(())
}

/// The reusable `Scheduler` (a request without `range`, then one call per range) answers
/// each part of a range as the naive checker does, and `slot_starts` lists the same starts.
fn check_scheduler(req: &Value, cut: u16) -> Result<(), TestCaseError> {
    let mut base = req.clone();
    let range = base.as_object_mut().unwrap().remove("range").unwrap();
    let now = base.as_object_mut().unwrap().remove("now");
    let scheduler = bookable::Scheduler::from_value(&base).map_err(|e| {
        TestCaseError::fail(format!(
            "Scheduler rejected a valid request: {}\nrequest: {base}",
            e.to_json()
        ))
    })?;
    let (rs, re) = (
        naive::parse_instant(&range["start"]),
        naive::parse_instant(&range["end"]),
    );
    // two consecutive calls, cut somewhere inside the range
    let mid = rs + ((re - rs) / MINUTE * cut as i64 / 1000).max(1) * MINUTE;
    for (a, b) in [(rs, mid.min(re)), (mid.min(re), re)] {
        if a >= b {
            continue;
        }
        let mut one = req.clone();
        one["range"] = json!({"start": naive::fmt_instant(a), "end": naive::fmt_instant(b)});
        if a % SECOND != 0 || b % SECOND != 0 {
            one["range"] = json!({"start": a, "end": b});
        }
        let expected = naive::slots_response(&one, 0);
        let now_arg = now
            .as_ref()
            .map(|n| bookable::Instant(naive::parse_instant(n)));
        let got = scheduler
            .slots(bookable::Instant(a), bookable::Instant(b), now_arg, 0)
            .map_err(|e| {
                TestCaseError::fail(format!(
                    "Scheduler::slots failed: {}\nrequest: {one}",
                    e.to_json()
                ))
            })?;
        let got = naive::normalise(&serde_json::to_value(&got).unwrap());
        let got = naive::project(&got, &expected);
        if got != expected {
            return Err(TestCaseError::fail(format!(
                "Scheduler::slots and naive checker disagree:\n{}request: {one}",
                naive::describe_diff(&expected, &got)
            )));
        }
        let starts = scheduler
            .slot_starts(bookable::Instant(a), bookable::Instant(b), now_arg, 0)
            .map_err(|e| {
                TestCaseError::fail(format!("Scheduler::slot_starts failed: {}", e.to_json()))
            })?;
        let want: Vec<i64> = expected["slots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| naive::parse_instant(&s["start"]))
            .collect();
        prop_assert_eq!(starts, want, "slot_starts; request: {}", one);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// `Scheduler::slots` and `slot_starts`, called on two consecutive parts of a range,
    /// equal the naive checker's answer for each part.
    #[test]
    fn scheduler_calls_match_naive_checker_on_parts_of_a_range(
        p in plan(None, 1440, 0.0, 3, false),
        cut in 0u16..1000,
    ) {
        check_scheduler(&build(&p), cut)?;
    }

    /// Status, source, reason, until, eligible and hoursToday equal the naive checker's near
    /// offset transitions, with manual choices set before, at and after working-hours
    /// boundaries.
    #[test]
    fn status_matches_naive_checker_near_dst_transitions(p in status_plan()) {
        check_status(&build_status(&p))?;
    }

    /// ▸ A team status (1–6 members, each with manual choices, capacity and lastAssignedAt;
    /// assignment absent, roundRobin or leastLoaded) equals the naive checker's: every member's
    /// status in request order, and `next`.
    #[test]
    fn team_status_and_next_assignee_match_naive_checker(p in team_status_plan()) {
        check_status(&build_team_status(&p))?;
    }
}

/// Requests the properties once disagreed on, minimised (see /work/notes/property-findings.md),
/// kept so that they run on every `cargo test` whatever the random seed.
#[test]
fn minimised_past_disagreements_still_agree() {
    let cases = [
        // Pacific/Apia skipped Friday 2011-12-30: its weekly hours give nothing (finding 1)
        r#"{"event":{"duration":5},"members":[{"id":"alice","timezone":"Pacific/Apia","weekly":{"fri":[["00:00","00:15"]]}}],"now":"2011-12-30T04:30:00Z","range":{"end":"2011-12-30T20:56:00Z","start":"2011-12-30T10:00:00Z"},"team":{"mode":"roundRobin"},"timezone":"Pacific/Apia"}"#,
    ];
    for text in cases {
        let req: Value = serde_json::from_str(text).unwrap();
        if let Err(e) = check_slots(&req) {
            panic!("{e}");
        }
    }
}
