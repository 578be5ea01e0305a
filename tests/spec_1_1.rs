//! SPEC 1.1 by name: buffers carried by bookings and busy items, `minDaysAhead`, weekly and
//! monthly limits in the member's zone, member limits, hosts in explanations, `hoursToday`,
//! team status, and the errors of every new field. Each expectation is worked out by hand in
//! its comment.

mod common;

use common::*;
use serde_json::{json, Value};

fn own(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// A Paris page on Monday 2026-11-23 with one member working 09:00–12:00 Paris (08:00–11:00Z).
fn paris_monday(event: Value, member_extra: Value) -> Value {
    let mut m = member(
        "ana",
        "Europe/Paris",
        json!({ "mon": [["09:00", "12:00"]] }),
    );
    for (k, v) in member_extra.as_object().unwrap() {
        m[k] = v.clone();
    }
    request(
        "Europe/Paris",
        "2026-11-23T00:00:00Z",
        "2026-11-24T00:00:00Z",
        event,
        json!([m]),
    )
}

fn explain(mut req: Value, at: &str) -> Value {
    req["explain"] = json!(at);
    slots(&req)["explanation"].clone()
}

// --- buffers carried by bookings and busy items (§3, §4) ---

#[test]
fn booking_keeps_its_after_buffer() {
    // A booking 08:00–09:00Z made through this page keeps the page's 15 minutes after it:
    // widened to [08:00, 09:15). A 60-minute slot s also needs its own 15 after, so s is
    // forbidden while 08:00 < s + 75 and 09:15 > s: the first free start is 09:15Z (under
    // SPEC 1.0 it was 09:00Z, back to back).
    let req = paris_monday(
        json!({ "duration": 60, "step": 15, "bufferAfter": 15 }),
        json!({ "bookings": [{ "start": "2026-11-23T08:00:00Z", "end": "2026-11-23T09:00:00Z" }] }),
    );
    assert_eq!(
        starts(&slots(&req)),
        own(&[
            "2026-11-23T09:15:00Z",
            "2026-11-23T09:30:00Z",
            "2026-11-23T09:45:00Z",
            "2026-11-23T10:00:00Z"
        ])
    );
    let e = explain(req, "2026-11-23T09:00:00Z");
    assert_eq!(e["members"][0]["reasons"], json!(["buffer"]));
}

#[test]
fn a_booking_with_its_own_zero_buffer_is_back_to_back() {
    // The booking says bufferAfter 0: its own value replaces the page's 15.
    let req = paris_monday(
        json!({ "duration": 60, "step": 15, "bufferAfter": 15 }),
        json!({ "bookings": [{ "start": "2026-11-23T08:00:00Z", "end": "2026-11-23T09:00:00Z",
                               "bufferAfter": 0 }] }),
    );
    // Only the slot's own after-buffer counts now: s + 75 > 08:00 and 09:00 > s: free from 09:00.
    assert_eq!(starts(&slots(&req))[0], "2026-11-23T09:00:00Z");
}

#[test]
fn busy_item_own_buffer_before() {
    // A busy item 10:00–10:30Z asking 30 minutes before itself: [09:30, 10:30). The page has
    // no buffers; a 30-minute slot is forbidden while 09:30 < s + 30 and 10:30 > s.
    let req = paris_monday(
        json!({ "duration": 30, "step": 30 }),
        json!({ "busy": [{ "start": "2026-11-23T10:00:00Z", "end": "2026-11-23T10:30:00Z",
                           "bufferBefore": 30 }] }),
    );
    assert_eq!(
        starts(&slots(&req)),
        own(&[
            "2026-11-23T08:00:00Z",
            "2026-11-23T08:30:00Z",
            "2026-11-23T09:00:00Z",
            "2026-11-23T10:30:00Z"
        ])
    );
    let e = explain(req, "2026-11-23T09:30:00Z");
    assert_eq!(e["members"][0]["reasons"], json!(["buffer"]));
}

#[test]
fn busy_items_take_no_buffer_of_the_page_by_default() {
    // The page's bufferAfter 30 is the slot's own need; the busy item adds nothing of its own,
    // while a booking at the same time would add the page's 30 after itself.
    let busy = json!({ "start": "2026-11-23T08:00:00Z", "end": "2026-11-23T09:00:00Z" });
    let event = json!({ "duration": 30, "step": 30, "bufferAfter": 30 });
    let as_busy = paris_monday(event.clone(), json!({ "busy": [busy] }));
    let as_booking = paris_monday(event, json!({ "bookings": [busy] }));
    assert_eq!(starts(&slots(&as_busy))[0], "2026-11-23T09:00:00Z");
    assert_eq!(starts(&slots(&as_booking))[0], "2026-11-23T09:30:00Z");
}

// --- minDaysAhead (§4) ---

#[test]
fn min_days_ahead_in_page_zone_tokyo() {
    // now = 05:00Z = 14:00 on the 23rd in Tokyo. minDaysAhead 1: only starts on Tokyo's 24th
    // or later, i.e. from 15:00Z. The member is in UTC, where 15:00Z and 16:00Z are still the
    // 23rd: the rule reads the page zone, not the member's.
    let mut req = request(
        "Asia/Tokyo",
        "2026-11-23T10:00:00Z",
        "2026-11-23T17:00:00Z",
        json!({ "duration": 60, "minDaysAhead": 1, "respectWorkingHours": false }),
        json!([{ "id": "ana", "timezone": "UTC" }]),
    );
    req["now"] = json!("2026-11-23T05:00:00Z");
    assert_eq!(
        starts(&slots(&req)),
        own(&["2026-11-23T15:00:00Z", "2026-11-23T16:00:00Z"])
    );
    let e = explain(req, "2026-11-23T14:00:00Z");
    assert_eq!(e["reasons"], json!(["minDaysAhead"]));
    assert_eq!(e["offered"], json!(false));
}

// --- weekly and monthly limits in the member's zone (§4) ---

#[test]
fn max_per_week_sunday_evening_new_york_is_still_the_booked_week() {
    // A booking on Monday 2026-11-23 in New York; maxPerWeek 1. Sunday 2026-11-29 20:00 New
    // York is 2026-11-30T01:00Z (a Monday in UTC) but still the booked week in New York: not
    // free. Monday 2026-11-30 09:00 New York (14:00Z) starts a new week: free. The booking
    // lies outside the range and outside working hours, and counts all the same.
    let m = json!({
        "id": "ana", "timezone": "America/New_York",
        "weekly": { "sun": [["20:00", "21:00"]], "mon": [["09:00", "10:00"]] },
        "bookings": [{ "start": "2026-11-23T15:00:00Z", "end": "2026-11-23T15:30:00Z" }]
    });
    let req = request(
        "UTC",
        "2026-11-29T00:00:00Z",
        "2026-12-01T00:00:00Z",
        json!({ "duration": 60, "maxPerWeek": 1 }),
        json!([m]),
    );
    assert_eq!(starts(&slots(&req)), own(&["2026-11-30T14:00:00Z"]));
    let e = explain(req, "2026-11-30T01:00:00Z");
    assert_eq!(e["members"][0]["reasons"], json!(["maxPerWeek"]));
}

#[test]
fn max_per_month_counts_the_members_calendar_month() {
    // Tokyo member, maxPerMonth 2. Bookings: 2026-11-10T01:00Z (November in Tokyo),
    // 2026-11-30T16:00Z (December 1st, 01:00 in Tokyo) and 2026-12-05T01:00Z (December).
    // Tokyo's November has 1 booking: Monday Nov 30 10:00 (01:00Z) is free. December has 2:
    // Wednesday Dec 2 10:00 (2026-12-02T01:00Z) is not. Counting UTC months would invert both.
    let m = json!({
        "id": "ana", "timezone": "Asia/Tokyo",
        "weekly": { "mon": [["10:00", "11:00"]], "wed": [["10:00", "11:00"]] },
        "bookings": [
            { "start": "2026-11-10T01:00:00Z", "end": "2026-11-10T02:00:00Z" },
            { "start": "2026-11-30T16:00:00Z", "end": "2026-11-30T17:00:00Z" },
            { "start": "2026-12-05T01:00:00Z", "end": "2026-12-05T02:00:00Z" }
        ]
    });
    let req = request(
        "Asia/Tokyo",
        "2026-11-29T00:00:00Z",
        "2026-12-03T00:00:00Z",
        json!({ "duration": 60, "maxPerMonth": 2 }),
        json!([m]),
    );
    assert_eq!(starts(&slots(&req)), own(&["2026-11-30T01:00:00Z"]));
    let e = explain(req, "2026-12-02T01:00:00Z");
    assert_eq!(e["members"][0]["reasons"], json!(["maxPerMonth"]));
}

fn anne_and_bram(event: Value) -> Value {
    // Round robin; each has one booking at 07:00Z on Monday 2026-11-23 and works 09:00–12:00
    // Paris. Anne's own maxPerDay is 2; Bram has no limits of his own.
    let booked = json!([{ "start": "2026-11-23T07:00:00Z", "end": "2026-11-23T07:30:00Z" }]);
    let mut req = request(
        "Europe/Paris",
        "2026-11-23T09:00:00Z",
        "2026-11-23T09:30:00Z",
        event,
        json!([
            { "id": "anne", "timezone": "Europe/Paris", "weekly": { "mon": [["09:00", "12:00"]] },
              "bookings": booked, "limits": { "maxPerDay": 2 } },
            { "id": "bram", "timezone": "Europe/Paris", "weekly": { "mon": [["09:00", "12:00"]] },
              "bookings": booked }
        ]),
    );
    req["team"] = json!({ "mode": "roundRobin" });
    req
}

#[test]
fn member_limits_replace_event_limits() {
    // Event maxPerDay 1: Bram (1 booking today) is full; Anne's own 2 replaces it for her.
    let req = anne_and_bram(json!({ "duration": 30, "maxPerDay": 1 }));
    let resp = slots(&req);
    assert_eq!(starts(&resp), own(&["2026-11-23T09:00:00Z"]));
    assert_eq!(resp["slots"][0]["hosts"], json!(["anne"]));
    assert_eq!(resp["slots"][0]["candidates"], json!(["anne"]));
    let e = explain(req, "2026-11-23T09:00:00Z");
    assert_eq!(e["members"][1]["reasons"], json!(["maxPerDay"]));
    assert_eq!(e["hosts"], json!(["anne"]));
}

#[test]
fn member_limits_replace_only_the_limit_they_name() {
    // Adding the event's maxPerWeek 1: Anne's own limits name only maxPerDay, so the week
    // limit still binds her: nobody is free.
    let req = anne_and_bram(json!({ "duration": 30, "maxPerDay": 1, "maxPerWeek": 1 }));
    assert!(starts(&slots(&req)).is_empty());
    let e = explain(req, "2026-11-23T09:00:00Z");
    assert_eq!(e["members"][0]["reasons"], json!(["maxPerWeek"]));
    let mut bram: Vec<String> = serde_json::from_value(e["members"][1]["reasons"].clone()).unwrap();
    bram.sort();
    assert_eq!(bram, own(&["maxPerDay", "maxPerWeek"]));
    assert!(e.get("hosts").is_none(), "not offered: no hosts");
}

// --- hosts in explanations (§7) ---

#[test]
fn an_offered_explanation_names_the_slots_hosts_and_candidates() {
    // Round robin of three, minAvailable 1, leastRecentlyBooked: cara was never booked, so she
    // hosts; bea is required and attends every meeting.
    let mut req = request(
        "UTC",
        "2026-11-23T09:00:00Z",
        "2026-11-23T10:00:00Z",
        json!({ "duration": 30 }),
        json!([
            { "id": "abe", "timezone": "UTC", "weekly": { "mon": [["09:00", "10:00"]] },
              "lastBookedAt": "2026-11-20T09:00:00Z" },
            { "id": "bea", "timezone": "UTC", "weekly": { "mon": [["09:00", "10:00"]] },
              "required": true },
            { "id": "cara", "timezone": "UTC", "weekly": { "mon": [["09:00", "10:00"]] } }
        ]),
    );
    req["team"] = json!({ "mode": "roundRobin" });
    let resp = slots(&req);
    let e = explain(req, "2026-11-23T09:30:00Z");
    assert_eq!(e["offered"], json!(true));
    assert_eq!(e["hosts"], json!(["bea", "cara"]));
    assert_eq!(e["candidates"], json!(["cara", "abe"]));
    let slot = &resp["slots"][1];
    assert_eq!(slot["start"], json!("2026-11-23T09:30:00Z"));
    assert_eq!(
        (&e["hosts"], &e["candidates"]),
        (&slot["hosts"], &slot["candidates"])
    );
}

#[test]
fn a_collective_explanation_names_every_member_and_no_candidates() {
    let req = paris_monday(json!({ "duration": 30 }), json!({}));
    let e = explain(req, "2026-11-23T08:00:00Z");
    assert_eq!(e["hosts"], json!(["ana"]));
    assert!(e.get("candidates").is_none());
}

// --- hoursToday and team status (§8) ---

fn status_at(now: &str, member: Value) -> Value {
    status(&json!({ "now": now, "member": member }))
}

#[test]
fn hours_today_night_shift_has_two_pieces() {
    // 22:00–06:00 every night in Paris (UTC+1 in November). Tuesday the 24th runs from
    // 23:00Z on the 23rd to 23:00Z on the 24th: the morning piece of Monday night's shift
    // (to 06:00 = 05:00Z) and the evening piece of Tuesday night's (from 22:00 = 21:00Z).
    let night = json!([["22:00", "06:00"]]);
    let weekly = json!({ "mon": night, "tue": night, "wed": night });
    let r = status_at(
        "2026-11-24T12:00:00Z",
        member("nina", "Europe/Paris", weekly),
    );
    assert_eq!(
        r["hoursToday"],
        json!([
            { "start": "2026-11-23T23:00:00Z", "end": "2026-11-24T05:00:00Z" },
            { "start": "2026-11-24T21:00:00Z", "end": "2026-11-24T23:00:00Z" }
        ])
    );
}

#[test]
fn hours_today_on_a_dst_day() {
    // Paris springs forward on Sunday 2026-03-29: the day runs from 00:00 CET (23:00Z on the
    // 28th) to 00:00 CEST on the 30th (22:00Z on the 29th): 23 hours. 01:00–04:00 is
    // 00:00Z–02:00Z (two real hours); 22:00–02:00 starts at 20:00Z and is cut at 22:00Z.
    let weekly = json!({ "sun": [["01:00", "04:00"], ["22:00", "02:00"]] });
    let r = status_at(
        "2026-03-29T10:00:00Z",
        member("paul", "Europe/Paris", weekly),
    );
    assert_eq!(
        r["hoursToday"],
        json!([
            { "start": "2026-03-29T00:00:00Z", "end": "2026-03-29T02:00:00Z" },
            { "start": "2026-03-29T20:00:00Z", "end": "2026-03-29T22:00:00Z" }
        ])
    );
}

#[test]
fn hours_today_leaves_out_time_off() {
    // 09:00–17:00 UTC with 12:00–13:00 off: two pieces.
    let mut m = member("tia", "UTC", json!({ "mon": [["09:00", "17:00"]] }));
    m["timeOff"] = json!([{ "start": "2026-11-23T12:00:00Z", "end": "2026-11-23T13:00:00Z" }]);
    let r = status_at("2026-11-23T10:00:00Z", m);
    assert_eq!(
        r["hoursToday"],
        json!([
            { "start": "2026-11-23T09:00:00Z", "end": "2026-11-23T12:00:00Z" },
            { "start": "2026-11-23T13:00:00Z", "end": "2026-11-23T17:00:00Z" }
        ])
    );
}

fn all_day(id: &str) -> Value {
    member(id, "UTC", json!({ "mon": [["00:00", "24:00"]] }))
}

#[test]
fn team_next_skips_full_and_away() {
    // Monday 12:00Z. ada works no hours (away); bo is available but full (3 of 3); cy was
    // assigned at 10:00Z, dee at 09:00Z: dee has waited longest among the eligible.
    let mut bo = all_day("bo");
    bo["capacity"] = json!({ "max": 3, "assigned": 3 });
    let mut cy = all_day("cy");
    cy["lastAssignedAt"] = json!("2026-11-23T10:00:00Z");
    let mut dee = all_day("dee");
    dee["lastAssignedAt"] = json!("2026-11-23T09:00:00Z");
    let r = status(&json!({
        "now": "2026-11-23T12:00:00Z",
        "members": [member("ada", "UTC", json!({})), bo, cy, dee]
    }));
    let eligible: Vec<(&str, bool)> = r["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["id"].as_str().unwrap(), m["eligible"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        eligible,
        [("ada", false), ("bo", false), ("cy", true), ("dee", true)]
    );
    assert_eq!(r["members"][0]["status"], json!("away"));
    assert_eq!(r["members"][1]["status"], json!("available"));
    assert_eq!(r["next"], json!("dee"));
}

#[test]
fn team_next_is_null_when_nobody_is_eligible() {
    let r = status(&json!({
        "now": "2026-11-23T12:00:00Z",
        "members": [member("ada", "UTC", json!({}))]
    }));
    assert_eq!(r["next"], Value::Null);
}

#[test]
fn team_next_least_loaded() {
    // leastLoaded: bo 2/10 = 0.2, cy 1/3 ≈ 0.33; dee and eve have no capacity (load 0), and
    // eve was assigned longer ago: eve. Without dee and eve, bo (0.2) before cy.
    let mut bo = all_day("bo");
    bo["capacity"] = json!({ "max": 10, "assigned": 2 });
    let mut cy = all_day("cy");
    cy["capacity"] = json!({ "max": 3, "assigned": 1 });
    cy["lastAssignedAt"] = json!("2026-11-20T00:00:00Z");
    let mut dee = all_day("dee");
    dee["lastAssignedAt"] = json!("2026-11-23T11:00:00Z");
    let mut eve = all_day("eve");
    eve["lastAssignedAt"] = json!("2026-11-23T08:00:00Z");
    let ask = |members: Value| {
        status(&json!({
            "now": "2026-11-23T12:00:00Z", "assignment": "leastLoaded", "members": members
        }))["next"]
            .clone()
    };
    assert_eq!(ask(json!([bo, cy, dee, eve])), json!("eve"));
    assert_eq!(ask(json!([cy, bo])), json!("bo"));
    // roundRobin ignores the load: bo was never assigned, which is the earliest of all.
    let rr = status(&json!({ "now": "2026-11-23T12:00:00Z", "members": [cy, bo] }));
    assert_eq!(rr["next"], json!("bo"));
}

// --- errors of the new fields (§9) ---

#[test]
fn new_slots_fields_are_checked_with_their_paths() {
    let base = paris_monday(json!({ "duration": 30 }), json!({}));
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "/event/minDaysAhead",
            json!(3651),
            "invalid_value",
            "event.minDaysAhead",
        ),
        (
            "/event/minDaysAhead",
            json!("1"),
            "invalid_value",
            "event.minDaysAhead",
        ),
        (
            "/event/maxPerWeek",
            json!(100_001),
            "invalid_value",
            "event.maxPerWeek",
        ),
        (
            "/event/maxPerMonth",
            json!(-1),
            "invalid_value",
            "event.maxPerMonth",
        ),
        (
            "/event/maxPerDay",
            json!(1.5),
            "invalid_value",
            "event.maxPerDay",
        ),
        (
            "/members/0/limits",
            json!({ "maxPerYear": 3 }),
            "unknown_field",
            "members[0].limits.maxPerYear",
        ),
        (
            "/members/0/limits",
            json!([]),
            "invalid_value",
            "members[0].limits",
        ),
        (
            "/members/0/limits",
            json!({ "maxPerWeek": 100_001 }),
            "invalid_value",
            "members[0].limits.maxPerWeek",
        ),
        (
            "/members/0/bookings",
            json!([{ "start": "2026-11-23T08:00:00Z", "end": "2026-11-23T09:00:00Z", "bufferAfter": 1441 }]),
            "invalid_value",
            "members[0].bookings[0].bufferAfter",
        ),
        (
            "/members/0/busy",
            json!([{ "start": "2026-11-23T08:00:00Z", "end": "2026-11-23T09:00:00Z", "bufferBefore": -5 }]),
            "invalid_value",
            "members[0].busy[0].bufferBefore",
        ),
        (
            "/members/0/busy",
            json!([{ "start": "2026-11-23T08:00:00Z", "end": "2026-11-23T09:00:00Z", "buffer": 5 }]),
            "unknown_field",
            "members[0].busy[0].buffer",
        ),
    ];
    for (pointer, value, code, path) in cases {
        let mut req = base.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        req.pointer_mut(parent).unwrap()[key] = value.clone();
        assert_eq!(
            slots_err(&req),
            (code.to_string(), path.to_string()),
            "{pointer} = {value}"
        );
    }
    // The last legal values work.
    let mut req = base;
    req["event"]["minDaysAhead"] = json!(3650);
    req["event"]["maxPerMonth"] = json!(100_000);
    req["members"][0]["limits"] = json!({ "maxPerDay": 0, "maxPerWeek": 100_000 });
    req["members"][0]["bookings"] = json!([{ "start": "2026-11-23T08:00:00Z",
        "end": "2026-11-23T09:00:00Z", "bufferBefore": 1440, "bufferAfter": 0 }]);
    slots(&req);
}

