//! SPEC 1.1 §9's limits at their edges: the last legal value works, the next is
//! `limit_exceeded` at the path of what broke it. (Range, members, busy items and slots are in
//! `errors.rs`.) And the worst legal requests the hardening issue found, each answered with the
//! code or the bounded answer (their time and memory are in BENCHMARKS.md, not here).

mod common;

use common::*;
use serde_json::{json, Value};

/// A one-member Paris page for Monday 2026-11-23.
fn base() -> Value {
    request(
        "Europe/Paris",
        "2026-11-23T00:00:00Z",
        "2026-11-24T00:00:00Z",
        json!({ "duration": 30 }),
        json!([member(
            "ana",
            "Europe/Paris",
            json!({ "mon": [["09:00", "10:00"]] })
        )]),
    )
}

#[track_caller]
fn at_edge(legal: &Value, over: &Value, path: &str) {
    slots(legal);
    assert_eq!(
        slots_err(over),
        ("limit_exceeded".to_string(), path.to_string())
    );
}

/// `n` disjoint one-minute pairs: 00:00-00:01, 00:02-00:03, …
fn minute_pairs(n: usize) -> Value {
    let pairs: Vec<Value> = (0..n)
        .map(|i| {
            let (a, b) = (2 * i, 2 * i + 1);
            json!([
                format!("{:02}:{:02}", a / 60, a % 60),
                format!("{:02}:{:02}", b / 60, b % 60)
            ])
        })
        .collect();
    Value::Array(pairs)
}

#[test]
fn member_id_is_at_most_200_bytes() {
    let mut legal = base();
    // 100 two-byte characters: 200 bytes.
    legal["members"][0]["id"] = json!("é".repeat(100));
    let mut over = base();
    over["members"][0]["id"] = json!(format!("{}x", "é".repeat(100)));
    at_edge(&legal, &over, "members[0].id");
}

#[test]
fn at_most_288_pairs_a_weekday_an_override_date_and_a_page_day() {
    let weekly = |n: usize| {
        let mut r = base();
        r["members"][0]["weekly"]["tue"] = minute_pairs(n);
        r
    };
    at_edge(&weekly(288), &weekly(289), "members[0].weekly.tue");
    let override_date = |n: usize| {
        let mut r = base();
        r["members"][0]["overrides"] = json!({ "2026-11-23": minute_pairs(n) });
        r
    };
    at_edge(
        &override_date(288),
        &override_date(289),
        "members[0].overrides.2026-11-23",
    );
    let page = |n: usize| {
        let mut r = base();
        r["event"]["hours"] = json!({ "mon": minute_pairs(n) });
        r
    };
    at_edge(&page(288), &page(289), "event.hours.mon");
}

#[test]
fn at_most_3700_override_dates() {
    let dates = |n: i64| -> Value {
        let mut map = serde_json::Map::new();
        for i in 0..n {
            let d =
                chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(i);
            map.insert(
                d.format("%Y-%m-%d").to_string(),
                json!([["09:00", "10:00"]]),
            );
        }
        Value::Object(map)
    };
    let mut legal = base();
    legal["members"][0]["overrides"] = dates(3700);
    let mut over = base();
    over["members"][0]["overrides"] = dates(3701);
    at_edge(&legal, &over, "members[0].overrides");
}

#[test]
fn at_most_10000_time_off_items() {
    let items = |n: usize| -> Value {
        Value::Array(
            (0..n)
                .map(|_| json!({ "start": "2026-11-23T12:00:00Z", "end": "2026-11-23T13:00:00Z" }))
                .collect(),
        )
    };
    let mut legal = base();
    legal["members"][0]["timeOff"] = items(10_000);
    let mut over = base();
    over["members"][0]["timeOff"] = items(10_001);
    at_edge(&legal, &over, "members[0].timeOff");
}

#[test]
fn request_text_is_at_most_20_mb() {
    let text = base().to_string();
    let padded = |len: usize| format!("{text}{}", " ".repeat(len - text.len()));
    assert!(bookable::slots_from_json(&padded(20_000_000), 0).is_ok());
    let e = bookable::slots_from_json(&padded(20_000_001), 0).unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("limit_exceeded", ""));
}

