//! SPEC §9: every error code with its path, every limit, inputs that must not panic, and the
//! CLI's error contract (exit 2, the error object on stdout) and `--version`.
//!
//! Where the SPEC names no path (type errors, limits), the choice made here is what a careful
//! user expects: the path of the offending value itself. A few genuinely open choices accept a
//! short list of codes; the path is always pinned.

mod common;

use common::*;
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// A valid request; every test breaks exactly one thing in it.
fn base() -> Value {
    json!({
        "now": "2026-11-20T08:00:00Z",
        "range": { "start": "2026-11-23T00:00:00Z", "end": "2026-11-30T00:00:00Z" },
        "timezone": "Europe/Paris",
        "event": { "duration": 30 },
        "members": [
            { "id": "anne", "timezone": "Europe/Paris", "weekly": { "mon": [["09:00", "17:00"]] } },
            { "id": "bram", "timezone": "Europe/Amsterdam", "weekly": { "mon": [["09:00", "17:00"]] } }
        ]
    })
}

fn status_base() -> Value {
    json!({
        "now": "2026-11-23T10:00:00Z",
        "member": {
            "id": "bob", "timezone": "Europe/Amsterdam", "weekly": { "mon": [["09:00", "17:00"]] },
            "manual": { "status": "away", "since": "2026-11-23T09:00:00Z", "reason": "lunch" },
            "capacity": { "max": 10, "assigned": 7 }
        }
    })
}

#[track_caller]
fn expect_err(req: &Value, code: &str, path: &str) {
    let (c, p) = slots_err(req);
    assert_eq!((c.as_str(), p.as_str()), (code, path));
}

/// One of several acceptable codes (SPEC silent), at a pinned path.
#[track_caller]
fn expect_err_any(req: &Value, codes: &[&str], path: &str) {
    let (c, p) = slots_err(req);
    assert!(
        codes.contains(&c.as_str()),
        "code {c} not in {codes:?} (path {p})"
    );
    assert_eq!(p, path);
}

#[track_caller]
fn expect_status_err(req: &Value, code: &str, path: &str) {
    let (c, p) = status_err(req);
    assert_eq!((c.as_str(), p.as_str()), (code, path));
}

#[test]
fn base_requests_are_valid() {
    let resp = slots(&base());
    // Monday 23rd 09:00–17:00 Paris and Amsterdam (both CET): 08:00Z–16:00Z, 30-minute grid.
    assert_eq!(starts(&resp), every("2026-11-23T08:00:00Z", 30, 16));
    status(&status_base());
}

// ----------------------------------------------------------------------------- invalid_json

#[test]
fn invalid_json_has_empty_path() {
    for text in ["{\"now\": ", "", "not json", "{\"a\":1,}", "{} {}"] {
        let err = bookable::slots_from_json(text, 0).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.path.as_str()),
            ("invalid_json", ""),
            "{text:?}"
        );
        let err = bookable::status_from_json(text, 0).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.path.as_str()),
            ("invalid_json", ""),
            "{text:?}"
        );
    }
}

