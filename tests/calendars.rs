//! SPEC §10 by name: the traps of real iCalendar feeds, each written by hand with its answer
//! worked out from the RFC and the tz database (`bookable busy`'s answer: merged busy intervals
//! in UTC).

mod common;

use common::busy_spans;
use serde_json::{json, Value};

/// An iCalendar file of `body` lines inside one VCALENDAR, CRLF line ends.
fn ics(body: &[&str]) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//bookable tests//EN",
    ];
    lines.extend_from_slice(body);
    lines.push("END:VCALENDAR");
    lines.join("\r\n") + "\r\n"
}

/// One VEVENT's lines.
fn event(props: &[&str]) -> Vec<String> {
    let mut v = vec!["BEGIN:VEVENT".to_string()];
    v.extend(props.iter().map(|s| s.to_string()));
    v.push("END:VEVENT".to_string());
    v
}

/// The busy response to `source` over `[start, end)` read in `zone`.
fn busy_response(source: Value, start: &str, end: &str, zone: &str) -> Value {
    let request =
        json!({ "source": source, "range": { "start": start, "end": end }, "timezone": zone });
    match bookable::busy_from_json(&request.to_string()) {
        Ok(r) => serde_json::to_value(r).unwrap(),
        Err(e) => panic!("{e}"),
    }
}

/// The busy intervals of an ICS text, as `start/end` strings.
fn busy(text: &str, start: &str, end: &str, zone: &str) -> Vec<String> {
    busy_of(json!({ "ics": text }), start, end, zone)
}

fn busy_of(source: Value, start: &str, end: &str, zone: &str) -> Vec<String> {
    busy_spans(&busy_response(source, start, end, zone))
}

fn events(list: &[Vec<String>]) -> String {
    let lines: Vec<String> = list.concat();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    ics(&refs)
}

#[test]
fn weekly_series_across_the_paris_change() {
    let text = events(&[event(&[
        "UID:standup",
        "DTSTART;TZID=Europe/Paris:20260316T093000",
        "DTEND;TZID=Europe/Paris:20260316T100000",
        "RRULE:FREQ=WEEKLY;BYDAY=MO",
    ])]);
    // 09:30 in Paris: 08:30Z in winter time, 07:30Z from 2026-03-29.
    assert_eq!(
        busy(&text, "2026-03-16T00:00:00Z", "2026-04-07T00:00:00Z", "UTC"),
        [
            "2026-03-16T08:30:00Z/2026-03-16T09:00:00Z",
            "2026-03-23T08:30:00Z/2026-03-23T09:00:00Z",
            "2026-03-30T07:30:00Z/2026-03-30T08:00:00Z",
            "2026-04-06T07:30:00Z/2026-04-06T08:00:00Z",
        ]
    );
}

#[test]
fn a_series_keeps_the_exact_length_of_its_first_instance_across_the_change() {
    // 22:00 to 04:00 in Paris: six hours in winter. The night of the change keeps six hours,
    // ending at 05:00 on the wall clock (RFC 5545 §3.8.5.3).
    let text = events(&[event(&[
        "UID:night",
        "DTSTART;TZID=Europe/Paris:20260327T220000",
        "DTEND;TZID=Europe/Paris:20260328T040000",
        "RRULE:FREQ=DAILY;COUNT=3",
    ])]);
    assert_eq!(
        busy(&text, "2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z", "UTC"),
        [
            "2026-03-27T21:00:00Z/2026-03-28T03:00:00Z",
            "2026-03-28T21:00:00Z/2026-03-29T03:00:00Z",
            "2026-03-29T20:00:00Z/2026-03-30T02:00:00Z",
        ]
    );
}

