//! Hand-written corner cases of availability status (SPEC §8). Expected values were worked out
//! by hand from the tz database (2025b); none was copied from the engine's output.

mod common;

use common::*;
use serde_json::{json, Value};

/// A member in Amsterdam working Mondays 09:00–17:00 (CET in November: 08:00Z–16:00Z).
fn bob() -> Value {
    json!({ "id": "bob", "timezone": "Europe/Amsterdam", "weekly": { "mon": [["09:00", "17:00"]] } })
}

fn ask(now: &str, member: Value) -> Value {
    status(&json!({ "now": now, "member": member }))
}

fn expect(
    status: &str,
    source: &str,
    reason: Option<&str>,
    until: Option<&str>,
    eligible: bool,
) -> Value {
    json!({ "status": status, "source": source, "reason": reason, "until": until, "eligible": eligible })
}

/// The §8 fields of a response (extra fields are allowed).
fn core(resp: &Value) -> Value {
    json!({
        "status": resp["status"], "source": resp["source"], "reason": resp["reason"],
        "until": resp["until"], "eligible": resp["eligible"],
    })
}

fn assert_status(resp: &Value, expected: Value) {
    for key in ["status", "source", "reason", "until", "eligible"] {
        assert!(
            resp.get(key).is_some(),
            "`{key}` must be present (null when empty): {resp}"
        );
    }
    assert_eq!(core(resp), expected);
}

fn with_manual(member: Value, manual: Value) -> Value {
    with(&member, "/manual", manual)
}

#[test]
fn scheduled_available_until_end_of_stretch() {
    assert_status(
        &ask("2026-11-23T10:00:00Z", bob()),
        expect(
            "available",
            "schedule",
            None,
            Some("2026-11-23T16:00:00Z"),
            true,
        ),
    );
}

#[test]
fn scheduled_away_outside_hours_until_next_monday() {
    assert_status(
        &ask("2026-11-23T17:00:00Z", bob()),
        expect(
            "away",
            "schedule",
            Some("outsideWorkingHours"),
            Some("2026-11-30T08:00:00Z"),
            false,
        ),
    );
    // Exactly at the end of the stretch: the stretch is half-open, so already away.
    assert_status(
        &ask("2026-11-23T16:00:00Z", bob()),
        expect(
            "away",
            "schedule",
            Some("outsideWorkingHours"),
            Some("2026-11-30T08:00:00Z"),
            false,
        ),
    );
    // Exactly at the start: available.
    assert_status(
        &ask("2026-11-23T08:00:00Z", bob()),
        expect(
            "available",
            "schedule",
            None,
            Some("2026-11-23T16:00:00Z"),
            true,
        ),
    );
}

#[test]
fn scheduled_away_time_off_reason_and_until_its_end() {
    let member = with(
        &bob(),
        "/timeOff",
        json!([{ "start": "2026-11-23T12:00:00Z", "end": "2026-11-23T13:00:00Z" }]),
    );
    assert_status(
        &ask("2026-11-23T12:30:00Z", member.clone()),
        expect(
            "away",
            "schedule",
            Some("timeOff"),
            Some("2026-11-23T13:00:00Z"),
            false,
        ),
    );
    // Before the time off the stretch ends at its start.
    assert_status(
        &ask("2026-11-23T11:00:00Z", member),
        expect(
            "available",
            "schedule",
            None,
            Some("2026-11-23T12:00:00Z"),
            true,
        ),
    );
}

#[test]
fn time_off_dates_outside_working_hours_still_say_time_off() {
    // Saturday 21st to Tuesday 24th off (Amsterdam dates). Sunday noon: not a working time, but
    // `now` lies in a time-off period. The next working start is Monday 30th 09:00 CET.
    let member = with(
        &bob(),
        "/timeOff",
        json!([{ "from": "2026-11-21", "to": "2026-11-24" }]),
    );
    assert_status(
        &ask("2026-11-22T12:00:00Z", member.clone()),
        expect(
            "away",
            "schedule",
            Some("timeOff"),
            Some("2026-11-30T08:00:00Z"),
            false,
        ),
    );
    // Monday 23rd, normally working.
    assert_status(
        &ask("2026-11-23T10:00:00Z", member.clone()),
        expect(
            "away",
            "schedule",
            Some("timeOff"),
            Some("2026-11-30T08:00:00Z"),
            false,
        ),
    );
    // Wednesday 25th: the time off is over (it ended Tuesday 24:00 Amsterdam = 23:00Z).
    assert_status(
        &ask("2026-11-25T10:00:00Z", member),
        expect(
            "away",
            "schedule",
            Some("outsideWorkingHours"),
            Some("2026-11-30T08:00:00Z"),
            false,
        ),
    );
}

