//! Small helpers shared by the hand-written corner tests (`corners.rs`, `status.rs`,
//! `errors.rs`, the SPEC 1.1 and calendar tests). Expectations never come from here: these only build requests and read
//! responses.
#![allow(dead_code)]

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde_json::{json, Value};

/// A `now` well before every range used in these tests (and inside 1900..2200).
pub const LONG_AGO: &str = "2010-01-01T00:00:00Z";

/// A slots request for a page in `tz` over `[start, end)`, viewed at `LONG_AGO`.
pub fn request(tz: &str, start: &str, end: &str, event: Value, members: Value) -> Value {
    json!({
        "now": LONG_AGO,
        "range": { "start": start, "end": end },
        "timezone": tz,
        "event": event,
        "members": members,
    })
}

/// One member working the given weekly hours in `tz`.
pub fn member(id: &str, tz: &str, weekly: Value) -> Value {
    json!({ "id": id, "timezone": tz, "weekly": weekly })
}

/// Runs a slots request and returns the response as JSON (panics with the error otherwise).
pub fn slots(req: &Value) -> Value {
    match bookable::slots_from_value(req, 0) {
        Ok(r) => serde_json::to_value(&r).expect("response serializes"),
        Err(e) => panic!("unexpected error {e}\nrequest: {req}"),
    }
}

/// Runs a slots request that must fail; returns `(code, path)`.
pub fn slots_err(req: &Value) -> (String, String) {
    match bookable::slots_from_value(req, 0) {
        Ok(r) => panic!(
            "expected an error, got {} slots\nrequest: {}",
            r.slots.len(),
            truncate(&req.to_string())
        ),
        Err(e) => {
            assert!(!e.message.is_empty(), "error without a message: {e:?}");
            (e.code.as_str().to_string(), e.path)
        }
    }
}

/// Runs a status request and returns the response as JSON.
pub fn status(req: &Value) -> Value {
    match bookable::status_from_value(req, 0) {
        Ok(r) => serde_json::to_value(&r).expect("response serializes"),
        Err(e) => panic!("unexpected error {e}\nrequest: {req}"),
    }
}

/// Runs a status request that must fail; returns `(code, path)`.
pub fn status_err(req: &Value) -> (String, String) {
    match bookable::status_from_value(req, 0) {
        Ok(r) => panic!(
            "expected an error, got {}\nrequest: {req}",
            serde_json::to_value(&r).unwrap()
        ),
        Err(e) => {
            assert!(!e.message.is_empty(), "error without a message: {e:?}");
            (e.code.as_str().to_string(), e.path)
        }
    }
}

fn truncate(s: &str) -> String {
    if s.len() > 600 {
        format!("{}…", &s[..600])
    } else {
        s.to_string()
    }
}

/// The `start` of every slot, in response order.
pub fn starts(resp: &Value) -> Vec<String> {
    resp["slots"]
        .as_array()
        .expect("slots is an array")
        .iter()
        .map(|s| s["start"].as_str().expect("start is a string").to_string())
        .collect()
}

/// `start/end` of each busy interval of a `bookable busy` response (SPEC §10).
pub fn busy_spans(resp: &Value) -> Vec<String> {
    resp["busy"]
        .as_array()
        .expect("busy is an array")
        .iter()
        .map(|b| {
            format!(
                "{}/{}",
                b["start"].as_str().expect("start is a string"),
                b["end"].as_str().expect("end is a string")
            )
        })
        .collect()
}

/// The slot starting at `start` (panics when absent).
pub fn slot<'a>(resp: &'a Value, start: &str) -> &'a Value {
    resp["slots"]
        .as_array()
        .expect("slots is an array")
        .iter()
        .find(|s| s["start"] == start)
        .unwrap_or_else(|| panic!("no slot at {start}; slots: {:?}", starts(resp)))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected an array, got {v}"))
        .iter()
        .map(|x| x.as_str().expect("a string").to_string())
        .collect()
}

/// `hosts` of the slot at `start`.
pub fn hosts(resp: &Value, start: &str) -> Vec<String> {
    strings(&slot(resp, start)["hosts"])
}