#[test]
fn error_object_shape() {
    let err = bookable::slots_from_json("{\"now\": ", 0).unwrap_err();
    let v = err.to_json();
    assert_eq!(v["error"]["code"], "invalid_json");
    assert_eq!(v["error"]["path"], "");
    assert!(v["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    assert_eq!(v.as_object().unwrap().len(), 1);
}

// ----------------------------------------------------------------------------- missing_field

#[test]
fn missing_fields_at_their_paths() {
    let b = base();
    expect_err(&without(&b, "/range"), "missing_field", "range");
    expect_err(&without(&b, "/range/end"), "missing_field", "range.end");
    expect_err(&without(&b, "/range/start"), "missing_field", "range.start");
    expect_err(&without(&b, "/timezone"), "missing_field", "timezone");
    expect_err(&without(&b, "/event"), "missing_field", "event");
    expect_err(
        &without(&b, "/event/duration"),
        "missing_field",
        "event.duration",
    );
    expect_err(&without(&b, "/members"), "missing_field", "members");
    expect_err(
        &without(&b, "/members/1/id"),
        "missing_field",
        "members[1].id",
    );
    let busy_no_end = with(
        &b,
        "/members/0/busy",
        json!([{ "start": "2026-11-23T10:00:00Z" }]),
    );
    expect_err(&busy_no_end, "missing_field", "members[0].busy[0].end");
    let booking_no_start = with(
        &b,
        "/members/1/bookings",
        json!([{ "end": "2026-11-23T10:00:00Z" }]),
    );
    expect_err(
        &booking_no_start,
        "missing_field",
        "members[1].bookings[0].start",
    );
    let time_off_no_to = with(&b, "/members/0/timeOff", json!([{ "from": "2026-11-23" }]));
    expect_err(&time_off_no_to, "missing_field", "members[0].timeOff[0].to");
    let date_range_no_to = with(&b, "/event/dateRange", json!({ "from": "2026-11-23" }));
    expect_err(&date_range_no_to, "missing_field", "event.dateRange.to");
    let date_range_no_from = with(&b, "/event/dateRange", json!({ "to": "2026-11-23" }));
    expect_err(&date_range_no_from, "missing_field", "event.dateRange.from");
    // `now` is optional (the current time is used).
    let no_now = without(&b, "/now");
    assert!(bookable::slots_from_value(&no_now, 1_763_600_000_000).is_ok());
}

#[test]
fn status_missing_fields() {
    let b = status_base();
    expect_status_err(&without(&b, "/member"), "missing_field", "member");
    expect_status_err(&without(&b, "/member/id"), "missing_field", "member.id");
    expect_status_err(
        &without(&b, "/member/manual/status"),
        "missing_field",
        "member.manual.status",
    );
    expect_status_err(
        &without(&b, "/member/capacity/max"),
        "missing_field",
        "member.capacity.max",
    );
}

// ----------------------------------------------------------------------------- unknown_field

#[test]
fn unknown_fields_at_nested_paths() {
    let b = base();
    expect_err(
        &with(&b, "/colour", json!("red")),
        "unknown_field",
        "colour",
    );
    expect_err(
        &with(&b, "/event/bufferAfer", json!(10)),
        "unknown_field",
        "event.bufferAfer",
    );
    expect_err(
        &with(&b, "/range/begin", json!("x")),
        "unknown_field",
        "range.begin",
    );
    expect_err(
        &with(&b, "/team", json!({ "mode": "collective", "mod": 1 })),
        "unknown_field",
        "team.mod",
    );
    expect_err(
        &with(&b, "/members/1/weekly/monday", json!([["09:00", "10:00"]])),
        "unknown_field",
        "members[1].weekly.monday",
    );
    expect_err(
        &with(&b, "/event/hours", json!({ "Mon": [["09:00", "10:00"]] })),
        "unknown_field",
        "event.hours.Mon",
    );
    expect_err(
        &with(&b, "/members/1/Id", json!("x")),
        "unknown_field",
        "members[1].Id",
    );
    expect_err(
        &with(
            &b,
            "/members/0/busy",
            json!([{ "start": "2026-11-23T10:00:00Z", "end": "2026-11-23T11:00:00Z", "note": "x" }]),
        ),
        "unknown_field",
        "members[0].busy[0].note",
    );
    expect_err(
        &with(
            &b,
            "/event/dateRange",
            json!({ "from": "2026-11-01", "to": "2026-11-30", "until": "x" }),
        ),
        "unknown_field",
        "event.dateRange.until",
    );
    // A status-only field in a slots request is unknown there, and vice versa.
    expect_err(
        &with(
            &b,
            "/members/0/manual",
            json!({ "status": "away", "since": "2026-11-23T09:00:00Z" }),
        ),
        "unknown_field",
        "members[0].manual",
    );
    expect_status_err(
        &with(&status_base(), "/range", json!({})),
        "unknown_field",
        "range",
    );
    expect_status_err(
        &with(&status_base(), "/member/mood", json!("happy")),
        "unknown_field",
        "member.mood",
    );
    expect_status_err(
        &with(&status_base(), "/member/manual/note", json!("x")),
        "unknown_field",
        "member.manual.note",
    );
    expect_status_err(
        &with(&status_base(), "/member/capacity/used", json!(1)),
        "unknown_field",
        "member.capacity.used",
    );
}

// ----------------------------------------------------------------------------- invalid_instant

#[test]
fn invalid_instants() {
    let b = base();
    // No offset.
    expect_err(
        &with(&b, "/now", json!("2026-11-20T08:00:00")),
        "invalid_instant",
        "now",
    );
    // A date is not an instant.
    expect_err(
        &with(&b, "/now", json!("2026-11-20")),
        "invalid_instant",
        "now",
    );
    expect_err(
        &with(&b, "/range/start", json!("tomorrow")),
        "invalid_instant",
        "range.start",
    );
    expect_err(
        &with(&b, "/range/end", json!("2026-13-01T00:00:00Z")),
        "invalid_instant",
        "range.end",
    );
    expect_err(
        &with(&b, "/range/end", json!("2026-02-30T00:00:00Z")),
        "invalid_instant",
        "range.end",
    );
    expect_err(&with(&b, "/now", json!("NaN")), "invalid_instant", "now");
    expect_err(&with(&b, "/now", json!("")), "invalid_instant", "now");
    // Outside years 1900..2200, as text and as epoch milliseconds.
    expect_err(
        &with(&b, "/now", json!("1899-12-31T23:59:00Z")),
        "invalid_instant",
        "now",
    );
    expect_err(
        &with(&b, "/now", json!("2201-01-01T00:00:00Z")),
        "invalid_instant",
        "now",
    );
    expect_err(
        &with(&b, "/now", json!(-2_300_000_000_000_i64)),
        "invalid_instant",
        "now",
    ); // 1897
    expect_err(
        &with(&b, "/now", json!(7_300_000_000_000_i64)),
        "invalid_instant",
        "now",
    ); // 2201
    expect_err(&with(&b, "/now", json!(1e300)), "invalid_instant", "now");
    expect_err(
        &with(
            &b,
            "/members/0/busy",
            json!([{ "start": "x", "end": "2026-11-23T11:00:00Z" }]),
        ),
        "invalid_instant",
        "members[0].busy[0].start",
    );
    expect_err(
        &with(
            &b,
            "/members/1/timeOff",
            json!([{ "start": "2026-11-23T10:00:00Z", "end": "soon" }]),
        ),
        "invalid_instant",
        "members[1].timeOff[0].end",
    );
    expect_err(
        &with(&b, "/members/1/lastBookedAt", json!("last week")),
        "invalid_instant",
        "members[1].lastBookedAt",
    );
    expect_err(
        &with(&b, "/explain", json!("3pm")),
        "invalid_instant",
        "explain",
    );
    expect_status_err(
        &with(&status_base(), "/member/manual/since", json!("earlier")),
        "invalid_instant",
        "member.manual.since",
    );
    expect_status_err(
        &with(&status_base(), "/now", json!("2026-11-23 10:00")),
        "invalid_instant",
        "now",
    );
}

#[test]
fn valid_instant_forms() {
    let b = base();
    for now in [
        json!("2026-11-20T09:00:00+01:00"),
        json!("2026-11-20T08:00:00.250Z"),
        json!("2026-11-20T03:00:00-05:00"),
        json!(1_795_161_600_000_i64),
    ] {
        let resp = slots(&with(&b, "/now", now.clone()));
        assert_eq!(starts(&resp).len(), 16, "now = {now}");
    }
}

// ----------------------------------------------------------------------------- invalid_date

#[test]
fn invalid_dates() {
    let b = base();
    // Override keys are dates: the path names the key.
    let (c, p) = slots_err(&with(
        &b,
        "/members/0/overrides",
        json!({ "2026-02-30": [] }),
    ));
    assert_eq!(c, "invalid_date");
    assert!(
        p == "members[0].overrides.2026-02-30" || p == "members[0].overrides[\"2026-02-30\"]",
        "path {p}"
    );
    expect_err(
        &with(
            &b,
            "/members/0/timeOff",
            json!([{ "from": "2026-02-30", "to": "2026-03-02" }]),
        ),
        "invalid_date",
        "members[0].timeOff[0].from",
    );
    expect_err(
        &with(
            &b,
            "/members/1/timeOff",
            json!([{ "from": "2026-11-02", "to": "2026-11-5" }]),
        ),
        "invalid_date",
        "members[1].timeOff[0].to",
    );
    expect_err(
        &with(
            &b,
            "/event/dateRange",
            json!({ "from": "2026/11/01", "to": "2026-11-30" }),
        ),
        "invalid_date",
        "event.dateRange.from",
    );
    expect_err(
        &with(
            &b,
            "/event/dateRange",
            json!({ "from": "2026-11-01", "to": "2027-02-29" }),
        ),
        "invalid_date",
        "event.dateRange.to",
    );
    // 2028 is a leap year.
    assert!(bookable::slots_from_value(
        &with(
            &b,
            "/event/dateRange",
            json!({ "from": "2026-11-01", "to": "2028-02-29" })
        ),
        0
    )
    .is_ok());
}

// ----------------------------------------------------------------------------- invalid_time

#[test]
fn invalid_times_at_the_pair() {
    let b = base();
    for bad in [
        json!(["24:00", "24:00"]), // 24:00 only as an end
        json!(["24:00", "01:00"]),
        json!(["9:00", "17:00"]),
        json!(["09:00", "17:0"]),
        json!(["12:60", "13:00"]),
        json!(["25:00", "26:00"]),
        json!(["09:00", "24:01"]),
        json!(["09:00:00", "17:00"]),
        json!(["-1:00", "17:00"]),
    ] {
        expect_err(
            &with(
                &b,
                "/members/1/weekly/mon",
                json!([["08:00", "09:00"], bad]),
            ),
            "invalid_time",
            "members[1].weekly.mon[1]",
        );
    }
    expect_err(
        &with(&b, "/event/hours", json!({ "tue": [["9:00", "12:00"]] })),
        "invalid_time",
        "event.hours.tue[0]",
    );
    let (c, p) = slots_err(&with(
        &b,
        "/members/0/overrides",
        json!({ "2026-11-24": [["24:00", "02:00"]] }),
    ));
    assert_eq!(c, "invalid_time");
    assert!(
        p == "members[0].overrides.2026-11-24[0]" || p == "members[0].overrides[\"2026-11-24\"][0]",
        "path {p}"
    );
    expect_status_err(
        &with(
            &status_base(),
            "/member/weekly/mon",
            json!([["09:00", "25:00"]]),
        ),
        "invalid_time",
        "member.weekly.mon[0]",
    );
    // 24:00 as an end, 00:00–00:00 and a pair with equal ends (a full day from 09:00) are valid.
    for ok in [
        json!(["22:00", "24:00"]),
        json!(["00:00", "00:00"]),
        json!(["09:00", "09:00"]),
    ] {
        assert!(
            bookable::slots_from_value(&with(&b, "/members/1/weekly/mon", json!([ok.clone()])), 0)
                .is_ok(),
            "{ok}"
        );
    }
}

// ----------------------------------------------------------------------------- invalid_timezone

#[test]
fn invalid_timezones() {
    let b = base();
    expect_err(
        &with(&b, "/timezone", json!("Mars/Olympus")),
        "invalid_timezone",
        "timezone",
    );
    expect_err(
        &with(&b, "/timezone", json!("")),
        "invalid_timezone",
        "timezone",
    );
    expect_err(
        &with(&b, "/viewerTimezone", json!("Europe/Atlantis")),
        "invalid_timezone",
        "viewerTimezone",
    );
    expect_err(
        &with(&b, "/members/1/timezone", json!("Amsterdam")),
        "invalid_timezone",
        "members[1].timezone",
    );
    expect_status_err(
        &with(&status_base(), "/member/timezone", json!("Nowhere/Land")),
        "invalid_timezone",
        "member.timezone",
    );
    // Links and UTC are valid.
    for tz in ["UTC", "US/Eastern", "Asia/Calcutta", "Europe/Kiev"] {
        let resp = slots(&with(&b, "/viewerTimezone", json!(tz)));
        assert_eq!(resp["timezone"], tz);
    }
}

// ----------------------------------------------------------------------------- invalid_interval

#[test]
fn invalid_intervals() {
    let b = base();
    let range = json!({ "start": "2026-11-23T00:00:00Z", "end": "2026-11-23T00:00:00Z" });
    expect_err(&with(&b, "/range", range), "invalid_interval", "range");
    let range = json!({ "start": "2026-11-23T00:00:00Z", "end": "2026-11-22T00:00:00Z" });
    expect_err(&with(&b, "/range", range), "invalid_interval", "range");
    let same = json!([{ "start": "2026-11-23T10:00:00Z", "end": "2026-11-23T10:00:00Z" }]);
    expect_err(
        &with(&b, "/members/0/busy", same.clone()),
        "invalid_interval",
        "members[0].busy[0]",
    );
    let backwards = json!([
        { "start": "2026-11-23T08:00:00Z", "end": "2026-11-23T09:00:00Z" },
        { "start": "2026-11-23T10:00:00Z", "end": "2026-11-23T09:00:00Z" }
    ]);
    expect_err(
        &with(&b, "/members/1/bookings", backwards.clone()),
        "invalid_interval",
        "members[1].bookings[1]",
    );
    expect_err(
        &with(&b, "/members/1/timeOff", same),
        "invalid_interval",
        "members[1].timeOff[0]",
    );
    let dates = json!([{ "from": "2026-11-25", "to": "2026-11-24" }]);
    expect_err(
        &with(&b, "/members/0/timeOff", dates),
        "invalid_interval",
        "members[0].timeOff[0]",
    );
    let date_range = json!({ "from": "2026-11-25", "to": "2026-11-24" });
    expect_err(
        &with(&b, "/event/dateRange", date_range),
        "invalid_interval",
        "event.dateRange",
    );
    expect_status_err(
        &with(
            &status_base(),
            "/member/timeOff",
            json!([{ "start": "2026-11-23T12:00:00Z", "end": "2026-11-23T11:00:00Z" }]),
        ),
        "invalid_interval",
        "member.timeOff[0]",
    );
    // One-day time off and a one-day date range are valid (dates are inclusive).
    let ok = with(
        &b,
        "/members/0/timeOff",
        json!([{ "from": "2026-11-24", "to": "2026-11-24" }]),
    );
    let ok = with(
        &ok,
        "/event/dateRange",
        json!({ "from": "2026-11-23", "to": "2026-11-23" }),
    );
    assert_eq!(starts(&slots(&ok)).len(), 16);
}

// ----------------------------------------------------------------------------- invalid_value

#[test]
fn out_of_range_numbers() {
    let b = base();
    for (ptr, v, path) in [
        ("/event/duration", json!(0), "event.duration"),
        ("/event/duration", json!(1441), "event.duration"),
        ("/event/duration", json!(-30), "event.duration"),
        ("/event/step", json!(0), "event.step"),
        ("/event/step", json!(1441), "event.step"),
        ("/event/bufferBefore", json!(-1), "event.bufferBefore"),
        ("/event/bufferAfter", json!(1441), "event.bufferAfter"),
        ("/event/minNotice", json!(525_601), "event.minNotice"),
        ("/event/minNotice", json!(-1), "event.minNotice"),
        ("/event/maxDaysAhead", json!(3651), "event.maxDaysAhead"),
        ("/event/maxDaysAhead", json!(-1), "event.maxDaysAhead"),
        ("/members/1/weight", json!(0), "members[1].weight"),
        ("/members/1/weight", json!(-2), "members[1].weight"),
    ] {
        let req = with(&b, ptr, v.clone());
        let (c, p) = slots_err(&req);
        assert_eq!(
            (c.as_str(), p.as_str()),
            ("invalid_value", path),
            "{ptr} = {v}"
        );
    }
    // The edges are valid.
    for (ptr, v) in [
        ("/event/duration", json!(1440)),
        ("/event/duration", json!(1)),
        ("/event/step", json!(1440)),
        ("/event/step", json!(1)),
        ("/event/bufferBefore", json!(1440)),
        ("/event/bufferAfter", json!(0)),
        ("/event/minNotice", json!(525_600)),
        ("/event/maxDaysAhead", json!(3650)),
        ("/event/maxDaysAhead", json!(0)),
    ] {
        assert!(
            bookable::slots_from_value(&with(&b, ptr, v.clone()), 0).is_ok(),
            "{ptr} = {v}"
        );
    }
}

#[test]
fn bad_modes_and_team_sizes() {
    let b = base();
    expect_err(
        &with(&b, "/team", json!({ "mode": "random" })),
        "invalid_value",
        "team.mode",
    );
    expect_err(
        &with(&b, "/team", json!({ "mode": "RoundRobin" })),
        "invalid_value",
        "team.mode",
    );
    expect_err(
        &with(
            &b,
            "/team",
            json!({ "mode": "roundRobin", "assignment": "fifo" }),
        ),
        "invalid_value",
        "team.assignment",
    );
    expect_err(
        &with(
            &b,
            "/team",
            json!({ "mode": "roundRobin", "minAvailable": 0 }),
        ),
        "invalid_value",
        "team.minAvailable",
    );
    expect_err(
        &with(
            &b,
            "/team",
            json!({ "mode": "roundRobin", "minAvailable": 3 }),
        ),
        "invalid_value",
        "team.minAvailable",
    );
    // The pool is the non-required members: with one of two required, it holds one.
    let one_required = with(&b, "/members/0/required", json!(true));
    expect_err(
        &with(
            &one_required,
            "/team",
            json!({ "mode": "roundRobin", "minAvailable": 2 }),
        ),
        "invalid_value",
        "team.minAvailable",
    );
    assert!(bookable::slots_from_value(
        &with(
            &one_required,
            "/team",
            json!({ "mode": "roundRobin", "minAvailable": 1 })
        ),
        0
    )
    .is_ok());
    assert!(bookable::slots_from_value(
        &with(
            &b,
            "/team",
            json!({ "mode": "roundRobin", "minAvailable": 2 })
        ),
        0
    )
    .is_ok());
    expect_status_err(
        &with(&status_base(), "/member/manual/status", json!("busy")),
        "invalid_value",
        "member.manual.status",
    );
    expect_status_err(
        &with(&status_base(), "/member/capacity/max", json!(-1)),
        "invalid_value",
        "member.capacity.max",
    );
    expect_status_err(
        &with(&status_base(), "/member/capacity/assigned", json!(-1)),
        "invalid_value",
        "member.capacity.assigned",
    );
}

#[test]
fn ids_must_be_unique_and_non_empty() {
    let b = base();
    expect_err(
        &with(&b, "/members/1/id", json!("anne")),
        "invalid_value",
        "members[1].id",
    );
    expect_err(
        &with(&b, "/members/0/id", json!("")),
        "invalid_value",
        "members[0].id",
    );
    // Ids are compared exactly: "Anne" and "anne" are two people.
    assert!(bookable::slots_from_value(&with(&b, "/members/1/id", json!("Anne")), 0).is_ok());
    expect_err(&with(&b, "/members", json!([])), "invalid_value", "members");
}

#[test]
fn wrong_json_types_are_invalid_value_at_the_value() {
    let b = base();
    for (ptr, v, path) in [
        ("/event/duration", json!("30"), "event.duration"),
        ("/event/duration", json!(30.5), "event.duration"),
        ("/event/duration", json!(true), "event.duration"),
        ("/event/step", json!([15]), "event.step"),
        (
            "/event/respectWorkingHours",
            json!("yes"),
            "event.respectWorkingHours",
        ),
        ("/event/maxPerDay", json!("4"), "event.maxPerDay"),
        ("/event", json!([]), "event"),
        ("/event", json!("30 minutes"), "event"),
        (
            "/range",
            json!(["2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z"]),
            "range",
        ),
        ("/members", json!({ "anne": {} }), "members"),
        ("/members/0", json!([]), "members[0]"),
        ("/members/1", json!("bram"), "members[1]"),
        ("/members/0/id", json!(5), "members[0].id"),
        ("/members/0/weekly", json!([]), "members[0].weekly"),
        ("/members/0/weekly/mon", json!({}), "members[0].weekly.mon"),
        (
            "/members/0/weekly/mon",
            json!("09:00-17:00"),
            "members[0].weekly.mon",
        ),
        ("/members/0/overrides", json!([]), "members[0].overrides"),
        ("/members/0/busy", json!({}), "members[0].busy"),
        ("/members/0/busy", json!([5]), "members[0].busy[0]"),
        (
            "/members/0/timeOff",
            json!("2026-11-24"),
            "members[0].timeOff",
        ),
        ("/members/0/required", json!("true"), "members[0].required"),
        ("/members/0/priority", json!("high"), "members[0].priority"),
        ("/members/0/weight", json!("1"), "members[0].weight"),
        ("/team", json!("roundRobin"), "team"),
        ("/team/mode", json!(1), "team.mode"),
    ] {
        let mut req = b.clone();
        if ptr.starts_with("/team/") {
            set(&mut req, "/team", json!({}));
        }
        set(&mut req, ptr, v.clone());
        let (c, p) = slots_err(&req);
        assert_eq!(
            (c.as_str(), p.as_str()),
            ("invalid_value", path),
            "{ptr} = {v}"
        );
    }
    // A pair of the wrong shape: either code, at the pair.
    for pair in [
        json!("09:00"),
        json!(["09:00"]),
        json!(["09:00", "10:00", "11:00"]),
        json!([9, 10]),
    ] {
        expect_err_any(
            &with(&b, "/members/1/weekly/mon", json!([pair])),
            &["invalid_value", "invalid_time"],
            "members[1].weekly.mon[0]",
        );
    }
    // Typed values of the wrong JSON type: their own code or invalid_value, at the value.
    expect_err_any(
        &with(&b, "/timezone", json!(5)),
        &["invalid_timezone", "invalid_value"],
        "timezone",
    );
    expect_err_any(
        &with(&b, "/now", json!(true)),
        &["invalid_instant", "invalid_value"],
        "now",
    );
    expect_err_any(
        &with(&b, "/now", json!({})),
        &["invalid_instant", "invalid_value"],
        "now",
    );
    expect_err_any(
        &with(
            &b,
            "/event/dateRange",
            json!({ "from": 20261101, "to": "2026-11-30" }),
        ),
        &["invalid_date", "invalid_value"],
        "event.dateRange.from",
    );
    // The whole request is not an object.
    for top in [json!([]), json!("request"), json!(42), json!(null)] {
        expect_err_any(&top, &["invalid_value", "invalid_json"], "");
    }
}

// ----------------------------------------------------------------------------- limit_exceeded

#[test]
fn range_limit_is_366_days() {
    let b = base();
    // 2027-01-01 .. 2028-01-02 is exactly 366 days.
    let ok = with(
        &b,
        "/range",
        json!({ "start": "2027-01-01T00:00:00Z", "end": "2028-01-02T00:00:00Z" }),
    );
    assert!(bookable::slots_from_value(&ok, 0).is_ok());
    let over = with(
        &b,
        "/range",
        json!({ "start": "2027-01-01T00:00:00Z", "end": "2028-01-02T00:01:00Z" }),
    );
    expect_err(&over, "limit_exceeded", "range");
    let far = with(
        &b,
        "/range",
        json!({ "start": "1950-01-01T00:00:00Z", "end": "2150-01-01T00:00:00Z" }),
    );
    expect_err(&far, "limit_exceeded", "range");
}

fn members(n: usize) -> Value {
    Value::Array(
        (0..n)
            .map(|i| json!({ "id": format!("m{i}"), "timezone": "UTC", "weekly": { "mon": [["09:00", "10:00"]] } }))
            .collect(),
    )
}

#[test]
fn member_limit_is_500() {
    let b = base();
    assert!(bookable::slots_from_value(&with(&b, "/members", members(500)), 0).is_ok());
    expect_err(
        &with(&b, "/members", members(501)),
        "limit_exceeded",
        "members",
    );
}

fn intervals(n: usize, day: &str) -> Value {
    // n distinct 30-second intervals, one a minute from `day` on (after the base request's range).
    let t0: chrono::DateTime<chrono::Utc> = format!("{day}T00:00:00Z").parse().unwrap();
    let fmt =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    Value::Array(
        (0..n as i64)
            .map(|i| {
                let s = t0 + chrono::Duration::minutes(i);
                json!({ "start": fmt(s), "end": fmt(s + chrono::Duration::seconds(30)) })
            })
            .collect(),
    )
}

#[test]
fn busy_and_bookings_limit_is_200000_together() {
    let b = base();
    let mut ok = b.clone();
    set(&mut ok, "/members/0/busy", intervals(100_000, "2026-12-01"));
    set(
        &mut ok,
        "/members/1/bookings",
        intervals(100_000, "2026-12-01"),
    );
    assert!(bookable::slots_from_value(&ok, 0).is_ok());
    let mut over = ok.clone();
    set(&mut over, "/members/1/busy", intervals(1, "2026-12-01"));
    let (c, p) = slots_err(&over);
    assert_eq!(c, "limit_exceeded");
    assert!(p.starts_with("members"), "path {p}");
}

#[test]
fn slot_limit_is_100000_never_a_silent_cut() {
    // Always free, one-minute grid, one-minute meetings: one slot per minute of the range.
    let mk = |minutes: i64| {
        let end = chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z").unwrap()
            + chrono::Duration::minutes(minutes);
        request(
            "UTC",
            "2026-11-23T00:00:00Z",
            &end.to_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            json!({ "duration": 1, "step": 1, "respectWorkingHours": false }),
            json!([{ "id": "ana", "timezone": "UTC" }]),
        )
    };
    let resp = bookable::slots_from_value(&mk(100_000), 0).expect("exactly 100,000 slots is fine");
    assert_eq!(resp.slots.len(), 100_000);
    let (c, _path) = slots_err(&mk(100_001));
    assert_eq!(c, "limit_exceeded");
    // A whole year of minutes.
    let (c, _path) = slots_err(&mk(366 * 1440));
    assert_eq!(c, "limit_exceeded");
}

// ----------------------------------------------------------------------------- no panic

/// Runs a request and returns whether it succeeded; a panic fails the test with the input named.
fn survives(req: &Value, what: &str) -> bool {
    let r = req.clone();
    match std::panic::catch_unwind(move || bookable::slots_from_value(&r, 0).map(|_| ())) {
        Ok(res) => res.is_ok(),
        Err(_) => panic!("panicked on {what}"),
    }
}

#[test]
fn strange_values_never_panic() {
    let b = base();
    let pointers = [
        "/now",
        "/range/start",
        "/range/end",
        "/timezone",
        "/viewerTimezone",
        "/explain",
        "/event/duration",
        "/event/step",
        "/event/bufferBefore",
        "/event/bufferAfter",
        "/event/minNotice",
        "/event/maxDaysAhead",
        "/event/maxPerDay",
        "/event/respectWorkingHours",
        "/event/hours",
        "/event/dateRange",
        "/team",
        "/team/mode",
        "/team/minAvailable",
        "/team/assignment",
        "/members",
        "/members/0",
        "/members/0/id",
        "/members/0/timezone",
        "/members/0/weekly",
        "/members/0/weekly/mon",
        "/members/0/weekly/mon/0",
        "/members/0/weekly/mon/0/0",
        "/members/0/overrides",
        "/members/0/timeOff",
        "/members/0/busy",
        "/members/0/bookings",
        "/members/0/required",
        "/members/0/priority",
        "/members/0/weight",
        "/members/0/lastBookedAt",
    ];
    let values = [
        json!(null),
        json!(true),
        json!(0),
        json!(-1),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(i64::MAX),
        json!(9_007_199_254_740_993_u64),
        json!(1e308),
        json!(-1e308),
        json!(5e-324),
        json!(0.5),
        json!(-0.0),
        json!(""),
        json!("NaN"),
        json!("Infinity"),
        json!("-Infinity"),
        json!("1e999"),
        json!("\u{0}"),
        json!("💥"),
        json!("9999-99-99T99:99:99Z"),
        json!("+275760-09-13T00:00:00Z"),
        json!("99:99"),
        json!("23:59"),
        json!("24:00"),
        json!([]),
        json!([[]]),
        json!([["00:00"]]),
        json!({}),
        json!({ "": "" }),
        json!([{ "start": "2026-11-23T10:00:00Z", "end": "2199-12-31T00:00:00Z" }]),
        json!([{ "from": "1900-01-01", "to": "2199-12-31" }]),
    ];
    for ptr in pointers {
        for v in &values {
            let mut req = b.clone();
            if ptr.starts_with("/team/") {
                set(&mut req, "/team", json!({ "mode": "roundRobin" }));
            }
            set(&mut req, ptr, v.clone());
            survives(&req, &format!("{ptr} = {v}"));
        }
    }
}

#[test]
fn extreme_but_valid_requests_never_panic() {
    let b = base();
    // Early 1900: zones still on local mean time with odd second offsets (Paris +00:09:21).
    let mut early = with(
        &b,
        "/range",
        json!({ "start": "1900-01-01T00:00:00Z", "end": "1900-01-08T00:00:00Z" }),
    );
    set(&mut early, "/now", json!("1900-01-01T00:00:00Z"));
    set(&mut early, "/viewerTimezone", json!("Asia/Kathmandu"));
    set(&mut early, "/explain", json!("1900-01-01T08:00:00Z"));
    survives(&early, "a range in 1900");
    // The far end: maxDaysAhead runs past year 2200.
    let mut late = with(
        &b,
        "/range",
        json!({ "start": "2199-12-20T00:00:00Z", "end": "2199-12-31T00:00:00Z" }),
    );
    set(&mut late, "/now", json!("2199-12-19T00:00:00Z"));
    set(&mut late, "/timezone", json!("Pacific/Kiritimati"));
    set(&mut late, "/event/maxDaysAhead", json!(3650));
    set(
        &mut late,
        "/members/0/timeOff",
        json!([{ "from": "2199-12-30", "to": "2199-12-31" }]),
    );
    survives(&late, "a range in 2199");
    // Tiny weight, huge priority, balanced and priority orders.
    for assignment in ["balanced", "priority", "leastRecentlyBooked"] {
        let mut t = with(
            &b,
            "/team",
            json!({ "mode": "roundRobin", "assignment": assignment }),
        );
        set(&mut t, "/members/0/weight", json!(5e-324));
        set(&mut t, "/members/1/weight", json!(1e308));
        set(&mut t, "/members/0/priority", json!(1e308));
        set(&mut t, "/members/1/priority", json!(-1e308));
        set(
            &mut t,
            "/members/0/bookings",
            json!([{ "start": "2026-11-01T10:00:00Z", "end": "2026-11-01T10:30:00Z" }]),
        );
        survives(&t, assignment);
    }
    // Maximal durations and buffers with a whole-day grid over a full range.
    let mut big = with(
        &b,
        "/range",
        json!({ "start": "2026-01-01T00:00:00Z", "end": "2027-01-02T00:00:00Z" }),
    );
    set(
        &mut big,
        "/event",
        json!({ "duration": 1440, "step": 1, "bufferBefore": 1440, "bufferAfter": 1440,
                                    "minNotice": 525600, "respectWorkingHours": false }),
    );
    survives(&big, "maximal event");
    // Hours across midnight every day in an Apia member around the skipped day.
    let mut apia = with(
        &b,
        "/range",
        json!({ "start": "2011-12-25T00:00:00Z", "end": "2012-01-05T00:00:00Z" }),
    );
    set(&mut apia, "/now", json!("2011-12-01T00:00:00Z"));
    let every_day = json!([["22:00", "02:00"], ["00:00", "00:00"], ["23:59", "24:00"]]);
    set(&mut apia, "/members/0/timezone", json!("Pacific/Apia"));
    set(
        &mut apia,
        "/members/0/weekly",
        json!({ "mon": every_day, "tue": every_day, "wed": every_day,
        "thu": every_day, "fri": every_day, "sat": every_day, "sun": every_day }),
    );
    set(
        &mut apia,
        "/members/0/overrides",
        json!({ "2011-12-30": [["09:00", "10:00"]] }),
    );
    survives(&apia, "Apia every day");
}

#[test]
fn deep_nesting_never_panics() {
    // As text: far past serde_json's recursion limit.
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = bookable::slots_from_json(&text, 0).unwrap_err();
    assert_eq!(err.code.as_str(), "invalid_json");
    let text = format!(
        "{{\"now\": {}{}}}",
        "{\"a\":".repeat(50_000),
        "}".repeat(50_001)
    );
    assert!(bookable::slots_from_json(&text, 0).is_err());
    // As a value: 1,000 levels in an unknown field and in a known one. A value is read as
    // its text is, so past 128 levels it is invalid_json, wherever it stands.
    let mut deep = json!(1);
    for _ in 0..1_000 {
        deep = json!([deep]);
    }
    expect_err(&with(&base(), "/extra", deep.clone()), "invalid_json", "");
    assert!(!survives(
        &with(&base(), "/members/0/weekly/mon", deep.clone()),
        "deep weekly"
    ));
    assert!(!survives(&with(&base(), "/event", deep), "deep event"));
}

#[test]
fn empty_objects_are_missing_fields() {
    let (c, p) = slots_err(&json!({}));
    assert_eq!(c, "missing_field");
    assert!(
        ["range", "timezone", "event", "members"].contains(&p.as_str()),
        "path {p}"
    );
    let (c, p) = status_err(&json!({}));
    assert_eq!((c.as_str(), p.as_str()), ("missing_field", "member"));
    expect_err(
        &with(&base(), "/event", json!({})),
        "missing_field",
        "event.duration",
    );
    let (c, p) = slots_err(&with(&base(), "/range", json!({})));
    assert_eq!(c, "missing_field");
    assert!(p == "range.start" || p == "range.end", "path {p}");
    let (c, p) = slots_err(&with(&base(), "/members/0", json!({})));
    assert_eq!(c, "missing_field");
    assert!(
        p == "members[0].id" || p == "members[0].timezone",
        "path {p}"
    );
    // Empty weekly, overrides and lists are fine: no hours.
    let mut ok = base();
    set(&mut ok, "/members/0/weekly", json!({}));
    set(&mut ok, "/members/0/overrides", json!({}));
    set(&mut ok, "/members/0/busy", json!([]));
    set(&mut ok, "/members/0/weekly/sun", json!([]));
    assert!(starts(&slots(&ok)).is_empty());
}

// ----------------------------------------------------------------------------- the CLI

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn run_cli(args: &[&str], stdin: &str) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bookable"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the bookable binary runs");
    // The CLI may not read stdin (a file argument, --version): ignore a closed pipe.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().expect("exited, not killed"),
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
    )
}