#[test]
fn manual_away_before_next_boundary_holds() {
    let member = with_manual(
        bob(),
        json!({ "status": "away", "since": "2026-11-23T12:05:00Z", "reason": "lunch" }),
    );
    assert_status(
        &ask("2026-11-23T12:30:00Z", member),
        expect(
            "away",
            "manual",
            Some("lunch"),
            Some("2026-11-23T16:00:00Z"),
            false,
        ),
    );
}

#[test]
fn manual_away_after_next_boundary_schedule_wins() {
    // Away set at 07:00Z (08:00 CET, before work). The 08:00Z start of hours is an automatic
    // change after it, so at 10:00Z the schedule decides.
    let member = with_manual(
        bob(),
        json!({ "status": "away", "since": "2026-11-23T07:00:00Z", "reason": "early" }),
    );
    assert_status(
        &ask("2026-11-23T07:30:00Z", member.clone()),
        expect(
            "away",
            "manual",
            Some("early"),
            Some("2026-11-23T08:00:00Z"),
            false,
        ),
    );
    assert_status(
        &ask("2026-11-23T10:00:00Z", member),
        expect(
            "available",
            "schedule",
            None,
            Some("2026-11-23T16:00:00Z"),
            true,
        ),
    );
}

#[test]
fn manual_boundary_interval_is_since_exclusive_now_inclusive() {
    // A change exactly at `since` does not cancel the manual choice: (since, now].
    let at_start = with_manual(
        bob(),
        json!({ "status": "away", "since": "2026-11-23T08:00:00Z", "reason": "x" }),
    );
    assert_status(
        &ask("2026-11-23T10:00:00Z", at_start),
        expect(
            "away",
            "manual",
            Some("x"),
            Some("2026-11-23T16:00:00Z"),
            false,
        ),
    );
    // A change exactly at `now` does.
    let before = with_manual(
        bob(),
        json!({ "status": "away", "since": "2026-11-23T07:00:00Z", "reason": "x" }),
    );
    assert_status(
        &ask("2026-11-23T08:00:00Z", before),
        expect(
            "available",
            "schedule",
            None,
            Some("2026-11-23T16:00:00Z"),
            true,
        ),
    );
}

#[test]
fn manual_without_reason_is_null() {
    let member = with_manual(
        bob(),
        json!({ "status": "away", "since": "2026-11-23T12:05:00Z" }),
    );
    assert_status(
        &ask("2026-11-23T12:30:00Z", member),
        expect("away", "manual", None, Some("2026-11-23T16:00:00Z"), false),
    );
}

#[test]
fn manual_available_outside_hours_until_next_start() {
    let member = with_manual(
        bob(),
        json!({ "status": "available", "since": "2026-11-23T17:30:00Z", "reason": "on call" }),
    );
    assert_status(
        &ask("2026-11-23T18:00:00Z", member),
        expect(
            "available",
            "manual",
            Some("on call"),
            Some("2026-11-30T08:00:00Z"),
            true,
        ),
    );
}

#[test]
fn manual_since_in_the_future_is_ignored() {
    let member = with_manual(
        bob(),
        json!({ "status": "away", "since": "2026-11-23T13:00:00Z", "reason": "later" }),
    );
    assert_status(
        &ask("2026-11-23T12:30:00Z", member),
        expect(
            "available",
            "schedule",
            None,
            Some("2026-11-23T16:00:00Z"),
            true,
        ),
    );
}

#[test]
fn until_null_when_no_change_within_14_days() {
    // No hours at all.
    let idle = json!({ "id": "ida", "timezone": "UTC" });
    assert_status(
        &ask("2026-11-23T10:00:00Z", idle),
        expect("away", "schedule", Some("outsideWorkingHours"), None, false),
    );
    // Time off until the end of the year: the next start (Monday 2027-01-04) is 6 weeks away.
    let member = with(
        &bob(),
        "/timeOff",
        json!([{ "from": "2026-11-23", "to": "2026-12-31" }]),
    );
    assert_status(
        &ask("2026-11-23T10:00:00Z", member),
        expect("away", "schedule", Some("timeOff"), None, false),
    );
}

