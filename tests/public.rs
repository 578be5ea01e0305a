//! SPEC §11 by property: for random requests (SPEC 1.1 fields and calendar sources included),
//! the public request gives exactly the same slots (hosts and candidates included) and days as
//! the original for random `now`s and ranges inside its horizon; and it carries no private
//! detail (no bookings, calendars, explain; busy items without buffers of their own).

use proptest::prelude::*;
use serde_json::{json, Value};

const ZONES: [&str; 6] = [
    "Europe/Paris",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "America/Havana",
    "UTC",
];

/// Minutes from 2026-03-02T00:00Z (the horizon starts there; DST changes fall inside it).
fn at(minutes: i64) -> String {
    let base = chrono::DateTime::parse_from_rfc3339("2026-03-02T00:00:00Z").unwrap();
    (base + chrono::Duration::minutes(minutes))
        .to_utc()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn hm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

prop_compose! {
    fn busy_item()(start in -2000i64..20000, len in 1i64..400, before in proptest::option::of(0u32..90),
                   after in proptest::option::of(0u32..90)) -> Value {
        let mut item = json!({ "start": at(start), "end": at(start + len) });
        if let Some(b) = before { item["bufferBefore"] = json!(b); }
        if let Some(a) = after { item["bufferAfter"] = json!(a); }
        item
    }
}

prop_compose! {
    fn calendar()(hour in 6u32..20, weekday in 0usize..7, zone in 0usize..ZONES.len(), count in proptest::option::of(1u32..6),
                  all_day in any::<bool>()) -> Value {
        let day = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][weekday];
        let rule = match count { Some(n) => format!("FREQ=WEEKLY;BYDAY={day};COUNT={n}"), None => format!("FREQ=WEEKLY;BYDAY={day}") };
        let start = if all_day {
            "DTSTART;VALUE=DATE:20260301".to_string()
        } else {
            format!("DTSTART;TZID={}:20260301T{hour:02}0000\r\nDURATION:PT45M", ZONES[zone])
        };
        let ics = format!("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n{start}\r\nRRULE:{rule}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        json!({ "ics": ics })
    }
}

prop_compose! {
    fn member(i: usize)(zone in 0usize..ZONES.len(),
                        weekly in proptest::collection::vec((0usize..7, 0u32..1440, 0u32..1441), 0..6),
                        overrides in proptest::collection::vec((1u32..28, 0u32..1440, 0u32..1441), 0..2),
                        off_dates in proptest::collection::vec((1u32..25, 0u32..3), 0..2),
                        off_instants in proptest::collection::vec((-1000i64..20000, 1i64..3000), 0..2),
                        busy in proptest::collection::vec(busy_item(), 0..4),
                        bookings in proptest::collection::vec(busy_item(), 0..5),
                        limits in proptest::option::of((proptest::option::of(0u32..3), proptest::option::of(1u32..4), proptest::option::of(1u32..6))),
                        calendars in proptest::collection::vec(calendar(), 0..2),
                        required in proptest::bool::weighted(0.15),
                        priority in 0i32..3, weight in 1u32..4,
                        last in proptest::option::of(-50000i64..0)) -> Value {
        let mut week = serde_json::Map::new();
        for (d, name) in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].iter().enumerate() {
            let pairs: Vec<Value> = weekly.iter().filter(|w| w.0 == d).map(|&(_, a, b)| json!([hm(a), hm(b)])).collect();
            week.insert(name.to_string(), Value::Array(pairs));
        }
        let mut m = json!({ "id": format!("m{i}"), "timezone": ZONES[zone], "weekly": week,
                            "busy": busy, "bookings": bookings, "calendars": calendars,
                            "required": required, "priority": priority, "weight": weight });
        let ov: serde_json::Map<String, Value> = overrides.iter()
            .map(|&(d, a, b)| (format!("2026-03-{d:02}"), json!([[hm(a), hm(b)]]))).collect();
        m["overrides"] = Value::Object(ov);
        let mut off: Vec<Value> = off_dates.iter()
            .map(|&(d, n)| json!({ "from": format!("2026-03-{d:02}"), "to": format!("2026-03-{:02}", d + n) })).collect();
        off.extend(off_instants.iter().map(|&(s, l)| json!({ "start": at(s), "end": at(s + l) })));
        m["timeOff"] = Value::Array(off);
        if let Some((day, week, month)) = limits {
            let mut l = json!({});
            if let Some(v) = day { l["maxPerDay"] = json!(v); }
            if let Some(v) = week { l["maxPerWeek"] = json!(v); }
            if let Some(v) = month { l["maxPerMonth"] = json!(v); }
            m["limits"] = l;
        }
        if let Some(t) = last { m["lastBookedAt"] = json!(at(t)); }
        m
    }
}

