//! Checks of the naive checker itself, with expectations computed by hand (and against the
//! public fixtures in `tests/fixtures`), so that a wrong checker fails on its own rather than
//! blaming the engine.

use super::*;
use serde_json::json;
use std::path::PathBuf;

fn t(s: &str) -> i64 {
    parse_instant(&json!(s))
}

fn local(d: &str, hm: &str) -> NaiveDateTime {
    parse_date(d).and_hms_opt(0, 0, 0).unwrap() + Duration::minutes(parse_hm(hm))
}

fn res(z: &str, d: &str, hm: &str) -> String {
    fmt_instant(resolve(zone(z), local(d, hm)))
}

#[test]
fn compatible_rule_moves_a_skipped_time_forward_by_the_gap() {
    // Paris 2026-03-29: 02:00 CET jumps to 03:00 CEST; 02:30 → 03:30 CEST = 01:30Z
    assert_eq!(
        res("Europe/Paris", "2026-03-29", "02:30"),
        "2026-03-29T01:30:00Z"
    );
    assert_eq!(
        res("Europe/Paris", "2026-03-29", "02:00"),
        "2026-03-29T01:00:00Z"
    );
    assert_eq!(
        res("Europe/Paris", "2026-03-29", "03:00"),
        "2026-03-29T01:00:00Z"
    );
    assert_eq!(
        res("Europe/Paris", "2026-03-29", "01:59"),
        "2026-03-29T00:59:00Z"
    );
    // Lord Howe 2026-10-04: 02:00 (+10:30) jumps to 02:30 (+11); 02:15 → 02:45 (+11) = 15:45Z
    assert_eq!(
        res("Australia/Lord_Howe", "2026-10-04", "02:15"),
        "2026-10-03T15:45:00Z"
    );
    // Santiago 2026-09-06: midnight (-04) jumps to 01:00 (-03); 00:00 → 01:00 (-03) = 04:00Z
    assert_eq!(
        res("America/Santiago", "2026-09-06", "00:00"),
        "2026-09-06T04:00:00Z"
    );
    assert_eq!(
        res("America/Santiago", "2026-09-06", "00:30"),
        "2026-09-06T04:30:00Z"
    );
    // Havana 2026-03-08: midnight (-05) jumps to 01:00 (-04); 00:30 → 01:30 (-04) = 05:30Z
    assert_eq!(
        res("America/Havana", "2026-03-08", "00:30"),
        "2026-03-08T05:30:00Z"
    );
    // Apia skipped 2011-12-30 entirely (-10 → +14): 10:00 → 2011-12-31 10:00 (+14)
    assert_eq!(
        res("Pacific/Apia", "2011-12-30", "10:00"),
        "2011-12-30T20:00:00Z"
    );
    assert_eq!(
        res("Pacific/Apia", "2011-12-30", "00:00"),
        "2011-12-30T10:00:00Z"
    );
    assert_eq!(
        res("Pacific/Apia", "2011-12-31", "00:00"),
        "2011-12-30T10:00:00Z"
    );
}

#[test]
fn compatible_rule_takes_the_earlier_of_a_repeated_time() {
    // New York 2026-11-01: 01:30 happens at 05:30Z (EDT) and 06:30Z (EST)
    assert_eq!(
        res("America/New_York", "2026-11-01", "01:30"),
        "2026-11-01T05:30:00Z"
    );
    assert_eq!(
        res("US/Eastern", "2026-11-01", "01:00"),
        "2026-11-01T05:00:00Z"
    );
    assert_eq!(
        res("America/New_York", "2026-11-01", "02:00"),
        "2026-11-01T07:00:00Z"
    );
    // Lord Howe 2026-04-05: 02:00 (+11) back to 01:30 (+10:30); 01:45 first at 14:45Z
    assert_eq!(
        res("Australia/Lord_Howe", "2026-04-05", "01:45"),
        "2026-04-04T14:45:00Z"
    );
    // Santiago 2026-04-05: midnight (-03) back to 23:00 (-04) on the 4th; 23:30 → 02:30Z
    assert_eq!(
        res("America/Santiago", "2026-04-04", "23:30"),
        "2026-04-05T02:30:00Z"
    );
}

#[test]
fn fixed_odd_offsets() {
    assert_eq!(
        res("Asia/Kolkata", "2026-01-05", "09:00"),
        "2026-01-05T03:30:00Z"
    );
    assert_eq!(
        res("Asia/Calcutta", "2026-01-05", "09:00"),
        "2026-01-05T03:30:00Z"
    );
    assert_eq!(
        res("Asia/Kathmandu", "2026-01-05", "09:00"),
        "2026-01-05T03:15:00Z"
    );
    // Chatham: +13:45 in January (DST), +12:45 in July
    assert_eq!(
        res("Pacific/Chatham", "2026-01-05", "09:00"),
        "2026-01-04T19:15:00Z"
    );
    assert_eq!(
        res("Pacific/Chatham", "2026-07-06", "09:00"),
        "2026-07-05T20:15:00Z"
    );
    assert_eq!(
        res("America/St_Johns", "2026-01-05", "09:00"),
        "2026-01-05T12:30:00Z"
    );
}