#[test]
fn until_within_14_days_is_given_and_beyond_is_null() {
    // Only overrides: one day of work 12 days 22 hours ahead, or 14 days 22 hours ahead.
    let soon = json!({ "id": "ola", "timezone": "Europe/Amsterdam",
                       "overrides": { "2026-12-06": [["09:00", "10:00"]] } });
    assert_status(
        &ask("2026-11-23T10:00:00Z", soon),
        expect(
            "away",
            "schedule",
            Some("outsideWorkingHours"),
            Some("2026-12-06T08:00:00Z"),
            false,
        ),
    );
    let late = json!({ "id": "ola", "timezone": "Europe/Amsterdam",
                       "overrides": { "2026-12-08": [["09:00", "10:00"]] } });
    assert_status(
        &ask("2026-11-23T10:00:00Z", late),
        expect("away", "schedule", Some("outsideWorkingHours"), None, false),
    );
}

#[test]
fn capacity_decides_eligible() {
    let with_capacity = |assigned: u32| {
        with(
            &bob(),
            "/capacity",
            json!({ "max": 10, "assigned": assigned }),
        )
    };
    assert_status(
        &ask("2026-11-23T10:00:00Z", with_capacity(7)),
        expect(
            "available",
            "schedule",
            None,
            Some("2026-11-23T16:00:00Z"),
            true,
        ),
    );
    assert_status(
        &ask("2026-11-23T10:00:00Z", with_capacity(9)),
        expect(
            "available",
            "schedule",
            None,
            Some("2026-11-23T16:00:00Z"),
            true,
        ),
    );
    assert_status(
        &ask("2026-11-23T10:00:00Z", with_capacity(10)),
        expect(
            "available",
            "schedule",
            None,
            Some("2026-11-23T16:00:00Z"),
            false,
        ),
    );
    // Away is never eligible, whatever the capacity.
    assert_status(
        &ask("2026-11-23T18:00:00Z", with_capacity(0)),
        expect(
            "away",
            "schedule",
            Some("outsideWorkingHours"),
            Some("2026-11-30T08:00:00Z"),
            false,
        ),
    );
}

#[test]
fn status_across_paris_spring_forward() {
    // Saturday 22:00–02:30 in Paris into 2026-03-29: 21:00Z .. 02:30 (gone) -> 03:30 CEST = 01:30Z.
    let member = json!({ "id": "eva", "timezone": "Europe/Paris", "weekly": { "sat": [["22:00", "02:30"]] } });
    assert_status(
        &ask("2026-03-29T00:30:00Z", member.clone()),
        expect(
            "available",
            "schedule",
            None,
            Some("2026-03-29T01:30:00Z"),
            true,
        ),
    );
    // Before it starts: next change Saturday 22:00 CET = 21:00Z.
    assert_status(
        &ask("2026-03-28T12:00:00Z", member.clone()),
        expect(
            "away",
            "schedule",
            Some("outsideWorkingHours"),
            Some("2026-03-28T21:00:00Z"),
            false,
        ),
    );
    // After: the next Saturday 22:00 is CEST, 2026-04-04T20:00Z.
    assert_status(
        &ask("2026-03-29T01:30:00Z", member),
        expect(
            "away",
            "schedule",
            Some("outsideWorkingHours"),
            Some("2026-04-04T20:00:00Z"),
            false,
        ),
    );
}

#[test]
fn status_across_new_york_fall_back() {
    // Sunday 01:30–09:00 in New York on 2026-11-01: the earlier 01:30 (EDT) = 05:30Z .. 09:00 EST = 14:00Z.
    let member = json!({ "id": "ned", "timezone": "America/New_York", "weekly": { "sun": [["01:30", "09:00"]] } });
    assert_status(
        &ask("2026-11-01T04:00:00Z", member.clone()),
        expect(
            "away",
            "schedule",
            Some("outsideWorkingHours"),
            Some("2026-11-01T05:30:00Z"),
            false,
        ),
    );
    // 06:00Z is the second 01:00 (EST): inside the stretch.
    assert_status(
        &ask("2026-11-01T06:00:00Z", member),
        expect(
            "available",
            "schedule",
            None,
            Some("2026-11-01T14:00:00Z"),
            true,
        ),
    );
}