#[test]
fn exdate_and_a_moved_instance() {
    let text = events(&[
        event(&[
            "UID:review",
            "DTSTART;TZID=America/New_York:20260304T140000",
            "DTEND;TZID=America/New_York:20260304T150000",
            "RRULE:FREQ=WEEKLY",
            "EXDATE;TZID=America/New_York:20260311T140000",
        ]),
        event(&[
            "UID:review",
            "RECURRENCE-ID;TZID=America/New_York:20260318T140000",
            "DTSTART;TZID=America/New_York:20260319T100000",
            "DTEND;TZID=America/New_York:20260319T103000",
            "SEQUENCE:1",
        ]),
    ]);
    // New York: EST (−5) until 2026-03-08, EDT (−4) after.
    assert_eq!(
        busy(&text, "2026-03-01T00:00:00Z", "2026-03-26T00:00:00Z", "UTC"),
        [
            "2026-03-04T19:00:00Z/2026-03-04T20:00:00Z",
            "2026-03-19T14:00:00Z/2026-03-19T14:30:00Z",
            "2026-03-25T18:00:00Z/2026-03-25T19:00:00Z",
        ]
    );
}

#[test]
fn a_cancelled_instance_leaves_no_ghost() {
    let text = events(&[
        event(&[
            "UID:1on1",
            "DTSTART:20260302T090000Z",
            "DURATION:PT30M",
            "RRULE:FREQ=WEEKLY;COUNT=3",
        ]),
        event(&[
            "UID:1on1",
            "RECURRENCE-ID:20260309T090000Z",
            "DTSTART:20260309T090000Z",
            "DURATION:PT30M",
            "STATUS:CANCELLED",
        ]),
    ]);
    assert_eq!(
        busy(&text, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "UTC"),
        [
            "2026-03-02T09:00:00Z/2026-03-02T09:30:00Z",
            "2026-03-16T09:00:00Z/2026-03-16T09:30:00Z"
        ]
    );
}

#[test]
fn a_cancelled_series_and_transparent_or_free_events_are_not_busy() {
    let text = events(&[
        event(&[
            "UID:a",
            "DTSTART:20260302T090000Z",
            "DURATION:PT1H",
            "TRANSP:TRANSPARENT",
        ]),
        event(&[
            "UID:b",
            "DTSTART:20260302T110000Z",
            "DURATION:PT1H",
            "STATUS:CANCELLED",
            "RRULE:FREQ=DAILY",
        ]),
        event(&[
            "UID:c",
            "DTSTART:20260302T130000Z",
            "DURATION:PT1H",
            "TRANSP:OPAQUE",
            "X-MICROSOFT-CDO-BUSYSTATUS:FREE",
        ]),
        event(&[
            "UID:d",
            "DTSTART:20260302T150000Z",
            "DURATION:PT1H",
            "X-MICROSOFT-CDO-BUSYSTATUS:WORKINGELSEWHERE",
        ]),
        event(&[
            "UID:e",
            "DTSTART:20260302T170000Z",
            "DURATION:PT1H",
            "X-MICROSOFT-CDO-BUSYSTATUS:OOF",
        ]),
    ]);
    assert_eq!(
        busy(&text, "2026-03-01T00:00:00Z", "2026-03-05T00:00:00Z", "UTC"),
        ["2026-03-02T17:00:00Z/2026-03-02T18:00:00Z"]
    );
}

#[test]
fn all_day_events_with_and_without_dtend_cover_member_zone_dates() {
    let text = events(&[
        event(&["UID:holiday", "DTSTART;VALUE=DATE:20260310"]),
        event(&[
            "UID:trip",
            "DTSTART;VALUE=DATE:20260320",
            "DTEND;VALUE=DATE:20260323",
        ]),
    ]);
    // Dates in Paris (UTC+1 in March before the 29th).
    assert_eq!(
        busy(
            &text,
            "2026-03-01T00:00:00Z",
            "2026-04-01T00:00:00Z",
            "Europe/Paris"
        ),
        [
            "2026-03-09T23:00:00Z/2026-03-10T23:00:00Z",
            "2026-03-19T23:00:00Z/2026-03-22T23:00:00Z"
        ]
    );
    let free = json!({ "ics": text, "allDay": "free" });
    assert!(busy_of(
        free,
        "2026-03-01T00:00:00Z",
        "2026-04-01T00:00:00Z",
        "Europe/Paris"
    )
    .is_empty());
}

