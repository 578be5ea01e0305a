//! Hand-written corner cases of the slot engine (SPEC §2–§7).
//!
//! Every expected instant below was worked out by hand from the tz database (2025b) and the
//! SPEC, and cross-checked with chrono-tz in a scratch program; none was copied from the
//! engine's output. The comments give the local wall times so a reader can redo the sums.

mod common;

use common::*;
use serde_json::{json, Value};

/// A page in `tz` with one member in `member_tz` working `weekly`.
fn one(tz: &str, member_tz: &str, weekly: Value, start: &str, end: &str, event: Value) -> Value {
    request(
        tz,
        start,
        end,
        event,
        json!([member("ana", member_tz, weekly)]),
    )
}

/// A page in `tz` whose single member works at all times (`respectWorkingHours: false`).
fn always(tz: &str, start: &str, end: &str, duration: u32, step: u32) -> Value {
    request(
        tz,
        start,
        end,
        json!({ "duration": duration, "step": step, "respectWorkingHours": false }),
        json!([{ "id": "ana", "timezone": tz }]),
    )
}

fn d(date: &str, count: u64, first: &str) -> (String, u64, String) {
    (date.to_string(), count, first.to_string())
}

// ---------------------------------------------------------------------------------------------
// Europe/Paris: 2026-03-29 02:00 CET -> 03:00 CEST (at 01:00Z).

#[test]
fn paris_spring_forward_0230_start_becomes_0330() {
    // Sundays 02:30–05:00. On 2026-03-22 (CET, +1) that is 01:30Z–04:00Z.
    // On 2026-03-29 02:30 does not exist: it becomes 03:30 CEST = 01:30Z; 05:00 CEST = 03:00Z.
    let req = one(
        "Europe/Paris",
        "Europe/Paris",
        json!({ "sun": [["02:30", "05:00"]] }),
        "2026-03-22T00:00:00Z",
        "2026-03-30T00:00:00Z",
        json!({ "duration": 30, "step": 30 }),
    );
    let resp = slots(&req);
    let mut expected = every("2026-03-22T01:30:00Z", 30, 5); // 02:30 .. 04:30 CET
    expected.extend(every("2026-03-29T01:30:00Z", 30, 3)); // 03:30, 04:00, 04:30 CEST
    assert_eq!(starts(&resp), expected);
    assert_eq!(
        days(&resp),
        vec![
            d("2026-03-22", 5, "2026-03-22T01:30:00Z"),
            d("2026-03-29", 3, "2026-03-29T01:30:00Z"),
        ]
    );
}

#[test]
fn paris_spring_forward_grid_skips_0200_wall_times() {
    // Step 45: wall minutes 01:30, 02:15, 03:00, 03:45, 04:30 … 02:15 does not exist that night,
    // so there is no candidate for it (and none at 03:15 CEST either: 195 is not a multiple of 45).
    // 01:30 CET = 00:30Z, 03:00 CEST = 01:00Z, 03:45 CEST = 01:45Z, 04:30 CEST = 02:30Z.
    let req = always(
        "Europe/Paris",
        "2026-03-29T00:00:00Z",
        "2026-03-29T03:00:00Z",
        15,
        45,
    );
    assert_eq!(
        starts(&slots(&req)),
        own(&[
            "2026-03-29T00:30:00Z",
            "2026-03-29T01:00:00Z",
            "2026-03-29T01:45:00Z",
            "2026-03-29T02:30:00Z",
        ])
    );
}

#[test]
fn paris_night_hours_into_spring_forward_end_at_0300_cest() {
    // Saturday 22:00–02:00: (Sat 22:00 CET) = 21:00Z to (Sun 02:00) which does not exist and
    // becomes 03:00 CEST = 01:00Z: four real hours.
    let mk = |pair: Value, duration: u32| {
        one(
            "Europe/Paris",
            "Europe/Paris",
            json!({ "sat": [pair] }),
            "2026-03-28T00:00:00Z",
            "2026-03-30T00:00:00Z",
            json!({ "duration": duration, "step": 60 }),
        )
    };
    let hourly = every("2026-03-28T21:00:00Z", 60, 4);
    assert_eq!(starts(&slots(&mk(json!(["22:00", "02:00"]), 60))), hourly);
    // 22:00–03:00 is the same stretch: 03:00 CEST is also 01:00Z.
    assert_eq!(starts(&slots(&mk(json!(["22:00", "03:00"]), 60))), hourly);
    // Exactly one four-hour meeting fits, and no five-hour one.
    assert_eq!(
        starts(&slots(&mk(json!(["22:00", "03:00"]), 240))),
        own(&["2026-03-28T21:00:00Z"])
    );
    assert!(starts(&slots(&mk(json!(["22:00", "03:00"]), 300))).is_empty());
}

#[test]
fn paris_override_on_spring_forward_day_replaces_weekly_hours() {
    // Weekly Sundays 09:00–17:00, but 2026-03-29 is overridden to 01:00–04:00:
    // 01:00 CET = 00:00Z .. 04:00 CEST = 02:00Z — two real hours. Hourly grid: 01:00 CET
    // (00:00Z), 03:00 CEST (01:00Z). 2026-04-05 is overridden to [] (not working).
    let req = request(
        "Europe/Paris",
        "2026-03-28T12:00:00Z",
        "2026-04-06T00:00:00Z",
        json!({ "duration": 60, "step": 60 }),
        json!([{
            "id": "ana", "timezone": "Europe/Paris",
            "weekly": { "sun": [["09:00", "17:00"]] },
            "overrides": { "2026-03-29": [["01:00", "04:00"]], "2026-04-05": [] }
        }]),
    );
    assert_eq!(
        starts(&slots(&req)),
        own(&["2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"])
    );
}

#[test]
fn paris_whole_day_on_fall_back_sunday_has_25_hours() {
    // 2026-10-25: 03:00 CEST -> 02:00 CET. ["00:00","00:00"] is the whole day:
    // 00:00 CEST (2026-10-24T22:00Z) .. next 00:00 CET (2026-10-25T23:00Z) = 25 hours.
    let req = one(
        "Europe/Paris",
        "Europe/Paris",
        json!({ "sun": [["00:00", "00:00"]] }),
        "2026-10-24T00:00:00Z",
        "2026-10-27T00:00:00Z",
        json!({ "duration": 60, "step": 60 }),
    );
    let resp = slots(&req);
    assert_eq!(starts(&resp), every("2026-10-24T22:00:00Z", 60, 25));
    assert_eq!(
        days(&resp),
        vec![d("2026-10-25", 25, "2026-10-24T22:00:00Z")]
    );
}

// ---------------------------------------------------------------------------------------------
// America/New_York: 2026-11-01 02:00 EDT -> 01:00 EST (at 06:00Z).

#[test]
fn new_york_fall_back_both_0130_are_slots() {
    // Sunday 00:00–04:00: 00:00 EDT = 04:00Z .. 04:00 EST = 09:00Z, five real hours.
    // Half-hourly: 00:00, 00:30, 01:00 EDT, 01:30 EDT (05:30Z), 01:00 EST, 01:30 EST (06:30Z),
    // 02:00 … 03:30 EST.
    let req = one(
        "America/New_York",
        "America/New_York",
        json!({ "sun": [["00:00", "04:00"]] }),
        "2026-11-01T00:00:00Z",
        "2026-11-02T00:00:00Z",
        json!({ "duration": 30, "step": 30 }),
    );
    let resp = slots(&req);
    let got = starts(&resp);
    assert_eq!(got, every("2026-11-01T04:00:00Z", 30, 10));
    assert!(got.contains(&"2026-11-01T05:30:00Z".to_string()));
    assert!(got.contains(&"2026-11-01T06:30:00Z".to_string()));
    assert_eq!(resp["timezone"], "America/New_York");
    assert_eq!(
        days(&resp),
        vec![d("2026-11-01", 10, "2026-11-01T04:00:00Z")]
    );
}

#[test]
fn new_york_fall_back_step_45_grid_has_both_0130s() {
    // Wall minutes that are multiples of 45 between 00:00 EDT and 04:00 EST:
    // 00:00 (04:00Z), 00:45 (04:45Z), 01:30 EDT (05:30Z), 01:30 EST (06:30Z),
    // 02:15 EST (07:15Z), 03:00 (08:00Z), 03:45 (08:45Z).
    let req = always(
        "America/New_York",
        "2026-11-01T04:00:00Z",
        "2026-11-01T09:00:00Z",
        15,
        45,
    );
    assert_eq!(
        starts(&slots(&req)),
        own(&[
            "2026-11-01T04:00:00Z",
            "2026-11-01T04:45:00Z",
            "2026-11-01T05:30:00Z",
            "2026-11-01T06:30:00Z",
            "2026-11-01T07:15:00Z",
            "2026-11-01T08:00:00Z",
            "2026-11-01T08:45:00Z",
        ])
    );
}