#[test]
fn cli_error_fixtures_exit_2_with_the_error_object() {
    let path = fixtures_dir().join("errors.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).unwrap();
        let name = case["name"].as_str().unwrap_or("?");
        let kind = case["kind"].as_str().unwrap_or("slots");
        let input = match &case["request"] {
            Value::String(raw) => raw.clone(),
            other => other.to_string(),
        };
        let (code, stdout) = run_cli(&[kind], &input);
        assert_eq!(code, 2, "{name}: exit code, stdout {stdout}");
        let out: Value = serde_json::from_str(stdout.trim())
            .unwrap_or_else(|e| panic!("{name}: stdout is not one JSON value ({e}): {stdout}"));
        let err = &out["error"];
        let codes: Vec<&str> = match &case["code"] {
            Value::Array(a) => a.iter().map(|c| c.as_str().unwrap()).collect(),
            c => vec![c.as_str().unwrap()],
        };
        assert!(
            codes.contains(&err["code"].as_str().unwrap_or("")),
            "{name}: {out}"
        );
        assert_eq!(err["path"], case["path"], "{name}: {out}");
        assert!(
            err["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{name}: {out}"
        );
        n += 1;
    }
    assert_eq!(n, 8, "the eight public bad requests");
}

#[test]
fn cli_reads_a_file_argument_and_errors_the_same_way() {
    let dir = std::env::temp_dir().join(format!("bookable-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, with(&base(), "/event/step", json!(0)).to_string()).unwrap();
    let (code, stdout) = run_cli(&["slots", bad.to_str().unwrap()], "");
    assert_eq!(code, 2);
    let out: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(out["error"]["code"], "invalid_value");
    assert_eq!(out["error"]["path"], "event.step");

    let good = dir.join("good.json");
    std::fs::write(&good, base().to_string()).unwrap();
    let (code, stdout) = run_cli(&["slots", good.to_str().unwrap()], "");
    assert_eq!(code, 0, "{stdout}");
    let out: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(starts(&out), every("2026-11-23T08:00:00Z", 30, 16));

    let (code, stdout) = run_cli(&["status"], &status_base().to_string());
    assert_eq!(code, 0, "{stdout}");
    let out: Value = serde_json::from_str(stdout.trim()).unwrap();
    // Manual away since 09:00Z (10:00 CET), no boundary until 16:00Z.
    assert_eq!(out["status"], "away");
    assert_eq!(out["source"], "manual");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_version_prints_crate_and_tzdata_versions() {
    let (code, stdout) = run_cli(&["--version"], "");
    assert_eq!(code, 0);
    assert!(stdout.contains(env!("CARGO_PKG_VERSION")), "{stdout}");
    assert!(stdout.contains(bookable::TZDATA_VERSION), "{stdout}");
    assert_eq!(bookable::VERSION, env!("CARGO_PKG_VERSION"));
    // tzdata versions look like 2025b.
    let v = bookable::TZDATA_VERSION;
    assert!(
        v.len() == 5
            && v[..4].chars().all(|c| c.is_ascii_digit())
            && v[4..].chars().all(|c| c.is_ascii_lowercase()),
        "{v}"
    );
}

#[test]
fn instant_years_1900_to_2200_are_inclusive() {
    // The documented reading of "years 1900..2200": both ends included, judged in UTC.
    let b = base();
    assert_eq!(
        starts(&slots(&with(&b, "/now", json!("1900-01-01T00:00:00Z")))).len(),
        16
    );
    assert!(starts(&slots(&with(&b, "/now", json!("2200-12-31T23:59:59Z")))).is_empty());
    // 1900-01-01T00:30+01:00 is 1899-12-31T23:30Z.
    expect_err(
        &with(&b, "/now", json!("1900-01-01T00:30:00+01:00")),
        "invalid_instant",
        "now",
    );
}