#[test]
fn tentative_events_count_unless_tentative_is_free() {
    let text = events(&[
        event(&[
            "UID:a",
            "DTSTART:20260302T090000Z",
            "DURATION:PT1H",
            "STATUS:TENTATIVE",
        ]),
        event(&[
            "UID:b",
            "DTSTART:20260302T110000Z",
            "DURATION:PT1H",
            "X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE",
        ]),
        event(&[
            "UID:c",
            "DTSTART:20260302T130000Z",
            "DURATION:PT1H",
            "STATUS:CONFIRMED",
        ]),
    ]);
    let range = ("2026-03-01T00:00:00Z", "2026-03-05T00:00:00Z");
    assert_eq!(busy(&text, range.0, range.1, "UTC").len(), 3);
    assert_eq!(
        busy_of(
            json!({ "ics": text, "tentative": "free" }),
            range.0,
            range.1,
            "UTC"
        ),
        ["2026-03-02T13:00:00Z/2026-03-02T14:00:00Z"]
    );
}

#[test]
fn floating_times_are_read_in_the_members_zone() {
    let text = events(&[event(&[
        "UID:f",
        "DTSTART:20260310T090000",
        "DTEND:20260310T093000",
    ])]);
    assert_eq!(
        busy(
            &text,
            "2026-03-01T00:00:00Z",
            "2026-04-01T00:00:00Z",
            "Asia/Kolkata"
        ),
        ["2026-03-10T03:30:00Z/2026-03-10T04:00:00Z"]
    );
}

#[test]
fn duration_adds_days_on_the_wall_clock_and_hours_exactly() {
    // Noon on the 28th plus one day and one hour: noon of the 29th on the wall clock (now
    // UTC+2) plus an hour. 23 hours later by the clock, not 25.
    let text = events(&[event(&[
        "UID:d",
        "DTSTART;TZID=Europe/Paris:20260328T120000",
        "DURATION:P1DT1H",
    ])]);
    assert_eq!(
        busy(&text, "2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z", "UTC"),
        ["2026-03-28T11:00:00Z/2026-03-29T11:00:00Z"]
    );
}

#[test]
fn windows_tzids_by_id_and_by_display_name() {
    let text = events(&[
        event(&[
            "UID:a",
            "DTSTART;TZID=W. Europe Standard Time:20260310T090000",
            "DURATION:PT30M",
        ]),
        event(&[
            "UID:b",
            "DTSTART;TZID=\"(UTC-05:00) Eastern Time (US & Canada)\":20260310T090000",
            "DURATION:PT30M",
        ]),
        event(&[
            "UID:c",
            "DTSTART;TZID=/mozilla.org/20070129_1/Asia/Tokyo:20260310T090000",
            "DURATION:PT30M",
        ]),
    ]);
    assert_eq!(
        busy(&text, "2026-03-09T00:00:00Z", "2026-03-11T00:00:00Z", "UTC"),
        [
            "2026-03-10T00:00:00Z/2026-03-10T00:30:00Z",
            "2026-03-10T08:00:00Z/2026-03-10T08:30:00Z",
            "2026-03-10T13:00:00Z/2026-03-10T13:30:00Z",
        ]
    );
}

/// Outlook's own VTIMEZONE for Central European time, as Exchange writes it.
const OUTLOOK_CUSTOM_ZONE: [&str; 16] = [
    "BEGIN:VTIMEZONE",
    "TZID:Customized Time Zone",
    "BEGIN:STANDARD",
    "DTSTART:16010101T030000",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
    "",
];

#[test]
fn outlooks_customized_time_zone_is_compiled_from_its_rules() {
    let mut lines: Vec<String> = OUTLOOK_CUSTOM_ZONE[..15]
        .iter()
        .map(|s| s.to_string())
        .collect();
    lines.extend(event(&[
        "UID:outlook",
        "DTSTART;TZID=\"Customized Time Zone\":20260323T093000",
        "DTEND;TZID=\"Customized Time Zone\":20260323T100000",
        "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=2",
    ]));
    let text = events(&[lines]);
    assert_eq!(
        busy(&text, "2026-03-01T00:00:00Z", "2026-04-30T00:00:00Z", "UTC"),
        [
            "2026-03-23T08:30:00Z/2026-03-23T09:00:00Z",
            "2026-03-30T07:30:00Z/2026-03-30T08:00:00Z"
        ]
    );
}