#[test]
fn team_status_errors_name_their_paths() {
    let one = json!({ "id": "ada", "timezone": "UTC" });
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            json!({ "now": "2026-11-23T12:00:00Z", "member": one, "members": [one] }),
            "invalid_value",
            "members",
        ),
        (
            json!({ "now": "2026-11-23T12:00:00Z" }),
            "missing_field",
            "member",
        ),
        (
            json!({ "now": "2026-11-23T12:00:00Z", "members": [one, one] }),
            "invalid_value",
            "members[1].id",
        ),
        (
            json!({ "now": "2026-11-23T12:00:00Z", "members": [one], "assignment": "random" }),
            "invalid_value",
            "assignment",
        ),
        (
            json!({ "now": "2026-11-23T12:00:00Z", "members": [] }),
            "invalid_value",
            "members",
        ),
        (
            json!({ "now": "2026-11-23T12:00:00Z",
                    "members": [{ "id": "ada", "timezone": "UTC", "lastAssignedAt": "yesterday" }] }),
            "invalid_instant",
            "members[0].lastAssignedAt",
        ),
        (
            json!({ "now": "2026-11-23T12:00:00Z",
                    "members": [{ "id": "ada", "timezone": "UTC", "capacity": { "max": "x", "assigned": 0 } }] }),
            "invalid_value",
            "members[0].capacity.max",
        ),
        (
            json!({ "now": "2026-11-23T12:00:00Z",
                    "members": [{ "id": "ada", "timezone": "UTC", "manual": { "status": "busy", "since": "2026-11-23T12:00:00Z" } }] }),
            "invalid_value",
            "members[0].manual.status",
        ),
    ];
    for (req, code, path) in cases {
        assert_eq!(
            status_err(&req),
            (code.to_string(), path.to_string()),
            "{req}"
        );
    }
    let too_many: Vec<Value> = (0..501)
        .map(|i| json!({ "id": format!("m{i}"), "timezone": "UTC" }))
        .collect();
    assert_eq!(
        status_err(&json!({ "now": "2026-11-23T12:00:00Z", "members": too_many })),
        ("limit_exceeded".to_string(), "members".to_string())
    );
}