/// `candidates` of the slot at `start` (`None` when the field is absent).
pub fn candidates(resp: &Value, start: &str) -> Option<Vec<String>> {
    let s = slot(resp, start);
    s.get("candidates").map(strings)
}

/// `days` as `(date, count, first)`.
pub fn days(resp: &Value) -> Vec<(String, u64, String)> {
    resp["days"]
        .as_array()
        .expect("days is an array")
        .iter()
        .map(|d| {
            (
                d["date"].as_str().expect("date").to_string(),
                d["count"].as_u64().expect("count"),
                d["first"].as_str().expect("first").to_string(),
            )
        })
        .collect()
}

/// `count` instants from `start`, `step` minutes apart, in the output format. Pure UTC
/// arithmetic: used only where the expected slots are evenly spaced in UTC.
pub fn every(start: &str, step_minutes: i64, count: usize) -> Vec<String> {
    let t0: DateTime<Utc> = start.parse().expect("an RFC 3339 instant");
    (0..count)
        .map(|i| {
            (t0 + Duration::minutes(step_minutes * i as i64))
                .to_rfc3339_opts(SecondsFormat::Secs, true)
        })
        .collect()
}

/// Converts `&["..", ".."]` into owned strings for comparisons.
pub fn own(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|s| s.to_string()).collect()
}

/// An explanation, normalised: reasons sorted (their order is free, SPEC §7).
#[derive(Debug, PartialEq, Eq)]
pub struct Explained {
    pub start: String,
    pub offered: bool,
    pub reasons: Vec<String>,
    pub members: Vec<(String, bool, Vec<String>)>,
}

pub fn explanation(resp: &Value) -> Explained {
    let e = resp
        .get("explanation")
        .unwrap_or_else(|| panic!("no explanation in {resp}"));
    let sorted = |v: &Value| {
        let mut r = strings(v);
        r.sort();
        r
    };
    Explained {
        start: e["start"].as_str().expect("start").to_string(),
        offered: e["offered"].as_bool().expect("offered"),
        reasons: sorted(&e["reasons"]),
        members: e["members"]
            .as_array()
            .expect("members")
            .iter()
            .map(|m| {
                (
                    m["id"].as_str().expect("id").to_string(),
                    m["free"].as_bool().expect("free"),
                    sorted(&m["reasons"]),
                )
            })
            .collect(),
    }
}

/// Shorthand for an expected explained member.
pub fn m(id: &str, reasons: &[&str]) -> (String, bool, Vec<String>) {
    let mut r = own(reasons);
    r.sort();
    (id.to_string(), reasons.is_empty(), r)
}

/// Sorted owned reasons.
pub fn reasons(xs: &[&str]) -> Vec<String> {
    let mut r = own(xs);
    r.sort();
    r
}

/// Sets the value at a JSON pointer, creating the last key when its parent is an object.
pub fn set(v: &mut Value, pointer: &str, new: Value) {
    if let Some(slot) = v.pointer_mut(pointer) {
        *slot = new;
        return;
    }
    let (parent, key) = pointer.rsplit_once('/').expect("a JSON pointer");
    let parent = v
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no parent for {pointer}"));
    parent
        .as_object_mut()
        .unwrap_or_else(|| panic!("parent of {pointer} is not an object"))
        .insert(key.replace("~1", "/").replace("~0", "~"), new);
}

/// Returns a copy of `v` with the value at `pointer` replaced (or added).
pub fn with(v: &Value, pointer: &str, new: Value) -> Value {
    let mut c = v.clone();
    set(&mut c, pointer, new);
    c
}

/// Returns a copy of `v` without the key at `pointer`.
pub fn without(v: &Value, pointer: &str) -> Value {
    let mut c = v.clone();
    let (parent, key) = pointer.rsplit_once('/').expect("a JSON pointer");
    let removed = c
        .pointer_mut(parent)
        .and_then(|p| p.as_object_mut())
        .and_then(|o| o.remove(key));
    assert!(removed.is_some(), "nothing at {pointer}");
    c
}