#[test]
fn the_files_vtimezone_wins_over_an_iana_name() {
    let text = events(&[
        vec![
            "BEGIN:VTIMEZONE".into(),
            "TZID:Europe/Paris".into(),
            "BEGIN:STANDARD".into(),
            "DTSTART:19700101T000000".into(),
            "TZOFFSETFROM:+0300".into(),
            "TZOFFSETTO:+0300".into(),
            "END:STANDARD".into(),
            "END:VTIMEZONE".into(),
        ],
        event(&[
            "UID:x",
            "DTSTART;TZID=Europe/Paris:20260701T090000",
            "DURATION:PT1H",
        ]),
    ]);
    assert_eq!(
        busy(&text, "2026-07-01T00:00:00Z", "2026-07-02T00:00:00Z", "UTC"),
        ["2026-07-01T06:00:00Z/2026-07-01T07:00:00Z"]
    );
}

#[test]
fn a_vtimezone_observance_keeps_its_dtstart_onset_under_an_earlier_until() {
    // DTSTART is an observance's first onset as it is an event's first instance (SPEC §10 v1.2),
    // whatever its UNTIL says: +01:00 from 2020, +03:00 from 2026-03-01 02:00 local although the
    // RRULE's UNTIL (2025) lies before it. 10:00 on 1 June is then 07:00Z (09:00Z if the
    // onset were lost), in both forms of UNTIL.
    for until in ["20250101T000000Z", "20250101T000000"] {
        let text = events(&[
            vec![
                "BEGIN:VTIMEZONE".into(),
                "TZID:Custom".into(),
                "BEGIN:STANDARD".into(),
                "DTSTART:20200101T000000".into(),
                "TZOFFSETFROM:+0100".into(),
                "TZOFFSETTO:+0100".into(),
                "END:STANDARD".into(),
                "BEGIN:DAYLIGHT".into(),
                "DTSTART:20260301T020000".into(),
                "TZOFFSETFROM:+0100".into(),
                "TZOFFSETTO:+0300".into(),
                format!("RRULE:FREQ=YEARLY;UNTIL={until}"),
                "END:DAYLIGHT".into(),
                "END:VTIMEZONE".into(),
            ],
            event(&[
                "UID:x",
                "DTSTART;TZID=Custom:20260601T100000",
                "DURATION:PT1H",
            ]),
        ]);
        assert_eq!(
            busy(&text, "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z", "UTC"),
            ["2026-06-01T07:00:00Z/2026-06-01T08:00:00Z"],
            "UNTIL={until}"
        );
    }
}