/// A round-robin page over `days` UTC days whose members work `pairs[i]` disjoint one-minute
/// pairs every day. The engine lays each member's hours over the range padded by two dates on
/// each side (and one for the meeting): `days + 5` dates, so `pairs × (days + 5)` stretches.
fn stretches_request(days: i64, pairs: &[usize]) -> Value {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let end = start + chrono::Duration::days(days);
    let members: Vec<Value> = pairs
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let day = minute_pairs(n);
            json!({ "id": format!("m{i}"), "timezone": "UTC", "weekly": {
                "mon": day, "tue": day, "wed": day, "thu": day, "fri": day, "sat": day, "sun": day
            }})
        })
        .collect();
    let mut r = request(
        "UTC",
        &format!("{start}T00:00:00Z"),
        &format!("{end}T00:00:00Z"),
        json!({ "duration": 1, "step": 1 }),
        Value::Array(members),
    );
    r["team"] = json!({ "mode": "roundRobin" });
    r
}

#[test]
fn at_most_1000000_working_time_stretches_over_the_range() {
    // 315 days + 5 padding dates = 320 dates; 3125 pairs a day in all: exactly 1,000,000.
    let mut pairs = vec![288; 10];
    pairs.push(245);
    let legal = stretches_request(315, &pairs);
    pairs[10] = 246;
    let over = stretches_request(315, &pairs);
    at_edge(&legal, &over, "range");
}

#[test]
fn at_most_2000000_ids_in_hosts_and_candidates() {
    // 99 members free at all times, round robin: each slot lists 1 host and 99 candidates.
    // One-minute slots: 20,000 of them list exactly 2,000,000 ids.
    let with_minutes = |minutes: i64| {
        let members: Vec<Value> = (0..99)
            .map(|i| json!({ "id": format!("m{i:02}"), "timezone": "UTC" }))
            .collect();
        let start = chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z").unwrap();
        let end = start + chrono::Duration::minutes(minutes);
        let mut r = request(
            "UTC",
            "2026-11-23T00:00:00Z",
            &end.to_rfc3339(),
            json!({ "duration": 1, "step": 1, "respectWorkingHours": false }),
            Value::Array(members),
        );
        r["team"] = json!({ "mode": "roundRobin" });
        r
    };
    at_edge(&with_minutes(20_000), &with_minutes(20_001), "range");
}

// ------------------------------------------------------------------ the worst legal requests

#[test]
fn five_hundred_members_with_288_stretches_a_day_for_a_year_is_a_clear_limit() {
    // The hardening issue's 500 members × 1,440 one-minute stretches a day (7.4 s, 1.4 GB) is
    // now at most 288 pairs a day by the reader, and the stretch limit stops it after a few
    // members' hours: limit_exceeded at `range`, never a trap or an unbounded allocation.
    let r = stretches_request(366, &[288; 500]);
    assert_eq!(
        slots_err(&r),
        ("limit_exceeded".to_string(), "range".to_string())
    );
}

#[test]
fn the_old_trap_requests_are_refused_by_the_reader() {
    // 720 one-minute pairs a weekday (a WebAssembly trap at 2.24 GiB before), and 190,000
    // whole-day pairs: both past 288 pairs.
    let mut r = stretches_request(366, &[1]);
    r["members"][0]["weekly"]["mon"] = minute_pairs(289);
    assert_eq!(
        slots_err(&r),
        (
            "limit_exceeded".to_string(),
            "members[0].weekly.mon".to_string()
        )
    );
    let whole: Vec<Value> = (0..190_000).map(|_| json!(["00:00", "00:00"])).collect();
    r["members"][0]["weekly"]["mon"] = Value::Array(whole);
    assert_eq!(
        slots_err(&r),
        (
            "limit_exceeded".to_string(),
            "members[0].weekly.mon".to_string()
        )
    );
}

#[test]
fn two_hundred_byte_ids_over_a_year_stop_at_the_slot_limit() {
    // 500 members with 200-byte ids, round robin, step 15 over a year: 35,040 slots of 501
    // ids each would be 17.5 M ids (3.5 GB of output): limit_exceeded at `range` instead.
    let members: Vec<Value> = (0..500)
        .map(|i| json!({ "id": format!("{i:03}{}", "x".repeat(197)), "timezone": "UTC" }))
        .collect();
    let mut r = request(
        "UTC",
        "2026-01-01T00:00:00Z",
        "2027-01-01T00:00:00Z",
        json!({ "duration": 15, "step": 15, "respectWorkingHours": false }),
        Value::Array(members),
    );
    r["team"] = json!({ "mode": "roundRobin" });
    assert_eq!(
        slots_err(&r),
        ("limit_exceeded".to_string(), "range".to_string())
    );
}
