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
               "until": "2026-01-05T11:00:00Z", "eligible": false})
    );
    let r = status_response(&json!({"now": "2026-01-05T11:30:00Z", "member": member}), 0);
    assert_eq!(
        r,
        json!({"status": "away", "source": "schedule", "reason": "outsideWorkingHours",
               "until": "2026-01-05T12:00:00Z", "eligible": false})
    );
    let r = status_response(&json!({"now": "2026-01-05T12:00:00Z", "member": member}), 0);
    assert_eq!(
        r,
        json!({"status": "available", "source": "schedule", "reason": null,
               "until": "2026-01-05T16:00:00Z", "eligible": true})
    );
    // no hours at all: away with no change coming
    let r = status_response(
        &json!({"now": "2026-01-05T12:00:00Z", "member": {"id": "m", "timezone": "UTC"}}),
        0,
    );
    assert_eq!(r["until"], Value::Null);
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