#[test]
fn an_embedded_new_york_vtimezone_over_the_fall_back_night() {
    let zone = [
        "BEGIN:VTIMEZONE",
        "TZID:America/New_York",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:-0500",
        "TZOFFSETTO:-0400",
        "TZNAME:EDT",
        "DTSTART:20070311T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:-0400",
        "TZOFFSETTO:-0500",
        "TZNAME:EST",
        "DTSTART:20071104T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ];
    let mut lines: Vec<String> = zone.iter().map(|s| s.to_string()).collect();
    lines.extend(event(&[
        "UID:night",
        "DTSTART;TZID=America/New_York:20261031T013000",
        "DTEND;TZID=America/New_York:20261031T020000",
        "RRULE:FREQ=DAILY;COUNT=3",
    ]));
    // 01:30 happens twice on 2026-11-01: the earlier (EDT, 05:30Z) is meant (SPEC §2).
    assert_eq!(
        busy(
            &events(&[lines]),
            "2026-10-30T00:00:00Z",
            "2026-11-04T00:00:00Z",
            "UTC"
        ),
        [
            "2026-10-31T05:30:00Z/2026-10-31T06:00:00Z",
            "2026-11-01T05:30:00Z/2026-11-01T06:00:00Z",
            "2026-11-02T06:30:00Z/2026-11-02T07:00:00Z",
        ]
    );
}

#[test]
fn a_date_until_includes_that_whole_date() {
    let text = events(&[event(&[
        "UID:u",
        "DTSTART;TZID=Europe/Paris:20260302T180000",
        "DURATION:PT1H",
        "RRULE:FREQ=DAILY;UNTIL=20260304",
    ])]);
    assert_eq!(
        busy(&text, "2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z", "UTC"),
        [
            "2026-03-02T17:00:00Z/2026-03-02T18:00:00Z",
            "2026-03-03T17:00:00Z/2026-03-03T18:00:00Z",
            "2026-03-04T17:00:00Z/2026-03-04T18:00:00Z",
        ]
    );
}

#[test]
fn monthly_on_the_last_weekday_with_bysetpos() {
    let text = events(&[event(&[
        "UID:close",
        "DTSTART;TZID=Europe/Paris:20260130T160000",
        "DURATION:PT1H",
        "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    ])]);
    // Fri Jan 30, Fri Feb 27, Tue Mar 31 (summer time), Thu Apr 30, Fri May 29.
    assert_eq!(
        busy(&text, "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z", "UTC"),
        [
            "2026-01-30T15:00:00Z/2026-01-30T16:00:00Z",
            "2026-02-27T15:00:00Z/2026-02-27T16:00:00Z",
            "2026-03-31T14:00:00Z/2026-03-31T15:00:00Z",
            "2026-04-30T14:00:00Z/2026-04-30T15:00:00Z",
            "2026-05-29T14:00:00Z/2026-05-29T15:00:00Z",
        ]
    );
}

#[test]
fn an_endless_yearly_series_from_2010() {
    let text = events(&[
        event(&[
            "UID:birthday",
            "DTSTART;VALUE=DATE:20100315",
            "RRULE:FREQ=YEARLY",
        ]),
        event(&[
            "UID:daily",
            "DTSTART:20100101T120000Z",
            "DURATION:PT15M",
            "RRULE:FREQ=DAILY",
        ]),
    ]);
    assert_eq!(
        busy(&text, "2026-03-15T00:00:00Z", "2026-03-16T13:00:00Z", "UTC"),
        [
            "2026-03-15T00:00:00Z/2026-03-16T00:00:00Z",
            "2026-03-16T12:00:00Z/2026-03-16T12:15:00Z",
        ]
    );
}

#[test]
fn every_other_week_with_interval_2() {
    let text = events(&[event(&[
        "UID:i2",
        "DTSTART;TZID=Europe/Berlin:20260106T100000",
        "DURATION:PT1H",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
    ])]);
    assert_eq!(
        busy(&text, "2026-03-01T00:00:00Z", "2026-04-05T00:00:00Z", "UTC"),
        [
            "2026-03-03T09:00:00Z/2026-03-03T10:00:00Z",
            "2026-03-17T09:00:00Z/2026-03-17T10:00:00Z",
            "2026-03-31T08:00:00Z/2026-03-31T09:00:00Z",
        ]
    );
}

#[test]
fn a_series_instance_in_the_spring_forward_gap_moves_forward() {
    let text = events(&[event(&[
        "UID:gap",
        "DTSTART;TZID=Europe/Paris:20260322T023000",
        "DTEND;TZID=Europe/Paris:20260322T030000",
        "RRULE:FREQ=WEEKLY;COUNT=3",
    ])]);
    // 02:30 on 2026-03-29 does not exist: it is 03:30 CEST (01:30Z), as SPEC §2 says.
    assert_eq!(
        busy(&text, "2026-03-20T00:00:00Z", "2026-04-10T00:00:00Z", "UTC"),
        [
            "2026-03-22T01:30:00Z/2026-03-22T02:00:00Z",
            "2026-03-29T01:30:00Z/2026-03-29T02:00:00Z",
            "2026-04-05T00:30:00Z/2026-04-05T01:00:00Z",
        ]
    );
}

#[test]
fn rdates_as_date_times_dates_and_periods() {
    let text = events(&[
        event(&[
            "UID:r1",
            "DTSTART;TZID=Europe/Paris:20260302T090000",
            "DURATION:PT1H",
            "RDATE;TZID=Europe/Paris:20260304T090000,20260302T090000",
            "RDATE;VALUE=PERIOD:20260306T120000Z/20260306T150000Z,20260307T080000Z/PT30M",
        ]),
        event(&[
            "UID:r2",
            "DTSTART;VALUE=DATE:20260310",
            "RDATE;VALUE=DATE:20260312",
        ]),
    ]);
    assert_eq!(
        busy(&text, "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z", "UTC"),
        [
            "2026-03-02T08:00:00Z/2026-03-02T09:00:00Z",
            "2026-03-04T08:00:00Z/2026-03-04T09:00:00Z",
            "2026-03-06T12:00:00Z/2026-03-06T15:00:00Z",
            "2026-03-07T08:00:00Z/2026-03-07T08:30:00Z",
            "2026-03-10T00:00:00Z/2026-03-11T00:00:00Z",
            "2026-03-12T00:00:00Z/2026-03-13T00:00:00Z",
        ]
    );
}

#[test]
fn vfreebusy_periods_count_unless_free() {
    let text = ics(&[
        "BEGIN:VFREEBUSY",
        "DTSTART:20260310T000000Z",
        "DTEND:20260311T000000Z",
        "FREEBUSY;FBTYPE=BUSY:20260310T090000Z/20260310T100000Z,20260310T120000Z/PT30M",
        "FREEBUSY;FBTYPE=FREE:20260310T140000Z/20260310T150000Z",
        "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20260310T160000Z/20260310T170000Z",
        "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260310T180000Z/20260310T190000Z",
        "FREEBUSY:20260310T200000Z/20260310T210000Z",
        "END:VFREEBUSY",
    ]);
    let range = ("2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z");
    assert_eq!(
        busy(&text, range.0, range.1, "UTC"),
        [
            "2026-03-10T09:00:00Z/2026-03-10T10:00:00Z",
            "2026-03-10T12:00:00Z/2026-03-10T12:30:00Z",
            "2026-03-10T16:00:00Z/2026-03-10T17:00:00Z",
            "2026-03-10T18:00:00Z/2026-03-10T19:00:00Z",
            "2026-03-10T20:00:00Z/2026-03-10T21:00:00Z",
        ]
    );
    let tentative_free = busy_of(
        json!({ "ics": text, "tentative": "free" }),
        range.0,
        range.1,
        "UTC",
    );
    assert_eq!(tentative_free.len(), 4);
}

#[test]
fn folded_lines_lf_ends_and_a_bom_read_as_one() {
    let text = "\u{FEFF}BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:fold\nDTSTART;TZID=Euro\n pe/Paris:20260310T09\n\t0000\nRRULE:FREQ=DAI\n LY;COUNT=2\nDURATION:PT\n 1H\nEND:VEVENT\nEND:VCALENDAR";
    assert_eq!(
        busy(text, "2026-03-01T00:00:00Z", "2026-03-31T00:00:00Z", "UTC"),
        [
            "2026-03-10T08:00:00Z/2026-03-10T09:00:00Z",
            "2026-03-11T08:00:00Z/2026-03-11T09:00:00Z"
        ]
    );
}

#[test]
fn thisandfuture_moves_every_later_instance_and_gives_them_its_status() {
    let text = events(&[
        event(&[
            "UID:t",
            "DTSTART:20260302T100000Z",
            "DURATION:PT1H",
            "RRULE:FREQ=WEEKLY;COUNT=6",
        ]),
        event(&[
            "UID:t",
            "RECURRENCE-ID;RANGE=THISANDFUTURE:20260316T100000Z",
            "DTSTART:20260316T110000Z",
            "DURATION:PT1H",
        ]),
        event(&[
            "UID:t",
            "RECURRENCE-ID;RANGE=THISANDFUTURE:20260330T100000Z",
            "DTSTART:20260330T100000Z",
            "DURATION:PT1H",
            "TRANSP:TRANSPARENT",
        ]),
    ]);
    assert_eq!(
        busy(&text, "2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z", "UTC"),
        [
            "2026-03-02T10:00:00Z/2026-03-02T11:00:00Z",
            "2026-03-09T10:00:00Z/2026-03-09T11:00:00Z",
            "2026-03-16T11:00:00Z/2026-03-16T12:00:00Z",
            "2026-03-23T11:00:00Z/2026-03-23T12:00:00Z",
        ]
    );
}

#[test]
fn the_highest_sequence_wins_then_the_last_in_the_file() {
    let text = events(&[
        event(&[
            "UID:s",
            "SEQUENCE:2",
            "DTSTART:20260302T100000Z",
            "DURATION:PT1H",
        ]),
        event(&[
            "UID:s",
            "SEQUENCE:1",
            "DTSTART:20260302T090000Z",
            "DURATION:PT1H",
        ]),
        event(&[
            "UID:s",
            "SEQUENCE:2",
            "DTSTART:20260302T140000Z",
            "DURATION:PT1H",
        ]),
        event(&["DTSTART:20260303T090000Z", "DURATION:PT1H"]),
        event(&["DTSTART:20260303T120000Z", "DURATION:PT1H"]),
    ]);
    assert_eq!(
        busy(&text, "2026-03-01T00:00:00Z", "2026-03-05T00:00:00Z", "UTC"),
        [
            "2026-03-02T14:00:00Z/2026-03-02T15:00:00Z",
            "2026-03-03T09:00:00Z/2026-03-03T10:00:00Z",
            "2026-03-03T12:00:00Z/2026-03-03T13:00:00Z",
        ]
    );
}

#[test]
fn exdates_in_another_zone_in_utc_and_as_dates() {
    let text = events(&[event(&[
        "UID:x",
        "DTSTART;TZID=Europe/Paris:20260316T090000",
        "DURATION:PT30M",
        "RRULE:FREQ=DAILY;COUNT=5",
        "EXDATE;TZID=America/New_York:20260317T040000",
        "EXDATE:20260318T080000Z",
        "EXDATE;VALUE=DATE:20260319",
    ])]);
    assert_eq!(
        busy(&text, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "UTC"),
        [
            "2026-03-16T08:00:00Z/2026-03-16T08:30:00Z",
            "2026-03-20T08:00:00Z/2026-03-20T08:30:00Z"
        ]
    );
}

#[test]
fn a_recurrence_id_of_an_all_day_series_names_its_date() {
    let text = events(&[
        event(&[
            "UID:ad",
            "DTSTART;VALUE=DATE:20260302",
            "RRULE:FREQ=WEEKLY;COUNT=3",
        ]),
        event(&[
            "UID:ad",
            "RECURRENCE-ID;VALUE=DATE:20260309",
            "DTSTART;VALUE=DATE:20260311",
        ]),
    ]);
    assert_eq!(
        busy(&text, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "UTC"),
        [
            "2026-03-02T00:00:00Z/2026-03-03T00:00:00Z",
            "2026-03-11T00:00:00Z/2026-03-12T00:00:00Z",
            "2026-03-16T00:00:00Z/2026-03-17T00:00:00Z",
        ]
    );
}

#[test]
fn an_event_that_cannot_be_read_is_skipped_with_a_warning_naming_its_line() {
    let text = ics(&[
        "BEGIN:VEVENT",
        "UID:ok",
        "DTSTART:20260302T090000Z",
        "DURATION:PT1H",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:backwards",
        "DTSTART:20260302T120000Z",
        "DTEND:20260302T110000Z",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:norule",
        "DTSTART:20260302T130000Z",
        "RRULE:FREQ=FORTNIGHTLY",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:quote",
        "DTSTART;TZID=\"Europe/Paris:20260302T140000",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:empty",
        "DTSTART:",
        "END:VEVENT",
    ]);
    let r = busy_response(
        json!({ "ics": text }),
        "2026-03-01T00:00:00Z",
        "2026-03-05T00:00:00Z",
        "UTC",
    );
    assert_eq!(
        r["busy"],
        json!([{ "start": "2026-03-02T09:00:00Z", "end": "2026-03-02T10:00:00Z" }])
    );
    let lines: Vec<u64> = r["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["line"].as_u64().unwrap())
        .collect();
    // Each VEVENT's BEGIN line (the file's first three lines are the calendar's).
    assert_eq!(lines, [9, 14, 19, 23]);
    let messages = r["warnings"].to_string();
    assert!(
        messages.contains("DTEND is before its DTSTART"),
        "{messages}"
    );
    assert!(messages.contains("FORTNIGHTLY"), "{messages}");
    assert!(messages.contains("quote"), "{messages}");
    assert!(messages.contains("no DTSTART"), "{messages}");
}