fn members() -> impl Strategy<Value = Vec<Value>> {
    (1usize..5).prop_flat_map(|n| (0..n).map(member).collect::<Vec<_>>())
}

prop_compose! {
    fn request()(page in 0usize..ZONES.len(), viewer in 0usize..ZONES.len(),
                 duration in prop_oneof![Just(15u32), Just(30), Just(60), 5u32..120],
                 step in proptest::option::of(prop_oneof![Just(15u32), Just(30), 5u32..60]),
                 buffers in (proptest::option::of(0u32..60), proptest::option::of(0u32..60)),
                 notice in proptest::option::of(0u32..3000),
                 ahead in (proptest::option::of(0u32..3), proptest::option::of(2u32..20)),
                 event_limits in (proptest::option::of(0u32..3), proptest::option::of(1u32..5), proptest::option::of(1u32..8)),
                 round_robin in any::<bool>(), assignment in 0usize..3,
                 members in members()) -> Value {
        let mut event = json!({ "duration": duration });
        if let Some(s) = step { event["step"] = json!(s); }
        if let Some(b) = buffers.0 { event["bufferBefore"] = json!(b); }
        if let Some(a) = buffers.1 { event["bufferAfter"] = json!(a); }
        if let Some(n) = notice { event["minNotice"] = json!(n); }
        if let Some(d) = ahead.0 { event["minDaysAhead"] = json!(d); }
        if let Some(d) = ahead.1 { event["maxDaysAhead"] = json!(d); }
        if let Some(v) = event_limits.0 { event["maxPerDay"] = json!(v); }
        if let Some(v) = event_limits.1 { event["maxPerWeek"] = json!(v); }
        if let Some(v) = event_limits.2 { event["maxPerMonth"] = json!(v); }
        let mut r = json!({
            "now": at(0),
            "range": { "start": at(0), "end": at(14 * 1440) },
            "timezone": ZONES[page], "viewerTimezone": ZONES[viewer],
            "event": event, "members": members,
            "explain": at(600),
        });
        if round_robin {
            let pool = r["members"].as_array().unwrap().iter().filter(|m| m["required"] != json!(true)).count();
            if pool > 0 {
                let order = ["leastRecentlyBooked", "balanced", "priority"][assignment];
                r["team"] = json!({ "mode": "roundRobin", "assignment": order });
            }
        }
        r
    }
}

