//! Public feeds from the test suites of node-ical (Apache-2.0) and python icalendar (BSD),
//! vendored unchanged under `tests/data/feeds/` (see its README), read through `bookable busy`.
//! Each answer is worked out by hand from the feed, RFC 5545 and SPEC §10.

mod common;

use common::busy_spans;
use serde_json::{json, Value};

fn feed(path: &str) -> String {
    let full = format!("{}/tests/data/feeds/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

struct Answer {
    busy: Vec<String>,
    warnings: Vec<(u64, String)>,
}

fn read(path: &str, start: &str, end: &str, zone: &str, extra: Value) -> Answer {
    let mut source = json!({ "ics": feed(path) });
    if let Value::Object(more) = extra {
        source.as_object_mut().unwrap().extend(more);
    }
    let request =
        json!({ "source": source, "range": { "start": start, "end": end }, "timezone": zone });
    let r = match bookable::busy_from_json(&request.to_string()) {
        Ok(r) => serde_json::to_value(r).unwrap(),
        Err(e) => panic!("{path}: {e}"),
    };
    Answer {
        busy: busy_spans(&r),
        warnings: r["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| {
                (
                    w["line"].as_u64().unwrap(),
                    w["message"].as_str().unwrap().to_string(),
                )
            })
            .collect(),
    }
}

fn busy(path: &str, start: &str, end: &str, zone: &str) -> Vec<String> {
    let a = read(path, start, end, zone, json!({}));
    assert!(a.warnings.is_empty(), "{path}: {:?}", a.warnings);
    a.busy
}

#[test]
fn exchange_vtimezones_by_windows_names_and_a_quote_that_swallows_the_value() {
    let a = read(
        "node-ical/ms_timezones.ics",
        "2020-09-01T00:00:00Z",
        "2020-10-01T00:00:00Z",
        "UTC",
        json!({}),
    );
    // 09:00 W. Europe summer time; 08:30 Pacific daylight time. The event whose TZID quote
    // holds its value cannot be read (it is transparent and free anyway).
    assert_eq!(
        a.busy,
        [
            "2020-09-10T07:00:00Z/2020-09-10T07:30:00Z",
            "2020-09-15T15:30:00Z/2020-09-15T16:30:00Z"
        ]
    );
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    assert!(
        a.warnings[0].1.contains("cannot be read"),
        "{:?}",
        a.warnings
    );
}

#[test]
fn a_windows_display_name_written_with_and_and_exdates_in_another_zone() {
    // "(UTC-05:00) Eastern Time (US and Canada)" is New York; DTEND in Los Angeles makes each
    // instance four hours long. The EXDATEs name 12:00 in Los Angeles (19:00Z), when no
    // instance starts (16:00Z): they remove nothing.
    let got = busy(
        "node-ical/windows-quoted-tz-rrule.ics",
        "2015-07-01T00:00:00Z",
        "2015-07-31T00:00:00Z",
        "UTC",
    );
    let want: Vec<String> = (6..=15)
        .map(|d| format!("2015-07-{d:02}T16:00:00Z/2015-07-{d:02}T20:00:00Z"))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn exchange_all_day_moved_recurrence_is_free_time() {
    assert!(busy(
        "node-ical/exchange_whole_day_moved_recurrence.ics",
        "2026-02-01T00:00:00Z",
        "2026-04-01T00:00:00Z",
        "Europe/Berlin"
    )
    .is_empty());
}

#[test]
fn zimbra_vfreebusy() {
    let got = busy(
        "node-ical/vfreebusy-zimbra.ics",
        "2014-04-15T00:00:00Z",
        "2014-07-18T00:00:00Z",
        "UTC",
    );
    assert_eq!(got.len(), 29);
    assert_eq!(got[0], "2014-04-16T15:15:00Z/2014-04-16T19:00:00Z");
    assert_eq!(got[28], "2014-05-05T21:00:00Z/2014-05-05T21:30:00Z");
}

#[test]
fn an_unknown_microsoft_tzid_is_read_in_the_members_zone_and_a_negative_duration_skipped() {
    let a = read(
        "node-ical/bad_custom_ms_tz.ics",
        "2021-03-20T00:00:00Z",
        "2021-04-10T00:00:00Z",
        "Europe/Paris",
        json!({}),
    );
    // 10:35–11:50 in Paris (UTC+1 until 2021-03-28); the tentative event has no length.
    assert_eq!(a.busy, ["2021-03-25T09:35:00Z/2021-03-25T10:50:00Z"]);
    let lines: Vec<u64> = a.warnings.iter().map(|w| w.0).collect();
    assert_eq!(lines, [6, 7, 37], "{:?}", a.warnings);
    assert!(a.warnings[0].1.contains("tzone://Microsoft/Custom"));
    assert!(
        a.warnings[2].1.contains("negative") || a.warnings[2].1.contains("DURATION"),
        "{:?}",
        a.warnings
    );
}

#[test]
fn an_exchange_tzid_with_escaped_commas_names_its_vtimezone() {
    assert_eq!(
        busy(
            "node-ical/exchange-custom-tz.ics",
            "2019-04-29T00:00:00Z",
            "2019-05-02T00:00:00Z",
            "UTC"
        ),
        ["2019-04-30T02:00:00Z/2019-04-30T05:00:00Z"]
    );
}

#[test]
fn owa_display_names_with_gmt_prefixes_and_an_unsynchronized_weekly_series() {
    // Sydney is on summer time (UTC+11) from 2020-10-04; New York leaves it on 2020-11-01. The
    // TH,FR series starts on a Monday: that DTSTART is its first instance (RFC 5545), the same
    // as the single "TEST 3" event.
    assert_eq!(
        busy(
            "node-ical/Office-2012-owa.ics",
            "2020-10-26T00:00:00Z",
            "2020-11-09T00:00:00Z",
            "UTC"
        ),
        [
            "2020-10-28T02:30:00Z/2020-10-28T04:00:00Z",
            "2020-10-28T17:30:00Z/2020-10-28T19:00:00Z",
            "2020-11-02T18:30:00Z/2020-11-02T20:00:00Z",
            "2020-11-05T18:30:00Z/2020-11-05T20:00:00Z",
            "2020-11-06T18:30:00Z/2020-11-06T20:00:00Z",
        ]
    );
}

#[test]
fn google_kiev_vtimezone_with_an_override_and_a_utc_until() {
    // 14:00 EEST is 11:00Z; UNTIL=20160828T110000Z includes the 28th's instance.
    let want: Vec<String> = (25..=28)
        .map(|d| format!("2016-08-{d}T11:00:00Z/2016-08-{d}T12:00:00Z"))
        .collect();
    assert_eq!(
        busy(
            "node-ical/google-calendar-kiev-tz.ics",
            "2016-08-20T00:00:00Z",
            "2016-09-05T00:00:00Z",
            "UTC"
        ),
        want
    );
}

#[test]
fn transparent_all_day_events_moved_over_the_berlin_change() {
    assert!(busy(
        "node-ical/whole_day_moved_over_dst_change_berlin.ics",
        "2024-10-20T00:00:00Z",
        "2024-11-05T00:00:00Z",
        "Europe/Berlin"
    )
    .is_empty());
}

#[test]
fn an_override_that_cannot_be_read_leaves_its_instance_as_the_series_has_it() {
    let a = read(
        "node-ical/daily-count-exdate-recurrence-id.ics",
        "2015-07-01T00:00:00Z",
        "2015-07-31T00:00:00Z",
        "UTC",
        json!({}),
    );
    let want: Vec<String> = [6, 7, 9, 11, 12, 13, 14, 15]
        .iter()
        .map(|d| format!("2015-07-{d:02}T19:00:00Z/2015-07-{d:02}T20:00:00Z"))
        .collect();
    assert_eq!(a.busy, want);
    assert_eq!(a.warnings.len(), 1);
    assert!(a.warnings[0].1.contains("DTEND is before its DTSTART"));
}

#[test]
fn a_biweekly_series_with_folded_exdates_and_an_until_at_the_end_of_a_day() {
    // Mondays and Thursdays every other week from Thu 2017-02-16, 09:00–19:00 in Chicago
    // (CDT, 14:00Z–00:00Z); 07-06, 07-17, 07-20 and 08-03 excluded; UNTIL 08-14T04:59:59Z.
    // The second series starts on Mon 2017-08-14 14:00Z.
    let got = busy(
        "node-ical/biweekly-exdate-until.ics",
        "2017-06-25T00:00:00Z",
        "2017-08-25T00:00:00Z",
        "UTC",
    );
    assert_eq!(
        got,
        [
            "2017-07-03T14:00:00Z/2017-07-04T00:00:00Z",
            "2017-07-31T14:00:00Z/2017-08-01T00:00:00Z",
            "2017-08-14T14:00:00Z/2017-08-15T00:00:00Z",
            "2017-08-15T14:00:00Z/2017-08-16T00:00:00Z",
        ]
    );
}

#[test]
fn the_highest_sequence_of_a_uid_wins() {
    assert_eq!(
        busy(
            "node-ical/duplicate-uid-sequence.ics",
            "2024-01-01T00:00:00Z",
            "2024-02-01T00:00:00Z",
            "UTC"
        ),
        [
            "2024-01-15T10:00:00Z/2024-01-15T11:00:00Z",
            "2024-01-20T14:00:00Z/2024-01-20T15:00:00Z"
        ]
    );
}

#[test]
fn a_local_until_is_read_in_dtstarts_zone() {
    assert_eq!(
        busy(
            "node-ical/non-utc-until.ics",
            "2024-12-01T00:00:00Z",
            "2025-01-15T00:00:00Z",
            "UTC"
        ),
        [
            "2024-12-02T09:00:00Z/2024-12-02T10:00:00Z",
            "2024-12-09T09:00:00Z/2024-12-09T10:00:00Z",
            "2024-12-16T09:00:00Z/2024-12-16T10:00:00Z",
            "2024-12-23T09:00:00Z/2024-12-23T10:00:00Z",
            "2024-12-30T09:00:00Z/2024-12-30T10:00:00Z",
        ]
    );
}

#[test]
fn apple_tentative_confirmed_cancelled_and_no_status() {
    let range = ("2022-07-01T00:00:00Z", "2022-07-10T00:00:00Z");
    let all = [
        "2022-07-04T23:00:00Z/2022-07-04T23:50:00Z",
        "2022-07-05T16:00:00Z/2022-07-05T17:00:00Z",
        "2022-07-07T16:00:00Z/2022-07-07T17:00:00Z",
    ];
    assert_eq!(
        busy(
            "node-ical/tentative-apple-calendar.ics",
            range.0,
            range.1,
            "UTC"
        ),
        all
    );
    let free = read(
        "node-ical/tentative-apple-calendar.ics",
        range.0,
        range.1,
        "UTC",
        json!({ "tentative": "free" }),
    );
    assert_eq!(free.busy, all[1..]);
}

#[test]
fn vtimezones_of_several_eras_and_from_year_one() {
    let path = "node-ical/multi-era-vtimezone.ics";
    assert_eq!(
        busy(path, "2025-06-01T00:00:00Z", "2025-07-01T00:00:00Z", "UTC"),
        ["2025-06-10T18:00:00Z/2025-06-10T19:00:00Z"]
    );
    assert_eq!(
        busy(path, "1985-10-01T00:00:00Z", "1985-11-01T00:00:00Z", "UTC"),
        ["1985-10-15T18:00:00Z/1985-10-15T19:00:00Z"]
    );
    assert_eq!(
        busy(
            "node-ical/vtimezone-year-0001-dtstart.ics",
            "2024-06-01T00:00:00Z",
            "2024-06-02T00:00:00Z",
            "UTC"
        ),
        ["2024-06-01T08:00:00Z/2024-06-01T09:00:00Z"]
    );
}

#[test]
fn a_floating_time_is_the_members_even_beside_a_custom_vtimezone() {
    assert_eq!(
        busy(
            "node-ical/floating-dtstart-custom-vtimezone.ics",
            "2025-06-10T00:00:00Z",
            "2025-06-11T00:00:00Z",
            "Europe/Paris"
        ),
        ["2025-06-10T12:00:00Z/2025-06-10T13:00:00Z"]
    );
}

#[test]
fn a_broken_rrule_skips_its_event_only() {
    let a = read(
        "node-ical/badRRULE.ics",
        "2020-10-12T00:00:00Z",
        "2020-10-17T00:00:00Z",
        "UTC",
        json!({}),
    );
    let want: Vec<String> = [12, 13, 14, 16]
        .iter()
        .map(|d| format!("2020-10-{d}T15:40:00Z/2020-10-{d}T15:50:00Z"))
        .collect();
    assert_eq!(a.busy, want);
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    assert_eq!(a.warnings[0].0, 47);
}

#[test]
fn python_icalendar_custom_new_york_and_forward_references() {
    assert_eq!(
        busy(
            "python-icalendar/america_new_york.ics",
            "2014-08-29T00:00:00Z",
            "2014-08-30T00:00:00Z",
            "UTC"
        ),
        ["2014-08-29T12:00:00Z/2014-08-29T14:00:00Z"]
    );
    // A VTIMEZONE after the event that names it; two DTSTARTs (the first counts) and no end:
    // nothing busy, nothing unknown.
    for path in [
        "python-icalendar/america_new_york_forward_reference.ics",
        "python-icalendar/pacific_fiji.ics",
        "python-icalendar/issue_722_timezone_transition_ambiguity.ics",
    ] {
        assert!(
            busy(path, "2014-01-01T00:00:00Z", "2014-12-31T00:00:00Z", "UTC").is_empty(),
            "{path}"
        );
    }
}

#[test]
fn khal_rdate_periods_in_a_windows_zone_on_an_orphan_override() {
    let got = busy(
        "python-icalendar/issue_156_RDATE_with_PERIOD_TZID_khal.ics",
        "2018-03-01T00:00:00Z",
        "2018-09-01T00:00:00Z",
        "UTC",
    );
    assert_eq!(got.len(), 19);
    assert_eq!(got[0], "2018-03-27T13:00:00Z/2018-03-27T14:00:00Z");
    assert_eq!(got[18], "2018-07-31T13:00:00Z/2018-07-31T14:00:00Z");
}

#[test]
fn python_icalendar_odd_files() {
    assert!(busy(
        "python-icalendar/bom_calendar.ics",
        "2026-01-01T00:00:00Z",
        "2026-02-01T00:00:00Z",
        "UTC"
    )
    .is_empty());
    assert_eq!(
        busy(
            "python-icalendar/issue_1633_freebusy_with_dates.ics",
            "1997-01-01T00:00:00Z",
            "1997-01-03T00:00:00Z",
            "Europe/Paris"
        ),
        ["1996-12-31T23:00:00Z/1997-01-01T23:00:00Z"]
    );
    let broken = read(
        "python-icalendar/broken_ical.ics",
        "2014-04-01T00:00:00Z",
        "2014-05-01T00:00:00Z",
        "UTC",
        json!({}),
    );
    assert!(broken.busy.is_empty());
    assert_eq!(broken.warnings.iter().map(|w| w.0).collect::<Vec<_>>(), [2]);
    assert_eq!(
        busy(
            "python-icalendar/issue_218_bad_tzid.ics",
            "2017-02-28T00:00:00Z",
            "2017-03-01T00:00:00Z",
            "UTC"
        ),
        ["2017-02-28T12:00:00Z/2017-02-28T12:30:00Z"]
    );
    assert_eq!(
        busy(
            "python-icalendar/issue_27_multiple_periods_in_freebusy_multiple_freebusies.ics",
            "2012-01-01T00:00:00Z",
            "2012-02-01T00:00:00Z",
            "UTC"
        )
        .len(),
        8
    );
    let rdates = read(
        "python-icalendar/rfc_5545_RDATE_example.ics",
        "1996-01-01T00:00:00Z",
        "1996-12-31T00:00:00Z",
        "UTC",
        json!({}),
    );
    assert!(rdates.busy.is_empty());
    assert_eq!(
        rdates.warnings.len(),
        6,
        "events without DTSTART: {:?}",
        rdates.warnings
    );
    let vaduz = read(
        "python-icalendar/timezone_rdate.ics",
        "2012-02-01T00:00:00Z",
        "2012-03-01T00:00:00Z",
        "UTC",
        json!({}),
    );
    assert!(vaduz.busy.is_empty());
    assert_eq!(
        vaduz.warnings.len(),
        1,
        "a `SUMMARY=` line has no colon: {:?}",
        vaduz.warnings
    );
}

#[test]
fn a_tzid_with_a_leading_slash_and_a_monthly_series_with_exdate_and_rdate_period() {
    assert_eq!(
        busy(
            "python-icalendar/issue_466_convert_tzid_with_slash.ics",
            "2026-03-01T00:00:00Z",
            "2026-03-15T00:00:00Z",
            "UTC"
        ),
        [
            "2026-03-06T19:00:00Z/2026-03-06T20:00:00Z",
            "2026-03-13T19:00:00Z/2026-03-13T20:00:00Z"
        ]
    );
    // Third Wednesdays at 12:00 in the file's own Vancouver zone (PDT until 2023-11-05, PST
    // until 2024-03-10, PDT after), December's excluded but an RDATE period on the 13th.
    assert_eq!(
        busy(
            "python-icalendar/period_with_timezone.ics",
            "2023-09-01T00:00:00Z",
            "2024-07-01T00:00:00Z",
            "UTC"
        ),
        [
            "2023-09-20T19:00:00Z/2023-09-20T21:00:00Z",
            "2023-10-18T19:00:00Z/2023-10-18T21:00:00Z",
            "2023-11-15T20:00:00Z/2023-11-15T22:00:00Z",
            "2023-12-13T20:00:00Z/2023-12-13T23:00:00Z",
            "2024-01-17T20:00:00Z/2024-01-17T22:00:00Z",
            "2024-02-21T20:00:00Z/2024-02-21T22:00:00Z",
            "2024-03-20T19:00:00Z/2024-03-20T21:00:00Z",
            "2024-04-17T19:00:00Z/2024-04-17T21:00:00Z",
            "2024-05-15T19:00:00Z/2024-05-15T21:00:00Z",
        ]
    );
}