#[test]
fn new_york_fall_back_night_2300_to_0300_is_five_hours() {
    // Saturday 23:00–03:00: 23:00 EDT (2026-11-01T03:00Z) .. Sunday 03:00 EST (08:00Z).
    let mk = |duration: u32| {
        one(
            "America/New_York",
            "America/New_York",
            json!({ "sat": [["23:00", "03:00"]] }),
            "2026-10-31T00:00:00Z",
            "2026-11-02T00:00:00Z",
            json!({ "duration": duration, "step": 60 }),
        )
    };
    let resp = slots(&mk(60));
    // 23:00 EDT, 00:00 EDT, 01:00 EDT, 01:00 EST, 02:00 EST.
    assert_eq!(starts(&resp), every("2026-11-01T03:00:00Z", 60, 5));
    assert_eq!(
        days(&resp),
        vec![
            d("2026-10-31", 1, "2026-11-01T03:00:00Z"),
            d("2026-11-01", 4, "2026-11-01T04:00:00Z"),
        ]
    );
    assert_eq!(starts(&slots(&mk(300))), own(&["2026-11-01T03:00:00Z"]));
    assert!(starts(&slots(&mk(360))).is_empty());
}

#[test]
fn new_york_override_on_fall_back_day_spans_both_0100s() {
    // Override 01:00–02:00 on 2026-11-01: the earlier 01:00 (EDT, 05:00Z) to 02:00 EST (07:00Z).
    let req = request(
        "America/New_York",
        "2026-11-01T00:00:00Z",
        "2026-11-02T00:00:00Z",
        json!({ "duration": 60, "step": 60 }),
        json!([{
            "id": "ana", "timezone": "America/New_York",
            "weekly": { "sun": [["09:00", "17:00"]] },
            "overrides": { "2026-11-01": [["01:00", "02:00"]] }
        }]),
    );
    assert_eq!(
        starts(&slots(&req)),
        own(&["2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z"])
    );
}

// ---------------------------------------------------------------------------------------------
// Australia/Lord_Howe: half-hour DST. 2027-04-04 02:00 (+11) -> 01:30 (+10:30) at 15:00Z on
// 04-03; 2026-10-04 02:00 (+10:30) -> 02:30 (+11) at 15:30Z on 10-03.

#[test]
fn lord_howe_april_half_hour_fall_back_repeats_0130() {
    // Sunday 01:00–03:00: 01:00 (+11) = 14:00Z .. 03:00 (+10:30) = 16:30Z, 2.5 real hours.
    // Half-hourly: 01:00 +11, 01:30 +11 (14:30Z), 01:30 +10:30 (15:00Z), 02:00, 02:30 +10:30.
    let req = one(
        "Australia/Lord_Howe",
        "Australia/Lord_Howe",
        json!({ "sun": [["01:00", "03:00"]] }),
        "2027-04-03T00:00:00Z",
        "2027-04-04T12:00:00Z",
        json!({ "duration": 30, "step": 30 }),
    );
    let resp = slots(&req);
    assert_eq!(starts(&resp), every("2027-04-03T14:00:00Z", 30, 5));
    assert_eq!(
        days(&resp),
        vec![d("2027-04-04", 5, "2027-04-03T14:00:00Z")]
    );
}

#[test]
fn lord_howe_april_step_45_grid_follows_the_wall_clock() {
    // 00:00 +11 (13:00Z), 00:45 (13:45Z), 01:30 +11 (14:30Z), 01:30 +10:30 (15:00Z),
    // 02:15 +10:30 (15:45Z), 03:00 +10:30 (16:30Z).
    let req = always(
        "Australia/Lord_Howe",
        "2027-04-03T13:00:00Z",
        "2027-04-03T17:00:00Z",
        15,
        45,
    );
    assert_eq!(
        starts(&slots(&req)),
        own(&[
            "2027-04-03T13:00:00Z",
            "2027-04-03T13:45:00Z",
            "2027-04-03T14:30:00Z",
            "2027-04-03T15:00:00Z",
            "2027-04-03T15:45:00Z",
            "2027-04-03T16:30:00Z",
        ])
    );
}

#[test]
fn lord_howe_october_half_hour_gap_0215_becomes_0245() {
    // Sunday 02:15–03:30 on 2026-10-04: 02:15 is in the 30-minute gap and becomes 02:45 (+11)
    // = 15:45Z; 03:30 (+11) = 16:30Z. Quarter-hour grid, 30-minute meetings: 02:45, 03:00.
    let req = one(
        "Australia/Lord_Howe",
        "Australia/Lord_Howe",
        json!({ "sun": [["02:15", "03:30"]] }),
        "2026-10-03T00:00:00Z",
        "2026-10-04T12:00:00Z",
        json!({ "duration": 30, "step": 15 }),
    );
    assert_eq!(
        starts(&slots(&req)),
        own(&["2026-10-03T15:45:00Z", "2026-10-03T16:00:00Z"])
    );
}

#[test]
fn lord_howe_october_step_45_grid_skips_0215() {
    // 14:00Z is 00:30 (+10:30). Multiples of 45: 00:45 (14:15Z), 01:30 (15:00Z), 02:15 (gone),
    // 03:00 +11 (16:00Z), 03:45 +11 (16:45Z).
    let req = always(
        "Australia/Lord_Howe",
        "2026-10-03T14:00:00Z",
        "2026-10-03T17:00:00Z",
        15,
        45,
    );
    assert_eq!(
        starts(&slots(&req)),
        own(&[
            "2026-10-03T14:15:00Z",
            "2026-10-03T15:00:00Z",
            "2026-10-03T16:00:00Z",
            "2026-10-03T16:45:00Z",
        ])
    );
}

// ---------------------------------------------------------------------------------------------
// America/Santiago changes at midnight: 2026-09-06 00:00 (-04) -> 01:00 (-03) at 04:00Z;
// 2027-04-04 00:00 (-03) -> Saturday 23:00 (-04) at 03:00Z.

#[test]
fn santiago_spring_forward_missing_midnight_sunday_hours_start_0100() {
    // Sunday 00:00–02:00 on 2026-09-06: 00:00 does not exist and becomes 01:00 (-03) = 04:00Z;
    // 02:00 (-03) = 05:00Z. (Reading 00:00 with the new offset would wrongly give 03:00Z.)
    let req = one(
        "America/Santiago",
        "America/Santiago",
        json!({ "sun": [["00:00", "02:00"]] }),
        "2026-09-05T12:00:00Z",
        "2026-09-07T00:00:00Z",
        json!({ "duration": 30, "step": 30 }),
    );
    let resp = slots(&req);
    assert_eq!(
        starts(&resp),
        own(&["2026-09-06T04:00:00Z", "2026-09-06T04:30:00Z"])
    );
    assert_eq!(
        days(&resp),
        vec![d("2026-09-06", 2, "2026-09-06T04:00:00Z")]
    );
}

#[test]
fn santiago_spring_forward_saturday_2400_ends_at_0100_new_offset() {
    // Saturday 22:00–24:00: 22:00 (-04) = 02:00Z; 24:00 = Sunday 00:00, which does not exist
    // and becomes 01:00 (-03) = 04:00Z. Two real hours.
    let req = one(
        "America/Santiago",
        "America/Santiago",
        json!({ "sat": [["22:00", "24:00"]] }),
        "2026-09-05T12:00:00Z",
        "2026-09-07T00:00:00Z",
        json!({ "duration": 30, "step": 30 }),
    );
    let resp = slots(&req);
    assert_eq!(starts(&resp), every("2026-09-06T02:00:00Z", 30, 4));
    assert_eq!(
        days(&resp),
        vec![d("2026-09-05", 4, "2026-09-06T02:00:00Z")]
    );
}

#[test]
fn santiago_saturday_night_joins_sunday_across_the_missing_midnight() {
    // Sat 22:00–24:00 (02:00Z–04:00Z) and Sun 00:00–02:00 (04:00Z–05:00Z) touch: one stretch of
    // three real hours. Two-hour meetings on the hourly grid: 22:00 (02:00Z), 23:00 (03:00Z);
    // 01:00 -03 (04:00Z) would end at 06:00Z.
    let req = one(
        "America/Santiago",
        "America/Santiago",
        json!({ "sat": [["22:00", "24:00"]], "sun": [["00:00", "02:00"]] }),
        "2026-09-05T12:00:00Z",
        "2026-09-07T00:00:00Z",
        json!({ "duration": 120, "step": 60 }),
    );
    assert_eq!(
        starts(&slots(&req)),
        own(&["2026-09-06T02:00:00Z", "2026-09-06T03:00:00Z"])
    );
}