fn slots_and_days(request: &Value) -> Result<(Value, Value), String> {
    match bookable::slots_from_json(&request.to_string(), 0) {
        Ok(r) => {
            let v = serde_json::to_value(&r).unwrap();
            Ok((v["slots"].clone(), v["days"].clone()))
        }
        Err(e) => Err(format!("{}: {} ({})", e.code.as_str(), e.path, e.message)),
    }
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(192);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn slots_of_the_public_request_are_the_slots_of_the_request(
        r in request(),
        parts in proptest::collection::vec((0i64..14 * 1440, 1i64..7 * 1440, -3000i64..14 * 1440), 3),
    ) {
        let public = bookable::public_from_json(&r.to_string(), 0).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // Nothing private travels.
        prop_assert!(public.get("explain").is_none());
        for m in public["members"].as_array().unwrap() {
            prop_assert!(m.get("bookings").is_none() && m.get("calendars").is_none());
            for b in m.get("busy").and_then(Value::as_array).into_iter().flatten() {
                prop_assert!(b.get("bufferBefore").is_none() && b.get("bufferAfter").is_none());
            }
        }
        // The whole horizon, then random ranges and nows inside it.
        prop_assert_eq!(slots_and_days(&r), slots_and_days(&public));
        for (start, len, now) in parts {
            let end = (start + len).min(14 * 1440);
            if end <= start { continue; }
            let (mut a, mut b) = (r.clone(), public.clone());
            for x in [&mut a, &mut b] {
                x["range"] = json!({ "start": at(start), "end": at(end) });
                x["now"] = json!(at(now));
                x.as_object_mut().unwrap().remove("explain");
            }
            prop_assert_eq!(slots_and_days(&a), slots_and_days(&b), "range {}..{} now {}", at(start), at(end), at(now));
        }
    }
}

#[test]
fn a_public_request_needs_its_horizon() {
    let e = bookable::public_from_json(
        r#"{"timezone":"UTC","event":{"duration":30},"members":[{"id":"a","timezone":"UTC"}]}"#,
        0,
    )
    .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("missing_field", "range")
    );
}

#[test]
fn last_booked_at_travels_as_order_only() {
    let r = json!({
        "now": at(0), "range": { "start": at(0), "end": at(1440) }, "timezone": "UTC",
        "event": { "duration": 30 }, "team": { "mode": "roundRobin" },
        "members": [
            { "id": "a", "timezone": "UTC", "lastBookedAt": "2026-02-27T14:03:00Z" },
            { "id": "b", "timezone": "UTC", "lastBookedAt": "2026-02-20T09:00:00Z" },
            { "id": "c", "timezone": "UTC", "lastBookedAt": "2026-02-27T14:03:00Z" },
            { "id": "d", "timezone": "UTC" }
        ]
    });
    let public = bookable::public_from_json(&r.to_string(), 0).unwrap();
    let last: Vec<Value> = public["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.get("lastBookedAt").cloned().unwrap_or(Value::Null))
        .collect();
    assert_eq!(
        last,
        [
            json!("1900-01-01T00:01:00Z"),
            json!("1900-01-01T00:00:00Z"),
            json!("1900-01-01T00:01:00Z"),
            Value::Null
        ]
    );
}

#[test]
fn reached_limits_travel_as_full_dates_and_bookings_as_a_count() {
    // Two bookings on Tuesday 2026-03-03 with maxPerDay 2: the 3rd is full; nothing else is.
    let r = json!({
        "now": at(0), "range": { "start": at(0), "end": at(3 * 1440) }, "timezone": "UTC",
        "event": { "duration": 30, "maxPerDay": 2 },
        "members": [ { "id": "a", "timezone": "UTC",
            "weekly": { "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]] },
            "bookings": [
                { "start": "2026-03-03T09:00:00Z", "end": "2026-03-03T09:30:00Z" },
                { "start": "2026-03-03T11:00:00Z", "end": "2026-03-03T11:30:00Z" }
            ] } ]
    });
    let public = bookable::public_from_json(&r.to_string(), 0).unwrap();
    let m = &public["members"][0];
    assert_eq!(m["fullDates"], json!(["2026-03-03"]));
    // No rule of this page reads the count: its visitors are not told the host's volume.
    assert_eq!(m.get("bookingCount"), None);
    assert_eq!(slots_and_days(&r), slots_and_days(&public));

    // A round-robin team assigning by `balanced` reads it, so it travels.
    let mut balanced = r.clone();
    balanced["team"] = json!({ "mode": "roundRobin", "assignment": "balanced" });
    let public = bookable::public_from_json(&balanced.to_string(), 0).unwrap();
    assert_eq!(public["members"][0]["bookingCount"], json!(2));
    assert_eq!(slots_and_days(&balanced), slots_and_days(&public));
}