#[test]
fn interval_sets_join_touching_and_cut_holes() {
    assert_eq!(union(vec![(12, 17), (9, 12), (20, 20)]), vec![(9, 17)]);
    assert_eq!(union(vec![(1, 5), (2, 3), (6, 7)]), vec![(1, 5), (6, 7)]);
    assert_eq!(subtract(&[(9, 17)], &[(11, 12)]), vec![(9, 11), (12, 17)]);
    assert_eq!(subtract(&[(9, 17)], &[(5, 20)]), vec![]);
    assert!(inside_one_stretch(&[(9, 17)], 11, 17));
    assert!(!inside_one_stretch(&[(9, 11), (12, 17)], 10, 13));
}

fn one_member(tz: &str, weekly: Value, extra: Value) -> Value {
    let mut m = json!({"id": "a", "timezone": tz, "weekly": weekly});
    for (k, v) in extra.as_object().unwrap() {
        m[k] = v.clone();
    }
    m
}

fn starts(resp: &Value) -> Vec<String> {
    resp["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn touching_hours_hold_a_meeting_across_them() {
    // Monday 22:00–24:00 and Tuesday 00:00–02:00 hold 23:30–00:30; 09–12 + 12–17 hold 11:30–12:30
    let req = json!({
        "now": "2026-01-01T00:00:00Z",
        "range": {"start": "2026-01-05T00:00:00Z", "end": "2026-01-07T00:00:00Z"},
        "timezone": "UTC",
        "event": {"duration": 60, "step": 30},
        "members": [one_member("UTC", json!({
            "mon": [["09:00", "12:00"], ["12:00", "17:00"], ["22:00", "24:00"]],
            "tue": [["00:00", "02:00"]]
        }), json!({}))]
    });
    let r = slots_response(&req, 0);
    let s = starts(&r);
    assert!(s.contains(&"2026-01-05T11:30:00Z".to_string()));
    assert!(s.contains(&"2026-01-05T23:30:00Z".to_string()));
    assert!(s.contains(&"2026-01-06T01:00:00Z".to_string()));
    assert!(!s.contains(&"2026-01-06T01:30:00Z".to_string()));
    assert_eq!(s.len(), 15 + 7); // 09:00..16:00 by 30 = 15; 22:00..01:00 by 30 = 7
    assert_eq!(
        r["days"],
        json!([
            {"date": "2026-01-05", "count": 19, "first": "2026-01-05T09:00:00Z"},
            {"date": "2026-01-06", "count": 3, "first": "2026-01-06T00:00:00Z"}
        ])
    );
}

#[test]
fn paris_spring_forward_day_has_no_skipped_starts() {
    // Sunday 01:00–05:00 Paris on 2026-03-29 is 00:00Z–03:00Z (3 real hours)
    let req = json!({
        "now": "2026-03-01T00:00:00Z",
        "range": {"start": "2026-03-28T12:00:00Z", "end": "2026-03-30T00:00:00Z"},
        "timezone": "Europe/Paris",
        "event": {"duration": 60, "step": 30},
        "members": [one_member("Europe/Paris", json!({"sun": [["01:00", "05:00"]]}), json!({}))]
    });
    let r = slots_response(&req, 0);
    assert_eq!(
        starts(&r),
        [
            "2026-03-29T00:00:00Z", // 01:00 CET
            "2026-03-29T00:30:00Z", // 01:30 CET
            "2026-03-29T01:00:00Z", // 03:00 CEST (02:00 and 02:30 do not exist)
            "2026-03-29T01:30:00Z",
            "2026-03-29T02:00:00Z", // 04:00 CEST, ends 05:00 CEST
        ]
    );
    // a 02:30 start in the weekly hours means 03:30 CEST: 02:30–04:00 is 30 real minutes
    let mut req2 = req.clone();
    req2["members"][0]["weekly"] = json!({"sun": [["02:30", "04:00"]]});
    assert_eq!(starts(&slots_response(&req2, 0)), Vec::<String>::new());
    req2["event"]["duration"] = json!(30);
    assert_eq!(starts(&slots_response(&req2, 0)), ["2026-03-29T01:30:00Z"]);
}

#[test]
fn new_york_fall_back_offers_both_repeated_half_hours() {
    let req = json!({
        "now": "2026-10-01T00:00:00Z",
        "range": {"start": "2026-11-01T00:00:00Z", "end": "2026-11-02T00:00:00Z"},
        "timezone": "America/New_York",
        "viewerTimezone": "Asia/Kolkata",
        "event": {"duration": 30, "step": 30},
        "members": [one_member("America/New_York", json!({"sun": [["00:00", "03:00"]]}), json!({}))]
    });
    let r = slots_response(&req, 0);
    assert_eq!(
        starts(&r),
        [
            "2026-11-01T04:00:00Z",
            "2026-11-01T04:30:00Z",
            "2026-11-01T05:00:00Z", // 01:00 EDT
            "2026-11-01T05:30:00Z", // 01:30 EDT
            "2026-11-01T06:00:00Z", // 01:00 EST
            "2026-11-01T06:30:00Z", // 01:30 EST
            "2026-11-01T07:00:00Z",
            "2026-11-01T07:30:00Z",
        ]
    );
    assert_eq!(r["timezone"], "Asia/Kolkata");
    // 04:00Z is 09:30 in Kolkata, all on 2026-11-01
    assert_eq!(
        r["days"],
        json!([{"date": "2026-11-01", "count": 8, "first": "2026-11-01T04:00:00Z"}])
    );
}

#[test]
fn round_robin_order_hosts_and_explanation() {
    let all_day = json!({"mon": [["00:00", "00:00"]]});
    let req = json!({
        "now": "2026-01-01T00:00:00Z",
        "range": {"start": "2026-01-05T10:00:00Z", "end": "2026-01-05T10:30:00Z"},
        "timezone": "UTC",
        "event": {"duration": 30, "bufferAfter": 15, "maxPerDay": 1},
        "team": {"mode": "roundRobin", "minAvailable": 2, "assignment": "balanced"},
        "members": [
            {"id": "req", "timezone": "UTC", "weekly": all_day, "required": true},
            {"id": "b", "timezone": "UTC", "weekly": all_day, "weight": 2,
             "bookings": [{"start": "2026-01-04T10:00:00Z", "end": "2026-01-04T10:30:00Z"}]},
            {"id": "a", "timezone": "UTC", "weekly": all_day,
             "bookings": [{"start": "2026-01-04T12:00:00Z", "end": "2026-01-04T12:30:00Z"}]},
            {"id": "B", "timezone": "UTC", "weekly": all_day, "lastBookedAt": "2026-01-01T00:00:00Z"},
            {"id": "c", "timezone": "UTC", "weekly": all_day,
             "busy": [{"start": "2026-01-05T10:40:00Z", "end": "2026-01-05T11:00:00Z"}]},
            {"id": "d", "timezone": "Pacific/Chatham",
             "weekly": {"mon": [["00:00", "00:00"]], "tue": [["00:00", "00:00"]]},
             "bookings": [{"start": "2026-01-05T20:00:00Z", "end": "2026-01-05T20:30:00Z"}]},
        ],
        "explain": "2026-01-05T10:00:00Z"
    });
    let r = slots_response(&req, 0);
    // balanced: B 0/1, b 1/2, then a 1/1 and d 1/1 tie (no lastBookedAt) → id order a, d.
    // c is in its buffer. d's booking is on its Chatham date 2026-01-06 (20:00Z = 09:45) while
    // the slot starts on the 5th (10:00Z = 23:45), so maxPerDay 1 does not stop d.
    assert_eq!(
        r["slots"],
        json!([{"start": "2026-01-05T10:00:00Z", "end": "2026-01-05T10:30:00Z",
                "hosts": ["req", "B", "b"], "candidates": ["B", "b", "a", "d"]}])
    );
    let mut req3 = req.clone();
    req3["team"]["assignment"] = json!("priority");
    req3["members"][3]["priority"] = json!(-1);
    req3["members"][5]["priority"] = json!(2);
    let r3 = slots_response(&req3, 0);
    // priority: d (2), then a, b (0, no lastBookedAt, id order), then B (-1)
    assert_eq!(r3["slots"][0]["candidates"], json!(["d", "a", "b", "B"]));
    let x = &r["explanation"];
    assert_eq!(x["offered"], true);
    // ▸ 1.1: an offered explanation names hosts and candidates exactly as the slot does
    assert_eq!(x["hosts"], json!(["req", "B", "b"]));
    assert_eq!(x["candidates"], json!(["B", "b", "a", "d"]));
    assert_eq!(
        x["members"][4],
        json!({"id": "c", "free": false, "reasons": ["buffer"]})
    );
    let mut req2 = req.clone();
    req2["team"]["assignment"] = json!("leastRecentlyBooked");
    let r2 = slots_response(&req2, 0);
    // missing lastBookedAt sorts first, ties by id bytes: "B" < "a" < "b" < "d"
    assert_eq!(r2["slots"][0]["candidates"], json!(["a", "b", "d", "B"]));
}

#[test]
fn explanation_names_every_failing_rule() {
    let req = json!({
        "now": "2026-01-05T09:00:00Z",
        "range": {"start": "2026-01-05T00:00:00Z", "end": "2026-01-06T00:00:00Z"},
        "timezone": "UTC",
        "event": {"duration": 30, "step": 15, "minNotice": 120, "maxDaysAhead": 0,
                  "dateRange": {"from": "2026-01-06", "to": "2026-01-07"},
                  "hours": {"mon": [["12:00", "13:00"]]}},
        "members": [
            {"id": "x", "timezone": "UTC", "weekly": {"mon": [["09:00", "10:00"]]},
             "timeOff": [{"start": "2026-01-06T10:00:00Z", "end": "2026-01-06T10:10:00Z"}],
             "busy": [{"start": "2026-01-06T10:20:00Z", "end": "2026-01-06T10:30:00Z"}]}
        ],
        "explain": "2026-01-06T10:07:30Z"
    });
    let r = normalise(&slots_response(&req, 0));
    assert_eq!(r["slots"], json!([]));
    assert_eq!(
        r["explanation"],
        normalise(&json!({
            "start": "2026-01-06T10:07:30Z", "offered": false,
            "reasons": ["offGrid", "outsideRange", "beyondMaxDaysAhead", "outsidePageHours", "team"],
            "members": [{"id": "x", "free": false, "reasons": ["timeOff", "busy"]}]
        }))
    );
}

#[test]
fn status_manual_holds_until_the_next_boundary() {
    let member = json!({"id": "m", "timezone": "Europe/Paris",
        "weekly": {"mon": [["09:00", "12:00"], ["13:00", "17:00"]]},
        "manual": {"status": "away", "since": "2026-01-05T09:30:00Z", "reason": "lunch"},
        "capacity": {"max": 2, "assigned": 1}});
    // 10:30 Paris = 09:30Z .. 11:00Z boundary (12:00 Paris)
    let r = status_response(&json!({"now": "2026-01-05T10:00:00Z", "member": member}), 0);
    assert_eq!(
        r,
        json!({"status": "away", "source": "manual", "reason": "lunch",
               "until": "2026-01-05T11:00:00Z", "eligible": false,
               // Paris (+01) Monday 09–12 and 13–17
               "hoursToday": [{"start": "2026-01-05T08:00:00Z", "end": "2026-01-05T11:00:00Z"},
                              {"start": "2026-01-05T12:00:00Z", "end": "2026-01-05T16:00:00Z"}]})
    );
    let r = status_response(&json!({"now": "2026-01-05T11:30:00Z", "member": member}), 0);
    assert_eq!(
        r,
        json!({"status": "away", "source": "schedule", "reason": "outsideWorkingHours",
               "until": "2026-01-05T12:00:00Z", "eligible": false, "hoursToday": r["hoursToday"]})
    );
    let r = status_response(&json!({"now": "2026-01-05T12:00:00Z", "member": member}), 0);
    assert_eq!(
        r,
        json!({"status": "available", "source": "schedule", "reason": null,
               "until": "2026-01-05T16:00:00Z", "eligible": true, "hoursToday": r["hoursToday"]})
    );
    // no hours at all: away with no change coming
    let r = status_response(
        &json!({"now": "2026-01-05T12:00:00Z", "member": {"id": "m", "timezone": "UTC"}}),
        0,
    );
    assert_eq!(r["until"], Value::Null);
    assert_eq!(r["hoursToday"], json!([]));
}

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn check_fixture_dir(kind: &str, f: fn(&Value, i64) -> Value) {
    let dir = fixtures_dir().join(kind);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for p in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        let expected = normalise(&case["response"]);
        let got = normalise(&f(&case["request"], 0));
        let got = project(&got, &expected);
        if got != expected {
            failures.push(format!(
                "{}:\n{}",
                p.display(),
                describe_diff(&expected, &got)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "naive checker disagrees with fixtures:\n{}",
        failures.join("\n")
    );
}

#[test]
fn naive_checker_agrees_with_every_shared_slots_fixture() {
    check_fixture_dir("slots", slots_response);
}

#[test]
fn naive_checker_agrees_with_every_shared_status_fixture() {
    check_fixture_dir("status", status_response);
}

#[test]
fn naive_checker_agrees_with_every_spec_1_1_slots_fixture() {
    check_fixture_dir("spec-1.1/slots", slots_response);
}

#[test]
fn naive_checker_agrees_with_every_spec_1_1_status_fixture() {
    check_fixture_dir("spec-1.1/status", status_response);
}

#[test]
fn apia_skipped_friday_has_no_hours_but_thursday_night_runs_into_saturday() {
    assert!(!date_exists(zone("Pacific/Apia"), parse_date("2011-12-30")));
    assert!(date_exists(zone("Pacific/Apia"), parse_date("2011-12-31")));
    assert!(date_exists(
        zone("America/Santiago"),
        parse_date("2026-09-06")
    ));
    // Friday 2011-12-30 never happened in Apia: its weekly hours give nothing. Thursday
    // 22:00–02:00 ends at (Fri 02:00), moved forward by the 24-hour gap to Sat 02:00 (+14).
    let req = json!({
        "now": "2011-12-01T00:00:00Z",
        "range": {"start": "2011-12-29T00:00:00Z", "end": "2011-12-31T12:00:00Z"},
        "timezone": "Pacific/Apia",
        "event": {"duration": 60, "step": 60},
        "members": [one_member("Pacific/Apia",
            json!({"thu": [["22:00", "02:00"]], "fri": [["13:00", "15:00"]]}), json!({}))]
    });
    assert_eq!(
        starts(&slots_response(&req, 0)),
        [
            "2011-12-30T08:00:00Z", // Thu 22:00 (-10)
            "2011-12-30T09:00:00Z",
            "2011-12-30T10:00:00Z", // Sat 00:00 (+14)
            "2011-12-30T11:00:00Z",
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// SPEC 1.1, hand-computed

fn explain_of(req: &Value) -> Value {
    normalise(&slots_response(req, 0))["explanation"].clone()
}

#[test]
fn busy_items_and_bookings_carry_their_own_buffers() {
    // Monday 2026-01-05, UTC, 09–17; 30-minute meetings every 30 minutes, bufferAfter 10.
    //  busy    10:00–10:30, no own buffers:          09:30 ends 10:00 + 10 > 10:00 → buffer
    //  booking 12:00–12:30, the event's (0, 10):     widened to 12:40: 11:30 and 12:30 buffer
    //  busy    15:00–15:30, own bufferBefore 60:     widened from 14:00: 13:30, 14:00, 14:30
    //  booking 16:00–16:30, own bufferAfter 0:       widened to 16:30 only: 16:30 is free
    let req = json!({
        "now": "2026-01-01T00:00:00Z",
        "range": {"start": "2026-01-05T00:00:00Z", "end": "2026-01-06T00:00:00Z"},
        "timezone": "UTC",
        "event": {"duration": 30, "bufferAfter": 10},
        "members": [one_member("UTC", json!({"mon": [["09:00", "17:00"]]}), json!({
            "busy": [
                {"start": "2026-01-05T10:00:00Z", "end": "2026-01-05T10:30:00Z"},
                {"start": "2026-01-05T15:00:00Z", "end": "2026-01-05T15:30:00Z", "bufferBefore": 60}
            ],
            "bookings": [
                {"start": "2026-01-05T12:00:00Z", "end": "2026-01-05T12:30:00Z"},
                {"start": "2026-01-05T16:00:00Z", "end": "2026-01-05T16:30:00Z", "bufferAfter": 0}
            ]
        }))]
    });
    assert_eq!(
        starts(&slots_response(&req, 0)),
        [
            "2026-01-05T09:00:00Z",
            "2026-01-05T10:30:00Z",
            "2026-01-05T11:00:00Z",
            "2026-01-05T13:00:00Z",
            "2026-01-05T16:30:00Z",
        ]
    );
    let why = |at: &str| {
        let mut r = req.clone();
        r["explain"] = json!(at);
        explain_of(&r)["members"][0]["reasons"].clone()
    };
    assert_eq!(why("2026-01-05T12:30:00Z"), json!(["buffer"])); // the booking's own 10 after
    assert_eq!(why("2026-01-05T12:00:00Z"), json!(["busy"]));
    assert_eq!(why("2026-01-05T14:00:00Z"), json!(["buffer"])); // the busy's own 60 before
    assert_eq!(why("2026-01-05T15:30:00Z"), json!(["buffer"])); // the booking's 16:00 + ours 10
    assert_eq!(why("2026-01-05T16:30:00Z"), json!([]));
    // without the event's bufferAfter, bookings default to 0 and only the busy's 60 remain
    let mut r = req.clone();
    r["event"] = json!({"duration": 30});
    assert_eq!(
        starts(&slots_response(&r, 0)),
        [
            "2026-01-05T09:00:00Z",
            "2026-01-05T09:30:00Z",
            "2026-01-05T10:30:00Z",
            "2026-01-05T11:00:00Z",
            "2026-01-05T11:30:00Z",
            "2026-01-05T12:30:00Z",
            "2026-01-05T13:00:00Z",
            "2026-01-05T13:30:00Z",
            "2026-01-05T15:30:00Z",
            "2026-01-05T16:30:00Z",
        ]
    );
}

#[test]
fn min_days_ahead_counts_page_zone_dates() {
    // now 2026-01-05T20:00Z is already Tuesday 01:30 on 2026-01-06 in Kolkata (+05:30); the
    // member works 09:00–10:00 Kolkata (03:30Z) every day.
    let every_day = json!({"mon": [["09:00", "10:00"]], "tue": [["09:00", "10:00"]],
        "wed": [["09:00", "10:00"]], "thu": [["09:00", "10:00"]]});
    let req = json!({
        "now": "2026-01-05T20:00:00Z",
        "range": {"start": "2026-01-05T00:00:00Z", "end": "2026-01-09T00:00:00Z"},
        "timezone": "Asia/Kolkata",
        "event": {"duration": 60, "minDaysAhead": 1, "maxDaysAhead": 2},
        "members": [one_member("Asia/Kolkata", every_day, json!({}))],
        "explain": "2026-01-06T03:30:00Z"
    });
    let r = normalise(&slots_response(&req, 0));
    assert_eq!(starts(&r), ["2026-01-07T03:30:00Z", "2026-01-08T03:30:00Z"]);
    assert_eq!(
        r["explanation"],
        json!({"start": "2026-01-06T03:30:00Z", "offered": false, "reasons": ["minDaysAhead"],
               "members": [{"id": "a", "free": true, "reasons": []}]})
    );
    // with the default 0, a start on an earlier date than now's still names minDaysAhead
    let mut r0 = req.clone();
    r0["event"] = json!({"duration": 60});
    r0["explain"] = json!("2026-01-05T03:30:00Z");
    assert_eq!(
        explain_of(&r0)["reasons"],
        json!(["minDaysAhead", "minNotice"]) // sorted by normalise
    );
    // and a start later on now's own date does not
    r0["explain"] = json!("2026-01-06T03:30:00Z");
    assert_eq!(
        explain_of(&r0),
        json!({"start": "2026-01-06T03:30:00Z", "offered": true, "reasons": [],
               "members": [{"id": "a", "free": true, "reasons": []}], "hosts": ["a"]})
    );
}

#[test]
fn weekly_and_monthly_limits_count_member_zone_weeks_and_months() {
    // New York (-05). Bookings start (local): Wed 12-31 21:00 (already January in UTC),
    // Thu 01-01 00:30, Sun 01-04 21:00 (already Monday 01-05 in UTC), Tue 01-06 10:00.
    // Week of Mon 12-29: 12-31, 01-01, 01-04 (3). Week of Mon 01-05: 01-06 (1).
    // January: 01-01, 01-04, 01-06 (3). Meetings 09:00–10:00 local (14:00Z).
    let bookings = json!([
        {"start": "2026-01-01T02:00:00Z", "end": "2026-01-01T02:30:00Z"},
        {"start": "2026-01-01T05:30:00Z", "end": "2026-01-01T06:00:00Z"},
        {"start": "2026-01-05T02:00:00Z", "end": "2026-01-05T02:30:00Z"},
        {"start": "2026-01-06T15:00:00Z", "end": "2026-01-06T15:30:00Z"}
    ]);
    let hours = json!({"mon": [["09:00", "10:00"]], "tue": [["09:00", "10:00"]],
        "wed": [["09:00", "10:00"]], "sun": [["09:00", "10:00"]]});
    let ny = |id: &str, limits: Option<Value>| {
        let mut m = json!({"id": id, "timezone": "America/New_York", "weekly": hours,
                           "bookings": bookings});
        if let Some(l) = limits {
            m["limits"] = l;
        }
        m
    };
    let req = json!({
        "now": "2026-01-01T00:00:00Z",
        "range": {"start": "2026-01-04T00:00:00Z", "end": "2026-01-08T00:00:00Z"},
        "timezone": "America/New_York",
        "event": {"duration": 60, "maxPerWeek": 2, "maxPerMonth": 3},
        "members": [
            ny("plain", None),
            ny("roomy", Some(json!({"maxPerMonth": 4}))), // replaces the month limit only
            ny("none", Some(json!({"maxPerDay": 0}))),    // adds a day limit, keeps the others
        ],
        "explain": "2026-01-07T14:00:00Z"
    });
    let members = |x: &Value| -> Vec<Value> {
        x["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["reasons"].clone())
            .collect()
    };
    let x = explain_of(&req); // Wednesday 01-07: week 1, January 3
    assert_eq!(x["reasons"], json!(["team"]));
    assert_eq!(
        members(&x),
        [
            json!(["maxPerMonth"]),
            json!([]),
            json!(["maxPerDay", "maxPerMonth"])
        ]
    );
    let mut r = req.clone();
    r["explain"] = json!("2026-01-04T14:00:00Z"); // Sunday 01-04: week of 12-29 has 3
    assert_eq!(
        members(&explain_of(&r)),
        [
            json!(["maxPerMonth", "maxPerWeek"]), // (sorted by normalise)
            json!(["maxPerWeek"]),
            json!(["maxPerDay", "maxPerMonth", "maxPerWeek"])
        ]
    );
    // "roomy" alone: free from Monday 01-05 on (its week has one booking, January 3 < 4)
    let mut one = req.clone();
    one["members"] = json!([ny("roomy", Some(json!({"maxPerMonth": 4})))]);
    assert_eq!(
        starts(&slots_response(&one, 0)),
        [
            "2026-01-05T14:00:00Z",
            "2026-01-06T14:00:00Z",
            "2026-01-07T14:00:00Z"
        ]
    );
    // a week limit of 0 stops everyone; a member's own 100000 replaces it
    one["event"]["maxPerWeek"] = json!(0);
    assert_eq!(starts(&slots_response(&one, 0)), Vec::<String>::new());
    one["members"][0]["limits"]["maxPerWeek"] = json!(100000);
    assert_eq!(
        starts(&slots_response(&one, 0)),
        [
            "2026-01-04T14:00:00Z", // its week of 12-29 (3 bookings) no longer stops it
            "2026-01-05T14:00:00Z",
            "2026-01-06T14:00:00Z",
            "2026-01-07T14:00:00Z"
        ]
    );
    assert_eq!(
        week_monday(parse_date("2026-01-04")),
        parse_date("2025-12-29")
    );
    assert_eq!(
        week_monday(parse_date("2026-01-05")),
        parse_date("2026-01-05")
    );
}

#[test]
fn offered_explanations_name_hosts_collective_too() {
    let req = json!({
        "now": "2026-01-01T00:00:00Z",
        "range": {"start": "2026-01-05T09:00:00Z", "end": "2026-01-05T10:00:00Z"},
        "timezone": "UTC",
        "event": {"duration": 30},
        "members": [
            one_member("UTC", json!({"mon": [["09:00", "10:00"]]}), json!({})),
            {"id": "z", "timezone": "UTC", "weekly": {"mon": [["09:00", "09:30"]]}}
        ],
        "explain": "2026-01-05T09:00:00Z"
    });
    let x = explain_of(&req);
    assert_eq!(x["hosts"], json!(["a", "z"]));
    assert!(x.get("candidates").is_none());
    let mut r = req.clone();
    r["explain"] = json!("2026-01-05T09:30:00Z"); // z has left: not offered, no hosts
    let x = explain_of(&r);
    assert_eq!(x["offered"], false);
    assert!(x.get("hosts").is_none());
    // roundRobin: z is the only candidate at 09:00 after a, by id
    r["team"] = json!({"mode": "roundRobin"});
    let x = explain_of(&r);
    assert_eq!(
        (x["hosts"].clone(), x["candidates"].clone()),
        (json!(["a"]), json!(["a"]))
    );
    r["explain"] = json!("2026-01-05T09:00:00Z");
    let x = explain_of(&r);
    assert_eq!(
        (x["hosts"].clone(), x["candidates"].clone()),
        (json!(["a"]), json!(["a", "z"]))
    );
}

#[test]
fn hours_today_cuts_working_time_to_the_member_date() {
    // Paris (+01): Mon 22:00–06:00, Tue 09:00–12:00 and 22:00–02:00, time off Tue 11:30–12:00.
    // Tuesday 2026-01-06 runs from 01-05T23:00Z to 01-06T23:00Z.
    let m = json!({"id": "n", "timezone": "Europe/Paris",
        "weekly": {"mon": [["22:00", "06:00"]], "tue": [["09:00", "12:00"], ["22:00", "02:00"]]},
        "timeOff": [{"start": "2026-01-06T10:30:00Z", "end": "2026-01-06T11:00:00Z"}]});
    let r = status_response(&json!({"now": "2026-01-06T10:00:00Z", "member": m}), 0);
    assert_eq!(
        r,
        json!({"status": "available", "source": "schedule", "reason": null,
               "until": "2026-01-06T10:30:00Z", "eligible": true,
               "hoursToday": [
                   {"start": "2026-01-05T23:00:00Z", "end": "2026-01-06T05:00:00Z"},
                   {"start": "2026-01-06T08:00:00Z", "end": "2026-01-06T10:30:00Z"},
                   {"start": "2026-01-06T21:00:00Z", "end": "2026-01-06T23:00:00Z"}]})
    );
    // Paris spring-forward Sunday 2026-03-29 has 23 hours: 03-28T23:00Z to 03-29T22:00Z,
    // cut out of a stretch that runs Saturday to Monday
    let all = json!([["00:00", "00:00"]]);
    let m = json!({"id": "n", "timezone": "Europe/Paris",
        "weekly": {"sat": all, "sun": all, "mon": all}});
    let r = status_response(&json!({"now": "2026-03-29T12:00:00Z", "member": m}), 0);
    assert_eq!(
        r["hoursToday"],
        json!([{"start": "2026-03-28T23:00:00Z", "end": "2026-03-29T22:00:00Z"}])
    );
    // Santiago 2026-09-06 has no midnight (00:00 -04 jumps to 01:00 -03): the day starts at
    // 01:00 -03 = 04:00Z and ends at Monday 00:00 -03 = 03:00Z
    let m = json!({"id": "n", "timezone": "America/Santiago",
        "weekly": {"sat": all, "sun": all, "mon": all}});
    let r = status_response(&json!({"now": "2026-09-06T12:00:00Z", "member": m}), 0);
    assert_eq!(
        r["hoursToday"],
        json!([{"start": "2026-09-06T04:00:00Z", "end": "2026-09-07T03:00:00Z"}])
    );
}

#[test]
fn team_status_picks_the_next_assignee_by_either_key() {
    // Monday 2026-01-05 10:00Z; everyone works 09–17 UTC unless said otherwise.
    let hours = json!({"mon": [["09:00", "17:00"]]});
    let mk = |id: &str, extra: Value| {
        let mut m = json!({"id": id, "timezone": "UTC", "weekly": hours});
        for (k, v) in extra.as_object().unwrap() {
            m[k] = v.clone();
        }
        m
    };
    let members = vec![
        mk(
            "b",
            json!({"capacity": {"max": 4, "assigned": 2}, "lastAssignedAt": "2026-01-05T09:00:00Z"}),
        ),
        mk(
            "a",
            json!({"capacity": {"max": 2, "assigned": 1}, "lastAssignedAt": "2026-01-05T09:00:00Z"}),
        ),
        mk("c", json!({"lastAssignedAt": "2026-01-05T09:30:00Z"})),
        mk("d", json!({"capacity": {"max": 3, "assigned": 3}})), // full
        mk(
            "e",
            json!({"manual": {"status": "away", "since": "2026-01-05T09:45:00Z"}}),
        ),
        json!({"id": "Z", "timezone": "UTC"}), // no hours
    ];
    let ask = |members: &[Value], assignment: Option<&str>| {
        let mut req = json!({"now": "2026-01-05T10:00:00Z", "members": members});
        if let Some(a) = assignment {
            req["assignment"] = json!(a);
        }
        status_response(&req, 0)
    };
    let r = ask(&members, None);
    let ids: Vec<&str> = r["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["b", "a", "c", "d", "e", "Z"]);
    let eligible: Vec<bool> = r["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["eligible"].as_bool().unwrap())
        .collect();
    assert_eq!(eligible, [true, true, true, false, false, false]);
    assert_eq!(r["members"][3]["status"], "available");
    assert_eq!(r["members"][4]["source"], "manual");
    assert_eq!(
        r["members"][0]["hoursToday"],
        json!([{"start": "2026-01-05T09:00:00Z", "end": "2026-01-05T17:00:00Z"}])
    );
    // roundRobin: a and b tie on 09:00, id order picks "a" (d, never assigned, is full)
    assert_eq!(r["next"], "a");
    assert_eq!(ask(&members, Some("roundRobin"))["next"], "a");
    // leastLoaded: c has no capacity (load 0)
    assert_eq!(ask(&members, Some("leastLoaded"))["next"], "c");
    // "A", never assigned, load 2/4: first by roundRobin; leastLoaded still c
    let mut more = members.clone();
    more.push(mk("A", json!({"capacity": {"max": 4, "assigned": 2}})));
    assert_eq!(ask(&more, None)["next"], "A");
    assert_eq!(ask(&more, Some("leastLoaded"))["next"], "c");
    // without c: A, a, b all load 1/2; A has no lastAssignedAt (earliest)
    more.remove(2);
    assert_eq!(ask(&more, Some("leastLoaded"))["next"], "A");
    // a lighter load beats an earlier lastAssignedAt: b 1/4 against A 2/4
    more[0]["capacity"] = json!({"max": 4, "assigned": 1});
    assert_eq!(ask(&more, Some("leastLoaded"))["next"], "b");
    // nobody eligible at night
    let mut req = json!({"now": "2026-01-05T20:00:00Z", "members": members});
    req["assignment"] = json!("leastLoaded");
    assert_eq!(status_response(&req, 0)["next"], Value::Null);
}