#[test]
fn santiago_fall_back_saturday_2300_occurs_twice() {
    // Saturday 2027-04-03 22:00–24:00: 22:00 (-03) = 01:00Z; 24:00 = Sunday 00:00 (-04) = 04:00Z.
    // Three real hours: 22:00, 22:30, 23:00 -03, 23:30 -03, 23:00 -04, 23:30 -04, all Saturday.
    let req = one(
        "America/Santiago",
        "America/Santiago",
        json!({ "sat": [["22:00", "24:00"]] }),
        "2027-04-03T12:00:00Z",
        "2027-04-05T00:00:00Z",
        json!({ "duration": 30, "step": 30 }),
    );
    let resp = slots(&req);
    assert_eq!(starts(&resp), every("2027-04-04T01:00:00Z", 30, 6));
    assert_eq!(
        days(&resp),
        vec![d("2027-04-03", 6, "2027-04-04T01:00:00Z")]
    );
}

// ---------------------------------------------------------------------------------------------
// America/Havana changes at midnight: 2026-03-08 00:00 CST -> 01:00 CDT (05:00Z);
// 2026-11-01 01:00 CDT -> 00:00 CST (05:00Z).

#[test]
fn havana_spring_forward_midnight_does_not_exist() {
    let mk = |weekly: Value| {
        one(
            "America/Havana",
            "America/Havana",
            weekly,
            "2026-03-07T12:00:00Z",
            "2026-03-09T00:00:00Z",
            json!({ "duration": 30, "step": 30 }),
        )
    };
    // Sunday 00:00–02:00: 00:00 becomes 01:00 CDT = 05:00Z; 02:00 CDT = 06:00Z.
    let resp = slots(&mk(json!({ "sun": [["00:00", "02:00"]] })));
    assert_eq!(
        starts(&resp),
        own(&["2026-03-08T05:00:00Z", "2026-03-08T05:30:00Z"])
    );
    assert_eq!(
        days(&resp),
        vec![d("2026-03-08", 2, "2026-03-08T05:00:00Z")]
    );
    // Saturday 22:00–24:00: 22:00 CST = 03:00Z; 24:00 becomes 01:00 CDT = 05:00Z.
    let resp = slots(&mk(json!({ "sat": [["22:00", "24:00"]] })));
    assert_eq!(starts(&resp), every("2026-03-08T03:00:00Z", 30, 4));
    assert_eq!(
        days(&resp),
        vec![d("2026-03-07", 4, "2026-03-08T03:00:00Z")]
    );
}

#[test]
/// Cuba fell back at 00:00 on 2025-11-02 (it kept summer time through the 2026 change: see
/// `havana_keeps_summer_time_through_november_2026`).
fn havana_fall_back_midnight_occurs_twice_2025() {
    let mk = |weekly: Value| {
        one(
            "America/Havana",
            "America/Havana",
            weekly,
            "2025-11-01T00:00:00Z",
            "2025-11-03T00:00:00Z",
            json!({ "duration": 60, "step": 60 }),
        )
    };
    // Sunday 00:00–02:00: the earlier 00:00 (CDT, 04:00Z) .. 02:00 CST (07:00Z): three hours,
    // both midnights are slots.
    let resp = slots(&mk(json!({ "sun": [["00:00", "02:00"]] })));
    assert_eq!(
        starts(&resp),
        own(&[
            "2025-11-02T04:00:00Z",
            "2025-11-02T05:00:00Z",
            "2025-11-02T06:00:00Z",
        ])
    );
    assert_eq!(
        days(&resp),
        vec![d("2025-11-02", 3, "2025-11-02T04:00:00Z")]
    );
    // Saturday 22:00–24:00: 22:00 CDT = 02:00Z; 24:00 is the earlier midnight, 04:00Z.
    let resp = slots(&mk(json!({ "sat": [["22:00", "24:00"]] })));
    assert_eq!(
        starts(&resp),
        own(&["2025-11-02T02:00:00Z", "2025-11-02T03:00:00Z"])
    );
    assert_eq!(
        days(&resp),
        vec![d("2025-11-01", 2, "2025-11-02T02:00:00Z")]
    );
}

#[test]
fn havana_keeps_summer_time_through_november_2026() {
    // IANA 2026f: Cuba skipped its 2026 fall back, so 09:00 on 2026-12-01 is 13:00Z (UTC-4).
    let resp = slots(&one(
        "America/Havana",
        "America/Havana",
        json!({ "tue": [["09:00", "10:00"]] }),
        "2026-12-01T00:00:00Z",
        "2026-12-02T00:00:00Z",
        json!({ "duration": 60 }),
    ));
    assert_eq!(starts(&resp), own(&["2026-12-01T13:00:00Z"]));
}

#[test]
fn vancouver_host_on_2026_12_01_is_at_16z() {
    // The issue's own case: 09:00 in Vancouver on 2026-12-01 is 16:00Z under 2026f (UTC-7
    // all year from 2026-11-01), not 17:00Z as under 2025b.
    let resp = slots(&one(
        "America/Vancouver",
        "America/Vancouver",
        json!({ "tue": [["09:00", "10:00"]] }),
        "2026-12-01T00:00:00Z",
        "2026-12-02T00:00:00Z",
        json!({ "duration": 60 }),
    ));
    assert_eq!(starts(&resp), own(&["2026-12-01T16:00:00Z"]));
}

#[test]
fn casablanca_host_after_2026_09_20_is_on_utc() {
    // Morocco left +01 on 2026-09-20: 09:00 on Thursday 2026-10-01 is 09:00Z.
    let resp = slots(&one(
        "Africa/Casablanca",
        "Africa/Casablanca",
        json!({ "thu": [["09:00", "10:00"]] }),
        "2026-10-01T00:00:00Z",
        "2026-10-02T00:00:00Z",
        json!({ "duration": 60 }),
    ));
    assert_eq!(starts(&resp), own(&["2026-10-01T09:00:00Z"]));
}

// ---------------------------------------------------------------------------------------------
// Pacific/Apia skipped Friday 2011-12-30: Thursday 29th 24:00 (-10) -> Saturday 31st 00:00 (+14)
// at 2011-12-30T10:00Z.

#[test]
fn apia_skipped_friday_2011_12_30_has_no_hours() {
    // Thursday and Saturday 09:00–11:00, Friday 13:00–15:00. Thursday: 19:00Z–21:00Z on the 29th
    // (-10). Saturday the 31st (+14): 2011-12-30T19:00Z–21:00Z. Friday the 30th never happened
    // in Apia, so its hours produce nothing (resolving "Friday 13:00" mechanically would land on
    // Saturday 13:00 = 2011-12-30T23:00Z).
    let mut req = one(
        "Pacific/Apia",
        "Pacific/Apia",
        json!({
            "thu": [["09:00", "11:00"]],
            "fri": [["13:00", "15:00"]],
            "sat": [["09:00", "11:00"]],
        }),
        "2011-12-29T00:00:00Z",
        "2011-12-31T12:00:00Z",
        json!({ "duration": 60, "step": 60 }),
    );
    set(&mut req, "/now", json!("2011-12-01T00:00:00Z"));
    let resp = slots(&req);
    assert_eq!(
        starts(&resp),
        own(&[
            "2011-12-29T19:00:00Z",
            "2011-12-29T20:00:00Z",
            "2011-12-30T19:00:00Z",
            "2011-12-30T20:00:00Z",
        ])
    );
    assert_eq!(
        days(&resp),
        vec![
            d("2011-12-29", 2, "2011-12-29T19:00:00Z"),
            d("2011-12-31", 2, "2011-12-30T19:00:00Z"),
        ]
    );
}

