//! What every fuzz target checks of an answer, and the structure-aware request generator.
//!
//! The targets only call bookable's public API (`slots_from_json`, `status_from_json`,
//! `Scheduler`); a panic, a hang or an allocation failure is a finding, and so is an answer
//! that breaks the contract: an error code outside SPEC §9, slots out of order or outside the
//! range, more than the limits, or two faces (a request, a prepared `Scheduler`) that disagree.

use arbitrary::{Arbitrary, Unstructured};
use serde_json::{json, Value};

/// The error codes of SPEC §9.
pub const CODES: [&str; 11] = [
    "invalid_json",
    "missing_field",
    "unknown_field",
    "invalid_instant",
    "invalid_date",
    "invalid_time",
    "invalid_timezone",
    "invalid_interval",
    "invalid_value",
    "invalid_calendar",
    "limit_exceeded",
];

/// Panics unless `e` is a coded error with a message.
pub fn check_error(e: &bookable::Error) {
    assert!(CODES.contains(&e.code.as_str()), "code {:?}", e.code);
    assert!(!e.message.is_empty(), "no message for {e:?}");
}

/// Panics unless a slots answer keeps SPEC §5's shape.
pub fn check_slots(r: &bookable::SlotsResponse) {
    assert!(r.slots.len() <= bookable::limits::MAX_SLOTS);
    assert!(r.slots.windows(2).all(|w| w[0].start < w[1].start), "slots out of order");
    for s in &r.slots {
        assert!(s.end > s.start);
        assert!(s.start.0 % 60_000 == 0, "a slot off the minute");
    }
    let counted: usize = r.days.iter().map(|d| d.count).sum();
    assert_eq!(counted, r.slots.len(), "days do not count every slot");
    assert!(r.days.windows(2).all(|w| w[0].date < w[1].date), "days out of order");
}