#[test]
fn manual_away_holds_across_a_dst_change_that_is_no_boundary() {
    // Paris Mondays 09:00–17:00. Away since Saturday noon; the clocks change on Sunday, but that
    // is not a working-hours boundary. Next boundary: Monday 2026-03-30 09:00 CEST = 07:00Z.
    let member = json!({ "id": "eva", "timezone": "Europe/Paris", "weekly": { "mon": [["09:00", "17:00"]] },
                         "manual": { "status": "away", "since": "2026-03-28T12:00:00Z", "reason": "trip" } });
    assert_status(
        &ask("2026-03-29T12:00:00Z", member.clone()),
        expect(
            "away",
            "manual",
            Some("trip"),
            Some("2026-03-30T07:00:00Z"),
            false,
        ),
    );
    assert_status(
        &ask("2026-03-30T07:00:00Z", member),
        expect(
            "available",
            "schedule",
            None,
            Some("2026-03-30T15:00:00Z"),
            true,
        ),
    );
}

#[test]
fn touching_stretches_have_no_boundary_at_midnight() {
    // Monday 22:00–24:00 + Tuesday 00:00–02:00 in UTC: one stretch 22:00Z–02:00Z.
    let member = json!({ "id": "uma", "timezone": "UTC",
                         "weekly": { "mon": [["22:00", "24:00"]], "tue": [["00:00", "02:00"]] } });
    assert_status(
        &ask("2026-11-23T23:00:00Z", member.clone()),
        expect(
            "available",
            "schedule",
            None,
            Some("2026-11-24T02:00:00Z"),
            true,
        ),
    );
    // A manual away at 23:10Z survives midnight.
    let away = with_manual(
        member,
        json!({ "status": "away", "since": "2026-11-23T23:10:00Z" }),
    );
    assert_status(
        &ask("2026-11-24T00:30:00Z", away),
        expect("away", "manual", None, Some("2026-11-24T02:00:00Z"), false),
    );
}

#[test]
fn override_empty_day_makes_a_working_day_away() {
    let member = with(&bob(), "/overrides", json!({ "2026-11-23": [] }));
    assert_status(
        &ask("2026-11-23T10:00:00Z", member),
        expect(
            "away",
            "schedule",
            Some("outsideWorkingHours"),
            Some("2026-11-30T08:00:00Z"),
            false,
        ),
    );
}

#[test]
fn until_at_a_gap_start_uses_the_compatible_rule() {
    // Sundays 02:30–05:00 in Paris. On 2026-03-29, 02:30 does not exist: 03:30 CEST = 01:30Z.
    let member = json!({ "id": "eva", "timezone": "Europe/Paris", "weekly": { "sun": [["02:30", "05:00"]] } });
    assert_status(
        &ask("2026-03-29T00:00:00Z", member.clone()),
        expect(
            "away",
            "schedule",
            Some("outsideWorkingHours"),
            Some("2026-03-29T01:30:00Z"),
            false,
        ),
    );
    assert_status(
        &ask("2026-03-29T01:30:00Z", member),
        expect(
            "available",
            "schedule",
            None,
            Some("2026-03-29T03:00:00Z"),
            true,
        ),
    );
}

#[test]
fn manual_since_equal_to_now_applies() {
    let member = with_manual(
        bob(),
        json!({ "status": "away", "since": "2026-11-23T12:30:00Z", "reason": "call" }),
    );
    assert_status(
        &ask("2026-11-23T12:30:00Z", member),
        expect(
            "away",
            "manual",
            Some("call"),
            Some("2026-11-23T16:00:00Z"),
            false,
        ),
    );
}

#[test]
fn manual_available_with_full_capacity_is_not_eligible() {
    let member = with(&bob(), "/capacity", json!({ "max": 3, "assigned": 3 }));
    let member = with_manual(
        member,
        json!({ "status": "available", "since": "2026-11-23T17:30:00Z" }),
    );
    assert_status(
        &ask("2026-11-23T18:00:00Z", member),
        expect(
            "available",
            "manual",
            None,
            Some("2026-11-30T08:00:00Z"),
            false,
        ),
    );
}