#[test]
fn apia_thursday_night_hours_run_into_saturday() {
    // Thursday 22:00–02:00: 22:00 (-10) = 2011-12-30T08:00Z; (Fri 30th, 02:00) is in the 24-hour
    // gap and moves forward by it to Saturday 02:00 (+14) = 2011-12-30T12:00Z.
    // Hourly: Thu 22:00, Thu 23:00, Sat 00:00 (10:00Z), Sat 01:00 (11:00Z).
    let req = one(
        "Pacific/Apia",
        "Pacific/Apia",
        json!({ "thu": [["22:00", "02:00"]] }),
        "2011-12-29T00:00:00Z",
        "2011-12-31T12:00:00Z",
        json!({ "duration": 60, "step": 60 }),
    );
    let resp = slots(&req);
    assert_eq!(starts(&resp), every("2011-12-30T08:00:00Z", 60, 4));
    assert_eq!(
        days(&resp),
        vec![
            d("2011-12-29", 2, "2011-12-30T08:00:00Z"),
            d("2011-12-31", 2, "2011-12-30T10:00:00Z"),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Fractional offsets: the grid follows the page's wall clock.

#[test]
fn kathmandu_0545_grid_is_on_local_half_hours() {
    // Monday 09:00–11:00 (+05:45) = 03:15Z–05:15Z; half-hourly local = :15/:45 UTC.
    let req = one(
        "Asia/Kathmandu",
        "Asia/Kathmandu",
        json!({ "mon": [["09:00", "11:00"]] }),
        "2026-06-01T00:00:00Z",
        "2026-06-02T00:00:00Z",
        json!({ "duration": 30, "step": 30 }),
    );
    assert_eq!(starts(&slots(&req)), every("2026-06-01T03:15:00Z", 30, 4));
}

#[test]
fn kathmandu_page_with_utc_member_uses_page_grid() {
    // The member works 03:00Z–05:00Z. Page grid (Kathmandu, step 30): local :00/:30 = :15/:45 UTC,
    // so 03:15Z, 03:45Z, 04:15Z (04:45Z would end at 05:15Z).
    let mk = |step: u32| {
        one(
            "Asia/Kathmandu",
            "UTC",
            json!({ "mon": [["03:00", "05:00"]] }),
            "2026-06-01T00:00:00Z",
            "2026-06-02T00:00:00Z",
            json!({ "duration": 30, "step": step }),
        )
    };
    assert_eq!(
        starts(&slots(&mk(30))),
        every("2026-06-01T03:15:00Z", 30, 3)
    );
    // Step 15: local 08:45 is 03:00Z, so quarter hours line up in both zones.
    assert_eq!(
        starts(&slots(&mk(15))),
        every("2026-06-01T03:00:00Z", 15, 7)
    );
    // Step 60: local whole hours = :15 UTC (04:15Z–04:45Z still fits).
    assert_eq!(
        starts(&slots(&mk(60))),
        every("2026-06-01T03:15:00Z", 60, 2)
    );
}

#[test]
fn kolkata_0530_page_grid_with_utc_member() {
    // Member 08:00Z–12:00Z; page Kolkata hourly = :30 UTC: 08:30Z, 09:30Z, 10:30Z.
    let mk = |tz: &str| {
        one(
            tz,
            "UTC",
            json!({ "mon": [["08:00", "12:00"]] }),
            "2026-11-23T00:00:00Z",
            "2026-11-24T00:00:00Z",
            json!({ "duration": 60, "step": 60 }),
        )
    };
    let expected = every("2026-11-23T08:30:00Z", 60, 3);
    let resp = slots(&mk("Asia/Kolkata"));
    assert_eq!(starts(&resp), expected);
    assert_eq!(resp["timezone"], "Asia/Kolkata");
    // The old name is a link to the same zone and is spelled back as given.
    let resp = slots(&mk("Asia/Calcutta"));
    assert_eq!(starts(&resp), expected);
    assert_eq!(resp["timezone"], "Asia/Calcutta");
}

#[test]
fn chatham_1245_grid_is_on_local_hours() {
    // June: +12:45. Local whole hours are :15 UTC.
    let req = always(
        "Pacific/Chatham",
        "2026-06-10T00:00:00Z",
        "2026-06-10T03:00:00Z",
        60,
        60,
    );
    assert_eq!(starts(&slots(&req)), every("2026-06-10T00:15:00Z", 60, 3));
}

#[test]
fn chatham_spring_forward_0300_becomes_0400() {
    // 2026-09-27 02:45 (+12:45) -> 03:45 (+13:45). Sunday 03:00–05:00: 03:00 is in the gap and
    // becomes 04:00 (+13:45) = 2026-09-26T14:15Z; 05:00 = 15:15Z.
    let req = one(
        "Pacific/Chatham",
        "Pacific/Chatham",
        json!({ "sun": [["03:00", "05:00"]] }),
        "2026-09-26T00:00:00Z",
        "2026-09-27T12:00:00Z",
        json!({ "duration": 30, "step": 30 }),
    );
    assert_eq!(
        starts(&slots(&req)),
        own(&["2026-09-26T14:15:00Z", "2026-09-26T14:45:00Z"])
    );
}

#[test]
fn chatham_fall_back_0300_occurs_twice() {
    // 2026-04-05 03:45 (+13:45) -> 02:45 (+12:45) at 14:00Z on 04-04. Sunday 02:00–04:00:
    // 02:00 +13:45 = 12:15Z .. 04:00 +12:45 = 15:15Z. Hourly: 02:00, 03:00 +13:45, 03:00 +12:45.
    let req = one(
        "Pacific/Chatham",
        "Pacific/Chatham",
        json!({ "sun": [["02:00", "04:00"]] }),
        "2026-04-04T00:00:00Z",
        "2026-04-05T12:00:00Z",
        json!({ "duration": 60, "step": 60 }),
    );
    assert_eq!(starts(&slots(&req)), every("2026-04-04T12:15:00Z", 60, 3));
}

// ---------------------------------------------------------------------------------------------
// 24:00, whole days, touching intervals.

#[test]
fn end_2400_means_next_midnight() {
    // Monday 23:00–24:00 in Paris (CET) = 22:00Z–23:00Z.
    let req = one(
        "Europe/Paris",
        "Europe/Paris",
        json!({ "mon": [["23:00", "24:00"]] }),
        "2026-11-23T00:00:00Z",
        "2026-11-24T12:00:00Z",
        json!({ "duration": 30, "step": 30 }),
    );
    assert_eq!(
        starts(&slots(&req)),
        own(&["2026-11-23T22:00:00Z", "2026-11-23T22:30:00Z"])
    );
}

#[test]
fn whole_day_0000_0000_is_24_hours() {
    let mk = |duration: u32| {
        one(
            "UTC",
            "UTC",
            json!({ "tue": [["00:00", "00:00"]] }),
            "2026-11-23T00:00:00Z",
            "2026-11-26T00:00:00Z",
            json!({ "duration": duration, "step": 60 }),
        )
    };
    let resp = slots(&mk(60));
    assert_eq!(starts(&resp), every("2026-11-24T00:00:00Z", 60, 24));
    assert_eq!(
        days(&resp),
        vec![d("2026-11-24", 24, "2026-11-24T00:00:00Z")]
    );
    // A 24-hour meeting fits exactly once.
    assert_eq!(starts(&slots(&mk(1440))), own(&["2026-11-24T00:00:00Z"]));
}

#[test]
fn touching_intervals_join_across_midnight() {
    // Monday 22:00–24:00 + Tuesday 00:00–02:00 (Paris, CET): 21:00Z–01:00Z is one stretch, so the
    // 23:30–00:30 local meeting (22:30Z) is offered.
    let req = one(
        "Europe/Paris",
        "Europe/Paris",
        json!({ "mon": [["22:00", "24:00"]], "tue": [["00:00", "02:00"]] }),
        "2026-11-23T00:00:00Z",
        "2026-11-25T00:00:00Z",
        json!({ "duration": 60, "step": 30 }),
    );
    let got = starts(&slots(&req));
    assert_eq!(got, every("2026-11-23T21:00:00Z", 30, 7));
    assert!(got.contains(&"2026-11-23T22:30:00Z".to_string()));
}

#[test]
fn touching_and_overlapping_pairs_join_within_a_day() {
    // 09:00–12:00 + 12:00–17:00 hold 11:30–12:30; 08:00–09:30 overlaps and extends the start.
    let req = one(
        "UTC",
        "UTC",
        json!({ "mon": [["09:00", "12:00"], ["12:00", "17:00"], ["08:00", "09:30"]] }),
        "2026-11-23T00:00:00Z",
        "2026-11-24T00:00:00Z",
        json!({ "duration": 60, "step": 30 }),
    );
    let got = starts(&slots(&req));
    assert_eq!(got, every("2026-11-23T08:00:00Z", 30, 17)); // 08:00 .. 16:00
    assert!(got.contains(&"2026-11-23T11:30:00Z".to_string()));
}

// ---------------------------------------------------------------------------------------------
// Time off and maxPerDay seen from far zones.

#[test]
fn time_off_date_in_new_york_seen_from_auckland() {
    // Time off on 2026-11-24 in New York (EST) covers 2026-11-24T05:00Z .. 2026-11-25T05:00Z.
    // The page is in Auckland (NZDT, +13): range = Auckland 24th 00:00 .. 26th 00:00.
    // Auckland sees the New York date as 24th 18:00 .. 25th 18:00.
    let mut req = request(
        "Pacific/Auckland",
        "2026-11-23T11:00:00Z",
        "2026-11-25T11:00:00Z",
        json!({ "duration": 60, "step": 60, "respectWorkingHours": false }),
        json!([{
            "id": "ana", "timezone": "America/New_York",
            "timeOff": [{ "from": "2026-11-24", "to": "2026-11-24" }]
        }]),
    );
    let resp = slots(&req);
    let mut expected = every("2026-11-23T11:00:00Z", 60, 18); // Auckland 24th 00:00 .. 17:00
    expected.extend(every("2026-11-25T05:00:00Z", 60, 6)); // Auckland 25th 18:00 .. 23:00
    assert_eq!(starts(&resp), expected);
    assert_eq!(
        days(&resp),
        vec![
            d("2026-11-24", 18, "2026-11-23T11:00:00Z"),
            d("2026-11-25", 6, "2026-11-25T05:00:00Z"),
        ]
    );
    // Explained: Auckland 25th 01:00 is the 24th in New York.
    set(&mut req, "/explain", json!("2026-11-24T12:00:00Z"));
    let e = explanation(&slots(&req));
    assert!(!e.offered);
    assert_eq!(e.reasons, reasons(&["team"]));
    assert_eq!(e.members, vec![m("ana", &["timeOff"])]);
}

#[test]
fn max_per_day_counted_in_member_zone_with_far_viewer() {
    // The member is in Tokyo (+9) with one booking 2026-11-24T15:30Z = Tokyo 25th 00:30.
    // maxPerDay 1: Tokyo's 25th (2026-11-24T15:00Z .. 2026-11-25T15:00Z) is full.
    // Page in Los Angeles (-8), viewer in Honolulu (-10): for both, the booking is on the 24th,
    // but only the member's date counts.
    let mut req = request(
        "America/Los_Angeles",
        "2026-11-24T12:00:00Z",
        "2026-11-25T17:00:00Z",
        json!({ "duration": 60, "step": 60, "respectWorkingHours": false, "maxPerDay": 1 }),
        json!([{
            "id": "ken", "timezone": "Asia/Tokyo",
            "bookings": [{ "start": "2026-11-24T15:30:00Z", "end": "2026-11-24T16:00:00Z" }]
        }]),
    );
    set(&mut req, "/viewerTimezone", json!("Pacific/Honolulu"));
    let resp = slots(&req);
    let mut expected = every("2026-11-24T12:00:00Z", 60, 3); // Tokyo 24th 21:00 .. 23:00
    expected.extend(every("2026-11-25T15:00:00Z", 60, 2)); // Tokyo 26th 00:00, 01:00
    assert_eq!(starts(&resp), expected);
    assert_eq!(resp["timezone"], "Pacific/Honolulu");
    assert_eq!(
        days(&resp),
        vec![
            d("2026-11-24", 3, "2026-11-24T12:00:00Z"),
            d("2026-11-25", 2, "2026-11-25T15:00:00Z"),
        ]
    );

    set(&mut req, "/explain", json!("2026-11-24T17:00:00Z"));
    let e = explanation(&slots(&req));
    assert_eq!(e.reasons, reasons(&["team"]));
    assert_eq!(e.members, vec![m("ken", &["maxPerDay"])]);

    set(&mut req, "/explain", json!("2026-11-24T15:00:00Z"));
    let e = explanation(&slots(&req));
    assert_eq!(e.members, vec![m("ken", &["busy", "maxPerDay"])]);
}

// ---------------------------------------------------------------------------------------------
// Teams.

fn team_request(team: Value, members: Value, start: &str, end: &str) -> Value {
    let mut req = request(
        "UTC",
        start,
        end,
        json!({ "duration": 60, "step": 60, "respectWorkingHours": false }),
        members,
    );
    set(&mut req, "/team", team);
    req
}

#[test]
fn round_robin_busy_required_member_blocks_the_slot() {
    let members = json!([
        { "id": "a", "timezone": "UTC" },
        { "id": "lead", "timezone": "UTC", "required": true,
          "busy": [{ "start": "2026-11-23T10:00:00Z", "end": "2026-11-23T11:00:00Z" }] },
        { "id": "b", "timezone": "UTC" },
    ]);
    let mut req = team_request(
        json!({ "mode": "roundRobin" }),
        members,
        "2026-11-23T09:00:00Z",
        "2026-11-23T12:00:00Z",
    );
    let resp = slots(&req);
    assert_eq!(
        starts(&resp),
        own(&["2026-11-23T09:00:00Z", "2026-11-23T11:00:00Z"])
    );
    // Required first (request order), then the first candidate.
    assert_eq!(hosts(&resp, "2026-11-23T09:00:00Z"), own(&["lead", "a"]));
    assert_eq!(
        candidates(&resp, "2026-11-23T09:00:00Z"),
        Some(own(&["a", "b"]))
    );

    set(&mut req, "/explain", json!("2026-11-23T10:00:00Z"));
    let e = explanation(&slots(&req));
    assert!(!e.offered);
    assert_eq!(e.reasons, reasons(&["team"]));
    assert_eq!(
        e.members,
        vec![m("a", &[]), m("lead", &["busy"]), m("b", &[])]
    );
}

#[test]
fn round_robin_min_available_two_hosts_required_plus_first_two() {
    let busy = |h0: &str, h1: &str| json!([{ "start": format!("2026-11-23T{h0}:00:00Z"), "end": format!("2026-11-23T{h1}:00:00Z") }]);
    let members = json!([
        { "id": "r", "timezone": "UTC", "required": true },
        { "id": "a", "timezone": "UTC", "busy": busy("10", "11") },
        { "id": "b", "timezone": "UTC", "busy": busy("11", "12") },
        { "id": "c", "timezone": "UTC", "busy": busy("11", "12") },
    ]);
    let req = team_request(
        json!({ "mode": "roundRobin", "minAvailable": 2 }),
        members,
        "2026-11-23T09:00:00Z",
        "2026-11-23T13:00:00Z",
    );
    let resp = slots(&req);
    // 11:00: only a is free among the pool, fewer than 2 -> no slot.
    assert_eq!(
        starts(&resp),
        own(&[
            "2026-11-23T09:00:00Z",
            "2026-11-23T10:00:00Z",
            "2026-11-23T12:00:00Z",
        ])
    );
    assert_eq!(hosts(&resp, "2026-11-23T09:00:00Z"), own(&["r", "a", "b"]));
    assert_eq!(
        candidates(&resp, "2026-11-23T09:00:00Z"),
        Some(own(&["a", "b", "c"]))
    );
    assert_eq!(hosts(&resp, "2026-11-23T10:00:00Z"), own(&["r", "b", "c"]));
    assert_eq!(
        candidates(&resp, "2026-11-23T10:00:00Z"),
        Some(own(&["b", "c"]))
    );
    assert_eq!(hosts(&resp, "2026-11-23T12:00:00Z"), own(&["r", "a", "b"]));

    let e = explain_at(&req, "2026-11-23T11:00:00Z");
    assert!(!e.offered);
    assert_eq!(e.reasons, reasons(&["team"]));
    assert_eq!(
        e.members,
        vec![
            m("r", &[]),
            m("a", &[]),
            m("b", &["busy"]),
            m("c", &["busy"])
        ]
    );
}

#[test]
fn collective_hosts_are_all_members_in_request_order_without_candidates() {
    let members = json!([
        { "id": "zoe", "timezone": "UTC" },
        { "id": "amy", "timezone": "UTC" },
    ]);
    let resp = slots(&team_request(
        json!({ "mode": "collective" }),
        members,
        "2026-11-23T09:00:00Z",
        "2026-11-23T10:00:00Z",
    ));
    assert_eq!(hosts(&resp, "2026-11-23T09:00:00Z"), own(&["zoe", "amy"]));
    assert_eq!(candidates(&resp, "2026-11-23T09:00:00Z"), None);
}

fn one_slot_order(team: Value, members: Value) -> (Vec<String>, Vec<String>) {
    let resp = slots(&team_request(
        team,
        members,
        "2026-11-23T09:00:00Z",
        "2026-11-23T10:00:00Z",
    ));
    assert_eq!(starts(&resp), own(&["2026-11-23T09:00:00Z"]));
    (
        hosts(&resp, "2026-11-23T09:00:00Z"),
        candidates(&resp, "2026-11-23T09:00:00Z").expect("roundRobin has candidates"),
    )
}

#[test]
fn least_recently_booked_order_missing_first_then_time_then_id_bytes() {
    let members = json!([
        { "id": "carl", "timezone": "UTC", "lastBookedAt": "2026-11-10T00:00:00Z" },
        { "id": "adam", "timezone": "UTC" },
        // Same instant as bea's, written with an offset.
        { "id": "dan", "timezone": "UTC", "lastBookedAt": "2026-11-01T01:00:00+01:00" },
        { "id": "Zed", "timezone": "UTC" },
        { "id": "bea", "timezone": "UTC", "lastBookedAt": "2026-11-01T00:00:00Z" },
    ]);
    // Default assignment is leastRecentlyBooked.
    let (h, c) = one_slot_order(json!({ "mode": "roundRobin" }), members.clone());
    // Missing lastBookedAt = earliest; "Zed" < "adam" in byte order; bea/dan tie -> id.
    assert_eq!(c, own(&["Zed", "adam", "bea", "dan", "carl"]));
    assert_eq!(h, own(&["Zed"]));
    let (_, c2) = one_slot_order(
        json!({ "mode": "roundRobin", "assignment": "leastRecentlyBooked" }),
        members,
    );
    assert_eq!(c2, c);
}

#[test]
fn id_tie_break_is_utf8_byte_order() {
    // Bytes: 'Z' 0x5A < 'a' 0x61 < 'z' 0x7A < 'é' 0xC3 0xA9.
    let members = json!([
        { "id": "émile", "timezone": "UTC" },
        { "id": "zoe", "timezone": "UTC" },
        { "id": "Zoe", "timezone": "UTC" },
        { "id": "adam", "timezone": "UTC" },
    ]);
    let (_, c) = one_slot_order(json!({ "mode": "roundRobin" }), members);
    assert_eq!(c, own(&["Zoe", "adam", "zoe", "émile"]));
}

#[test]
fn balanced_order_bookings_per_weight_then_last_booked_then_id() {
    // Past bookings (the week before) count but do not block the slot.
    let bookings = |n: usize| {
        Value::Array(
            (0..n)
                .map(|i| {
                    json!({ "start": format!("2026-11-16T1{i}:00:00Z"),
                            "end": format!("2026-11-16T1{i}:30:00Z") })
                })
                .collect(),
        )
    };
    let members = json!([
        { "id": "ann", "timezone": "UTC", "weight": 2, "bookings": bookings(2) },               // 1.0, never booked
        { "id": "ben", "timezone": "UTC", "bookings": bookings(1),
          "lastBookedAt": "2026-11-05T00:00:00Z" },                                           // 1.0
        { "id": "cat", "timezone": "UTC", "bookings": bookings(3) },                            // 3.0
        { "id": "dee", "timezone": "UTC" },                                                     // 0
        { "id": "fay", "timezone": "UTC", "weight": 6, "bookings": bookings(2),
          "lastBookedAt": "2026-11-03T00:00:00Z" },                                           // 1/3
        { "id": "eve", "timezone": "UTC", "weight": 3, "bookings": bookings(1),
          "lastBookedAt": "2026-11-03T00:00:00Z" },                                           // 1/3
    ]);
    let (h, c) = one_slot_order(
        json!({ "mode": "roundRobin", "assignment": "balanced", "minAvailable": 2 }),
        members,
    );
    assert_eq!(c, own(&["dee", "eve", "fay", "ann", "ben", "cat"]));
    assert_eq!(h, own(&["dee", "eve"]));
}

#[test]
fn priority_order_highest_first_then_last_booked_then_id() {
    let members = json!([
        { "id": "p0", "timezone": "UTC" },
        { "id": "p5a", "timezone": "UTC", "priority": 5, "lastBookedAt": "2026-11-10T00:00:00Z" },
        { "id": "p5b", "timezone": "UTC", "priority": 5, "lastBookedAt": "2026-11-02T00:00:00Z" },
        { "id": "p5c", "timezone": "UTC", "priority": 5 },
        { "id": "p9", "timezone": "UTC", "priority": 9, "lastBookedAt": "2026-11-20T00:00:00Z" },
        { "id": "P5", "timezone": "UTC", "priority": 5, "lastBookedAt": "2026-11-02T00:00:00Z" },
        { "id": "req", "timezone": "UTC", "priority": 99, "required": true },
    ]);
    let (h, c) = one_slot_order(
        json!({ "mode": "roundRobin", "assignment": "priority" }),
        members,
    );
    assert_eq!(c, own(&["p9", "p5c", "P5", "p5b", "p5a", "p0"]));
    assert_eq!(h, own(&["req", "p9"]));
}

// ---------------------------------------------------------------------------------------------
// Explain (§7).

fn explain_at(req: &Value, at: &str) -> Explained {
    let e = explanation(&slots(&with(req, "/explain", json!(at))));
    if !at.contains('.') {
        assert_eq!(e.start, at, "explanation.start echoes the asked instant");
    }
    e
}

#[test]
fn explain_buffer_vs_busy() {
    // Busy 12:00–13:00Z, buffers 15 minutes each side, 30-minute meetings.
    let req = request(
        "UTC",
        "2026-11-23T00:00:00Z",
        "2026-11-24T00:00:00Z",
        json!({ "duration": 30, "step": 30, "bufferBefore": 15, "bufferAfter": 15 }),
        json!([{
            "id": "ana", "timezone": "UTC", "weekly": { "mon": [["09:00", "17:00"]] },
            "busy": [{ "start": "2026-11-23T12:00:00Z", "end": "2026-11-23T13:00:00Z" }]
        }]),
    );
    // 11:30–12:00 touches the busy time only through bufferAfter.
    let e = explain_at(&req, "2026-11-23T11:30:00Z");
    assert!(!e.offered);
    assert_eq!(e.reasons, reasons(&["team"]));
    assert_eq!(e.members, vec![m("ana", &["buffer"])]);
    // 12:00 and 12:30 overlap it.
    assert_eq!(
        explain_at(&req, "2026-11-23T12:30:00Z").members,
        vec![m("ana", &["busy"])]
    );
    assert_eq!(
        explain_at(&req, "2026-11-23T12:00:00Z").members,
        vec![m("ana", &["busy"])]
    );
    // 13:00–13:30: bufferBefore reaches back to 12:45.
    assert_eq!(
        explain_at(&req, "2026-11-23T13:00:00Z").members,
        vec![m("ana", &["buffer"])]
    );
    // 11:00–11:30 and 13:30–14:00 are clear (buffers end exactly at the busy edges).
    for at in ["2026-11-23T11:00:00Z", "2026-11-23T13:30:00Z"] {
        let e = explain_at(&req, at);
        assert!(e.offered, "{at}");
        assert!(e.reasons.is_empty(), "{at}: {:?}", e.reasons);
        assert_eq!(e.members, vec![m("ana", &[])]);
    }
    // Buffers are measured against busy times only, not working hours: 09:00 is offered.
    let mut expected = every("2026-11-23T09:00:00Z", 30, 5); // 09:00 .. 11:00
    expected.extend(every("2026-11-23T13:30:00Z", 30, 7)); // 13:30 .. 16:30
    assert_eq!(starts(&slots(&req)), expected);
}

#[test]
fn explain_booking_counts_as_busy() {
    let req = request(
        "UTC",
        "2026-11-23T00:00:00Z",
        "2026-11-24T00:00:00Z",
        json!({ "duration": 30, "bufferAfter": 10 }),
        json!([{
            "id": "ana", "timezone": "UTC", "weekly": { "mon": [["09:00", "17:00"]] },
            "bookings": [{ "start": "2026-11-23T10:00:00Z", "end": "2026-11-23T10:30:00Z" }]
        }]),
    );
    assert_eq!(
        explain_at(&req, "2026-11-23T10:00:00Z").members,
        vec![m("ana", &["busy"])]
    );
    // 09:30–10:00 plus 10 minutes after reaches into the booking.
    assert_eq!(
        explain_at(&req, "2026-11-23T09:30:00Z").members,
        vec![m("ana", &["buffer"])]
    );
}

#[test]
fn explain_time_off_vs_outside_working_hours() {
    let req = request(
        "UTC",
        "2026-11-23T00:00:00Z",
        "2026-11-25T00:00:00Z",
        json!({ "duration": 30, "step": 15 }),
        json!([{
            "id": "ana", "timezone": "UTC", "weekly": { "mon": [["09:00", "17:00"]] },
            "timeOff": [
                { "start": "2026-11-23T10:00:00Z", "end": "2026-11-23T11:00:00Z" },
                { "from": "2026-11-24", "to": "2026-11-24" }
            ]
        }]),
    );
    let member_reasons = |at: &str| explain_at(&req, at).members;
    assert_eq!(
        member_reasons("2026-11-23T10:15:00Z"),
        vec![m("ana", &["timeOff"])]
    );
    // 09:45–10:15 overlaps the time off.
    assert_eq!(
        member_reasons("2026-11-23T09:45:00Z"),
        vec![m("ana", &["timeOff"])]
    );
    // 08:45–09:15 starts before work; no time off around.
    assert_eq!(
        member_reasons("2026-11-23T08:45:00Z"),
        vec![m("ana", &["outsideWorkingHours"])]
    );
    // 16:45–17:15 runs past the end of the day.
    assert_eq!(
        member_reasons("2026-11-23T16:45:00Z"),
        vec![m("ana", &["outsideWorkingHours"])]
    );
    // Tuesday has no hours, but a time-off date covers it: timeOff wins the naming.
    assert_eq!(
        member_reasons("2026-11-24T12:00:00Z"),
        vec![m("ana", &["timeOff"])]
    );
    // 11:00 is back at work.
    let e = explain_at(&req, "2026-11-23T11:00:00Z");
    assert!(e.offered);
    assert_eq!(e.members, vec![m("ana", &[])]);
}

/// Page in Paris, a member free at all times, `now` = 2026-11-22T23:30Z (Paris: 23rd 00:30).
fn rules_request(event_extra: Value) -> Value {
    let mut event = json!({ "duration": 30, "step": 30, "respectWorkingHours": false });
    for (k, v) in event_extra.as_object().unwrap() {
        event[k] = v.clone();
    }
    let mut req = request(
        "Europe/Paris",
        "2026-11-22T00:00:00Z",
        "2026-12-01T00:00:00Z",
        event,
        json!([{ "id": "ana", "timezone": "UTC" }]),
    );
    set(&mut req, "/now", json!("2026-11-22T23:30:00Z"));
    req
}

fn assert_reasons(req: &Value, at: &str, expected: &[&str]) {
    let e = explain_at(req, at);
    assert_eq!(e.reasons, reasons(expected), "reasons at {at}");
    assert_eq!(e.offered, expected.is_empty(), "offered at {at}");
    assert_eq!(e.members, vec![m("ana", &[])], "members at {at}");
}

#[test]
fn explain_off_grid() {
    let req = rules_request(json!({}));
    assert_reasons(&req, "2026-11-23T09:10:00Z", &["offGrid"]);
    assert_reasons(&req, "2026-11-23T09:00:30Z", &["offGrid"]);
    assert_reasons(&req, "2026-11-23T09:00:00.001Z", &["offGrid"]);
    assert_reasons(&req, "2026-11-23T09:30:00Z", &[]);
}

#[test]
fn explain_min_notice_boundary_is_inclusive() {
    // now 23:30Z + 120 minutes = 01:30Z.
    let req = rules_request(json!({ "minNotice": 120 }));
    assert_reasons(&req, "2026-11-23T01:00:00Z", &["minNotice"]);
    assert_reasons(&req, "2026-11-23T01:30:00Z", &[]);
    // A start before now is too soon as well, even with no minNotice.
    let req = rules_request(json!({}));
    assert_reasons(&req, "2026-11-22T23:00:00Z", &["minNotice"]);
    assert_reasons(&req, "2026-11-22T23:30:00Z", &[]);
}

#[test]
fn explain_beyond_max_days_ahead_uses_page_dates() {
    // now's Paris date is the 23rd (UTC date is the 22nd). maxDaysAhead 3 -> up to Paris 26th.
    let req = rules_request(json!({ "maxDaysAhead": 3 }));
    assert_reasons(&req, "2026-11-26T22:30:00Z", &[]); // Paris 26th 23:30
    assert_reasons(&req, "2026-11-26T23:00:00Z", &["beyondMaxDaysAhead"]); // Paris 27th 00:00
    let resp = slots(&req);
    let got = starts(&resp);
    assert_eq!(got.first().unwrap(), "2026-11-22T23:30:00Z");
    assert_eq!(got.last().unwrap(), "2026-11-26T22:30:00Z");
    // maxDaysAhead 0: only the rest of today (Paris 23rd).
    let req = rules_request(json!({ "maxDaysAhead": 0 }));
    assert_eq!(starts(&slots(&req)).last().unwrap(), "2026-11-23T22:30:00Z");
}

#[test]
fn explain_outside_date_range_uses_page_dates() {
    let req = rules_request(json!({ "dateRange": { "from": "2026-11-24", "to": "2026-11-25" } }));
    assert_reasons(&req, "2026-11-23T22:30:00Z", &["outsideDateRange"]); // Paris 23rd 23:30
    assert_reasons(&req, "2026-11-23T23:00:00Z", &[]); // Paris 24th 00:00
    assert_reasons(&req, "2026-11-25T22:30:00Z", &[]); // Paris 25th 23:30
    assert_reasons(&req, "2026-11-25T23:00:00Z", &["outsideDateRange"]); // Paris 26th 00:00
    let got = starts(&slots(&req));
    assert_eq!(got, every("2026-11-23T23:00:00Z", 30, 96));
}

#[test]
fn explain_outside_page_hours_in_page_zone() {
    // Page hours Monday 09:00–12:00 Paris = 08:00Z–11:00Z.
    let req = rules_request(json!({ "hours": { "mon": [["09:00", "12:00"]] } }));
    assert_reasons(&req, "2026-11-23T10:30:00Z", &[]);
    assert_reasons(
        &req,
        "2026-11-23T10:45:00Z",
        &["offGrid", "outsidePageHours"],
    );
    assert_reasons(&req, "2026-11-23T11:00:00Z", &["outsidePageHours"]);
    assert_reasons(&req, "2026-11-23T07:30:00Z", &["outsidePageHours"]);
    // Mondays 23rd and 30th are both in the range.
    let mut expected = every("2026-11-23T08:00:00Z", 30, 6);
    expected.extend(every("2026-11-30T08:00:00Z", 30, 6));
    assert_eq!(starts(&slots(&req)), expected);
}

#[test]
fn explain_outside_range() {
    let req = rules_request(json!({}));
    assert_reasons(&req, "2026-12-01T00:00:00Z", &["outsideRange"]);
    // Before now's local date, so also before "at least minDaysAhead (default 0) days after".
    assert_reasons(
        &req,
        "2026-11-21T23:30:00Z",
        &["outsideRange", "minNotice", "minDaysAhead"],
    );
}

#[test]
fn explain_checks_every_rule() {
    // 10:45Z on Monday (Paris 11:45): off the 30-minute grid, before now + minNotice (a day),
    // before the date range, outside the page hours (ends 12:15 Paris), and the member is busy.
    let mut req = rules_request(json!({
        "minNotice": 1440,
        "hours": { "mon": [["09:00", "12:00"]] },
        "dateRange": { "from": "2026-11-24", "to": "2026-11-30" },
    }));
    set(
        &mut req,
        "/members/0/busy",
        json!([{ "start": "2026-11-23T10:00:00Z", "end": "2026-11-23T11:00:00Z" }]),
    );
    let e = explain_at(&req, "2026-11-23T10:45:00Z");
    assert!(!e.offered);
    assert_eq!(
        e.reasons,
        reasons(&[
            "offGrid",
            "minNotice",
            "outsideDateRange",
            "outsidePageHours",
            "team"
        ])
    );
    assert_eq!(e.members, vec![m("ana", &["busy"])]);
}

// ---------------------------------------------------------------------------------------------
// days in the viewer's zone.

#[test]
fn days_grouped_in_viewer_zone() {
    // Page and member in UTC, Monday 22:00–24:00; a Paris viewer sees 23:00Z and 23:30Z on the
    // 24th (00:00 and 00:30 CET).
    let mut req = one(
        "UTC",
        "UTC",
        json!({ "mon": [["22:00", "24:00"]] }),
        "2026-11-23T00:00:00Z",
        "2026-11-24T12:00:00Z",
        json!({ "duration": 30, "step": 30 }),
    );
    assert_eq!(
        days(&slots(&req)),
        vec![d("2026-11-23", 4, "2026-11-23T22:00:00Z")]
    );
    set(&mut req, "/viewerTimezone", json!("Europe/Paris"));
    let resp = slots(&req);
    assert_eq!(starts(&resp), every("2026-11-23T22:00:00Z", 30, 4));
    assert_eq!(resp["timezone"], "Europe/Paris");
    assert_eq!(
        days(&resp),
        vec![
            d("2026-11-23", 2, "2026-11-23T22:00:00Z"),
            d("2026-11-24", 2, "2026-11-23T23:00:00Z"),
        ]
    );
    // A link name is accepted and spelled back as given.
    set(&mut req, "/viewerTimezone", json!("Europe/Kiev"));
    let resp = slots(&req);
    assert_eq!(resp["timezone"], "Europe/Kiev");
    // Kyiv (EET, +2): 22:00Z is already the 24th.
    assert_eq!(
        days(&resp),
        vec![d("2026-11-24", 4, "2026-11-23T22:00:00Z")]
    );
}

#[test]
fn slot_end_is_start_plus_duration_and_whole_minutes_in_output() {
    let req = one(
        "Asia/Kathmandu",
        "UTC",
        json!({ "mon": [["03:00", "05:00"]] }),
        "2026-06-01T00:00:00Z",
        "2026-06-02T00:00:00Z",
        json!({ "duration": 45, "step": 30 }),
    );
    let resp = slots(&req);
    let s = slot(&resp, "2026-06-01T03:15:00Z");
    assert_eq!(s["end"], "2026-06-01T04:00:00Z");
}

// ---------------------------------------------------------------------------------------------
// Edges of the rules.

#[test]
fn page_hours_on_spring_forward_night_start_at_0330() {
    // Page hours Sunday 02:30–04:00 in Paris on 2026-03-29: 03:30 CEST (01:30Z) .. 02:00Z.
    let mut req = always(
        "Europe/Paris",
        "2026-03-28T00:00:00Z",
        "2026-03-30T00:00:00Z",
        30,
        30,
    );
    set(
        &mut req,
        "/event/hours",
        json!({ "sun": [["02:30", "04:00"]] }),
    );
    assert_eq!(starts(&slots(&req)), own(&["2026-03-29T01:30:00Z"]));
}

#[test]
fn buffer_boundaries_are_strict() {
    // Busy 12:15–13:00, bufferAfter 15: 11:30–12:00 (+15 = 12:15) just clears it; a slot starting
    // when the busy time ends is clear too (no bufferBefore).
    let req = request(
        "UTC",
        "2026-11-23T00:00:00Z",
        "2026-11-24T00:00:00Z",
        json!({ "duration": 30, "bufferAfter": 15 }),
        json!([{
            "id": "ana", "timezone": "UTC", "weekly": { "mon": [["09:00", "17:00"]] },
            "busy": [{ "start": "2026-11-23T12:15:00Z", "end": "2026-11-23T13:00:00Z" }]
        }]),
    );
    let mut expected = every("2026-11-23T09:00:00Z", 30, 6); // 09:00 .. 11:30
    expected.extend(every("2026-11-23T13:00:00Z", 30, 8)); // 13:00 .. 16:30
    assert_eq!(starts(&slots(&req)), expected);
}

#[test]
fn max_per_day_counts_bookings_by_their_start_date_only() {
    // Paris member, maxPerDay 1. A booking Monday 23:30–Tuesday 00:30 (Paris) counts for Monday
    // only; a busy time is not a booking and counts for nothing.
    let req = request(
        "Europe/Paris",
        "2026-11-23T20:00:00Z",
        "2026-11-24T02:00:00Z",
        json!({ "duration": 30, "step": 30, "respectWorkingHours": false, "maxPerDay": 1 }),
        json!([{
            "id": "ana", "timezone": "Europe/Paris",
            "bookings": [{ "start": "2026-11-23T22:30:00Z", "end": "2026-11-23T23:30:00Z" }],
            "busy": [{ "start": "2026-11-24T01:00:00Z", "end": "2026-11-24T01:30:00Z" }]
        }]),
    );
    // Monday (Paris, until 23:00Z) is full; 23:00Z overlaps the booking; 01:00Z is busy.
    assert_eq!(
        starts(&slots(&req)),
        own(&[
            "2026-11-23T23:30:00Z",
            "2026-11-24T00:00:00Z",
            "2026-11-24T00:30:00Z",
            "2026-11-24T01:30:00Z",
        ])
    );
}

#[test]
fn range_bounds_starts_only_and_candidates_are_whole_minutes() {
    // The range starts at 09:00:30, so 09:00 is out and the first quarter hour is 09:15; the
    // last start 10:00 is inside [start, end) and its meeting may run past the end.
    let req = always(
        "UTC",
        "2026-11-23T09:00:30Z",
        "2026-11-23T10:10:00Z",
        60,
        15,
    );
    assert_eq!(starts(&slots(&req)), every("2026-11-23T09:15:00Z", 15, 4));
}

#[test]
fn explain_meeting_across_two_separate_stretches_is_outside_hours() {
    let mk = |second: &str| {
        one(
            "UTC",
            "UTC",
            json!({ "mon": [["09:00", "12:00"], [second, "17:00"]] }),
            "2026-11-23T00:00:00Z",
            "2026-11-24T00:00:00Z",
            json!({ "duration": 30, "step": 15 }),
        )
    };
    // 11:45–12:15 with a 12:00–12:30 break: not inside one stretch.
    assert_eq!(
        explain_at(&mk("12:30"), "2026-11-23T11:45:00Z").members,
        vec![m("ana", &["outsideWorkingHours"])]
    );
    // With touching pairs it is.
    let e = explain_at(&mk("12:00"), "2026-11-23T11:45:00Z");
    assert!(e.offered);
    assert_eq!(e.members, vec![m("ana", &[])]);
}

#[test]
fn paris_fall_back_pair_end_in_repeated_hour_is_the_earlier() {
    // 2026-10-25 03:00 CEST -> 02:00 CET at 01:00Z. Sunday 01:00–02:30: 01:00 CEST (23:00Z on the
    // 24th) .. the earlier 02:30 (CEST) = 00:30Z. The later 02:00 CET (01:00Z) is not working.
    let req = one(
        "Europe/Paris",
        "Europe/Paris",
        json!({ "sun": [["01:00", "02:30"]] }),
        "2026-10-24T12:00:00Z",
        "2026-10-26T00:00:00Z",
        json!({ "duration": 30, "step": 30 }),
    );
    assert_eq!(starts(&slots(&req)), every("2026-10-24T23:00:00Z", 30, 3));
    // Sunday 02:00–02:30 is the first 02:00–02:30 only (00:00Z–00:30Z).
    let req = one(
        "Europe/Paris",
        "Europe/Paris",
        json!({ "sun": [["02:00", "02:30"]] }),
        "2026-10-24T12:00:00Z",
        "2026-10-26T00:00:00Z",
        json!({ "duration": 30, "step": 30 }),
    );
    assert_eq!(starts(&slots(&req)), own(&["2026-10-25T00:00:00Z"]));
    assert_eq!(
        explain_at(&req, "2026-10-25T01:00:00Z").members,
        vec![m("ana", &["outsideWorkingHours"])]
    );
}

#[test]
fn paris_pair_entirely_in_the_gap_shifts_by_an_hour() {
    // 02:10–02:50 on 2026-03-29 becomes 03:10–03:50 CEST = 01:10Z–01:50Z.
    let req = one(
        "Europe/Paris",
        "Europe/Paris",
        json!({ "sun": [["02:10", "02:50"]] }),
        "2026-03-28T12:00:00Z",
        "2026-03-30T00:00:00Z",
        json!({ "duration": 30, "step": 10 }),
    );
    assert_eq!(
        starts(&slots(&req)),
        own(&["2026-03-29T01:10:00Z", "2026-03-29T01:20:00Z"])
    );
}

#[test]
fn paris_pair_that_resolves_backwards_is_dropped() {
    // Sunday 02:30–03:15. On 2026-03-22 (CET): 01:30Z–02:15Z. On 2026-03-29, 02:30 becomes
    // 03:30 CEST = 01:30Z while 03:15 CEST = 01:15Z: the end is not after the start, so the
    // interval is dropped (SPEC §4) — it does not become a day-long stretch.
    let req = one(
        "Europe/Paris",
        "Europe/Paris",
        json!({ "sun": [["02:30", "03:15"]] }),
        "2026-03-21T12:00:00Z",
        "2026-03-30T00:00:00Z",
        json!({ "duration": 15, "step": 15 }),
    );
    assert_eq!(starts(&slots(&req)), every("2026-03-22T01:30:00Z", 15, 3));
}

#[test]
fn step_not_dividing_a_day_restarts_at_local_midnight() {
    // Step 7: minute-of-day multiples of 7 — 23:41 (1421), 23:48, 23:55, then 00:00, 00:07.
    let req = always("UTC", "2026-11-23T23:40:00Z", "2026-11-24T00:10:00Z", 1, 7);
    assert_eq!(
        starts(&slots(&req)),
        own(&[
            "2026-11-23T23:41:00Z",
            "2026-11-23T23:48:00Z",
            "2026-11-23T23:55:00Z",
            "2026-11-24T00:00:00Z",
            "2026-11-24T00:07:00Z",
        ])
    );
    // In Kolkata the restart is at local midnight = 18:30Z: 18:25Z is 23:55 local, 18:30Z 00:00.
    let req = always(
        "Asia/Kolkata",
        "2026-11-23T18:20:00Z",
        "2026-11-23T18:40:00Z",
        1,
        7,
    );
    assert_eq!(
        starts(&slots(&req)),
        own(&[
            "2026-11-23T18:25:00Z",
            "2026-11-23T18:30:00Z",
            "2026-11-23T18:37:00Z",
        ])
    );
}