const ZONES: [&str; 12] = [
    "UTC",
    "Europe/Paris",
    "America/New_York",
    "America/Vancouver",
    "America/Havana",
    "America/Santiago",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Pacific/Apia",
    "Africa/Casablanca",
];

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn time(m: u16, end: bool) -> String {
    let m = if end { m % 1441 } else { m % 1440 };
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// An instant near 2026-03-08 (DST changes on both sides of the Atlantic that month), as
/// RFC 3339 text.
fn instant(offset_minutes: i32) -> String {
    let base = 1_772_928_000_000i64; // 2026-03-08T00:00:00Z
    bookable::Instant(base + i64::from(offset_minutes % (60 * 24 * 60)) * 60_000).to_string()
}

/// A slots request built from fuzzer bytes: every field SPEC 1.1 knows, in ranges where the
/// engine has work to do (a few days around DST changes, small steps, overlapping busy items).
#[derive(Debug, Arbitrary)]
pub struct Plan {
    page_zone: u8,
    viewer_zone: Option<u8>,
    start: i16,
    len: u16,
    now: i16,
    duration: u8,
    step: Option<u8>,
    buffers: (Option<u8>, Option<u8>),
    notice: Option<u16>,
    days_ahead: (Option<u8>, Option<u8>),
    limits: [Option<u8>; 3],
    page_hours: Option<Vec<(u8, u16, u16)>>,
    round_robin: bool,
    min_available: Option<u8>,
    assignment: u8,
    members: Vec<MemberPlan>,
    explain: Option<i16>,
}

#[derive(Debug, Arbitrary)]
pub struct MemberPlan {
    zone: u8,
    weekly: Vec<(u8, u16, u16)>,
    overrides: Vec<(u8, Vec<(u16, u16)>)>,
    time_off: Vec<(i16, u16)>,
    busy: Vec<(i16, u16, Option<u8>, Option<u8>)>,
    bookings: Vec<(i16, u16, Option<u8>, Option<u8>)>,
    limits: [Option<u8>; 3],
    required: bool,
    priority: i8,
    weight: u8,
    last_booked: Option<i16>,
}

fn pairs(list: &[(u8, u16, u16)], day: usize) -> Vec<Value> {
    list.iter()
        .filter(|(d, _, _)| usize::from(*d) % 7 == day)
        .take(8)
        .map(|&(_, a, b)| json!([time(a, false), time(b, true)]))
        .collect()
}

fn busy(list: &[(i16, u16, Option<u8>, Option<u8>)]) -> Vec<Value> {
    list.iter()
        .take(6)
        .map(|&(at, len, before, after)| {
            let mut item = json!({
                "start": instant(i32::from(at)),
                "end": instant(i32::from(at) + 1 + i32::from(len % 600)),
            });
            if let Some(b) = before {
                item["bufferBefore"] = json!(b);
            }
            if let Some(a) = after {
                item["bufferAfter"] = json!(a);
            }
            item
        })
        .collect()
}

fn limits(into: &mut Value, l: &[Option<u8>; 3]) {
    for (key, v) in ["maxPerDay", "maxPerWeek", "maxPerMonth"].iter().zip(l) {
        if let Some(v) = v {
            into[*key] = json!(v % 4);
        }
    }
}

impl Plan {
    /// The plan as a request (valid most of the time; the reader's errors are fuzzed too).
    pub fn request(&self) -> Value {
        let zone = |z: u8| ZONES[usize::from(z) % ZONES.len()];
        let mut event = json!({ "duration": 1 + u16::from(self.duration) % 120 });
        if let Some(s) = self.step {
            event["step"] = json!(1 + u16::from(s) % 90);
        }
        if let Some(b) = self.buffers.0 {
            event["bufferBefore"] = json!(b % 60);
        }
        if let Some(a) = self.buffers.1 {
            event["bufferAfter"] = json!(a % 60);
        }
        if let Some(n) = self.notice {
            event["minNotice"] = json!(n % 3000);
        }
        if let Some(d) = self.days_ahead.0 {
            event["minDaysAhead"] = json!(d % 4);
        }
        if let Some(d) = self.days_ahead.1 {
            event["maxDaysAhead"] = json!(d % 10);
        }
        limits(&mut event, &self.limits);
        if let Some(h) = &self.page_hours {
            let week: serde_json::Map<String, Value> = DAYS
                .iter()
                .enumerate()
                .map(|(i, d)| (d.to_string(), Value::Array(pairs(h, i))))
                .collect();
            event["hours"] = Value::Object(week);
        }
        let members: Vec<Value> = self
            .members
            .iter()
            .take(6)
            .enumerate()
            .map(|(i, m)| {
                let weekly: serde_json::Map<String, Value> = DAYS
                    .iter()
                    .enumerate()
                    .map(|(d, name)| (name.to_string(), Value::Array(pairs(&m.weekly, d))))
                    .collect();
                let mut member = json!({
                    "id": format!("m{i}"),
                    "timezone": zone(m.zone),
                    "weekly": weekly,
                    "busy": busy(&m.busy),
                    "bookings": busy(&m.bookings),
                    "required": m.required,
                    "priority": m.priority,
                    "weight": 1 + u16::from(m.weight % 5),
                });
                let overrides: serde_json::Map<String, Value> = m
                    .overrides
                    .iter()
                    .take(4)
                    .map(|(d, p)| {
                        let date = format!("2026-03-{:02}", 1 + d % 28);
                        let pairs = p
                            .iter()
                            .take(4)
                            .map(|&(a, b)| json!([time(a, false), time(b, true)]))
                            .collect();
                        (date, Value::Array(pairs))
                    })
                    .collect();
                member["overrides"] = Value::Object(overrides);
                member["timeOff"] = m
                    .time_off
                    .iter()
                    .take(3)
                    .map(|&(at, len)| {
                        json!({ "start": instant(i32::from(at)),
                                "end": instant(i32::from(at) + 1 + i32::from(len % 2000)) })
                    })
                    .collect();
                let mut own = json!({});
                limits(&mut own, &m.limits);
                member["limits"] = own;
                if let Some(t) = m.last_booked {
                    member["lastBookedAt"] = json!(instant(i32::from(t)));
                }
                member
            })
            .collect();
        let start = i32::from(self.start);
        let mut request = json!({
            "now": instant(i32::from(self.now)),
            "range": { "start": instant(start),
                       "end": instant(start + 1 + i32::from(self.len % (7 * 1440))) },
            "timezone": zone(self.page_zone),
            "event": event,
            "members": members,
        });
        if let Some(v) = self.viewer_zone {
            request["viewerTimezone"] = json!(zone(v));
        }
        if self.round_robin {
            let mut team = json!({ "mode": "roundRobin" });
            if let Some(n) = self.min_available {
                team["minAvailable"] = json!(1 + n % 3);
            }
            team["assignment"] =
                json!(["leastRecentlyBooked", "balanced", "priority"][usize::from(self.assignment % 3)]);
            request["team"] = team;
        }
        if let Some(x) = self.explain {
            request["explain"] = json!(instant(i32::from(x)));
        }
        request
    }
}

/// A plan from raw bytes (for the structured target).
pub fn plan(data: &[u8]) -> Option<Plan> {
    Plan::arbitrary(&mut Unstructured::new(data)).ok()
}
