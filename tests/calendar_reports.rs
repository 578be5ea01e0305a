//! SPEC §10 v1.2 by the public reports it answers: feeds as Outlook/Exchange, Google and
//! Radicale really write them, each read through `busy_from_json` (the answer of `bookable
//! busy` and `busyTimes`) and, where a wrong reading would leave a busy day bookable, through a
//! slots request too. Every expected interval is worked out by hand in its comment from the
//! feed, the zone's offset on that date and the rule of SPEC §10.

mod common;

use common::{busy_spans, member, request, slots, starts};
use serde_json::{json, Value};

/// An iCalendar file of CRLF lines.
fn ics(lines: &[&str]) -> String {
    lines.join("\r\n") + "\r\n"
}

/// The busy response to an ICS source (with `extra` source fields) over `[start, end)` in `zone`.
fn busy_response(text: &str, extra: Value, range: (&str, &str), zone: &str) -> Value {
    let mut source = json!({ "ics": text });
    for (k, v) in extra.as_object().unwrap() {
        source[k] = v.clone();
    }
    let request = json!({
        "source": source,
        "range": { "start": range.0, "end": range.1 },
        "timezone": zone,
    });
    match bookable::busy_from_json(&request.to_string()) {
        Ok(r) => serde_json::to_value(r).unwrap(),
        Err(e) => panic!("{e}"),
    }
}

fn busy(text: &str, range: (&str, &str), zone: &str) -> Vec<String> {
    let response = busy_response(text, json!({}), range, zone);
    assert_eq!(response["warnings"], json!([]), "{response}");
    busy_spans(&response)
}

/// An all-day series as Outlook exports it ("Offsite", shown as out of office), its RRULE given.
/// Its dates are read in the member's zone.
fn outlook_all_day(start: &str, end: &str, rrule: &str) -> String {
    ics(&[
        "BEGIN:VCALENDAR",
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        "VERSION:2.0",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        "CLASS:PUBLIC",
        "CREATED:20260901T081500Z",
        &format!("DTEND;VALUE=DATE:{end}"),
        "DTSTAMP:20260901T081500Z",
        &format!("DTSTART;VALUE=DATE:{start}"),
        &format!("RRULE:{rrule}"),
        "SEQUENCE:0",
        "SUMMARY:Offsite",
        "TRANSP:OPAQUE",
        "UID:040000008200E00074C5B7101A82E00800000000D0F2C1A3E43ADC01000000000000000010000000",
        "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
        "X-MICROSOFT-CDO-BUSYSTATUS:OOF",
        "END:VEVENT",
        "END:VCALENDAR",
    ])
}

#[test]
fn node_ical_544_outlook_all_day_series_until_utc_midnight() {
    // "Every day until Friday 16 October" made in Tokyo (UTC+9, no DST): Outlook ends the series
    // at Friday's local midnight in UTC, 2026-10-15T15:00Z. Friday's 00:00 in Tokyo is not after
    // that instant, so Friday stays: Monday 12 to Friday 16 October, 00:00 JST each, one merged
    // interval from 2026-10-11T15:00Z to 2026-10-16T15:00Z. Read as a UTC date (15 October) the
    // Friday was lost.
    let text = outlook_all_day(
        "20261012",
        "20261013",
        "FREQ=DAILY;UNTIL=20261015T150000Z;INTERVAL=1",
    );
    let october = ("2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z");
    assert_eq!(
        busy(&text, october, "Asia/Tokyo"),
        ["2026-10-11T15:00:00Z/2026-10-16T15:00:00Z"]
    );

    // The Friday is not bookable: a Tokyo member working 09:00–17:00 on weekdays has no slot
    // that week; the first one is Monday 19 October 09:00 JST (00:00Z).
    let mut ana = member(
        "ana",
        "Asia/Tokyo",
        json!({ "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]],
                "wed": [["09:00", "17:00"]], "thu": [["09:00", "17:00"]],
                "fri": [["09:00", "17:00"]] }),
    );
    ana["calendars"] = json!([{ "ics": text }]);
    let week = request(
        "Asia/Tokyo",
        "2026-10-11T15:00:00Z",
        "2026-10-19T15:00:00Z",
        json!({ "duration": 60, "step": 60 }),
        json!([ana]),
    );
    let got = starts(&slots(&week));
    assert_eq!(
        got.first().map(String::as_str),
        Some("2026-10-19T00:00:00Z")
    );
    assert_eq!(got.len(), 8, "{got:?}");

    // A one-day yearly series (Christmas, all day) made in Sydney (AEDT, UTC+11 in December):
    // UNTIL is 25 December's local midnight, 2026-12-24T13:00Z, the very instant of DTSTART.
    // Read as a UTC date (24 December) it ended before it began and the day vanished.
    let text = outlook_all_day(
        "20261225",
        "20261226",
        "FREQ=YEARLY;UNTIL=20261224T130000Z;BYMONTHDAY=25;BYMONTH=12",
    );
    assert_eq!(
        busy(
            &text,
            ("2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"),
            "Australia/Sydney"
        ),
        ["2026-12-24T13:00:00Z/2026-12-25T13:00:00Z"]
    );
    // And only that day: nothing the next Christmas.
    let next_year = ("2026-12-27T00:00:00Z", "2027-12-28T00:00:00Z");
    assert_eq!(
        busy(&text, next_year, "Australia/Sydney"),
        Vec::<String>::new()
    );

    // West of UTC the same rule keeps the last day when UNTIL is its local midnight and drops
    // it when UNTIL is a second earlier. New York in October is EDT (UTC−4): Friday 16
    // October's 00:00 is 04:00Z. With UNTIL 04:00:00Z: 12–16 October, 04:00Z to 04:00Z; with
    // UNTIL 03:59:59Z the Friday's midnight is after it: 12–15 October.
    let new_york =
        |until: &str| outlook_all_day("20261012", "20261013", &format!("FREQ=DAILY;UNTIL={until}"));
    assert_eq!(
        busy(&new_york("20261016T040000Z"), october, "America/New_York"),
        ["2026-10-12T04:00:00Z/2026-10-17T04:00:00Z"]
    );
    assert_eq!(
        busy(&new_york("20261016T035959Z"), october, "America/New_York"),
        ["2026-10-12T04:00:00Z/2026-10-16T04:00:00Z"]
    );
}

#[test]
fn exchange_byday_with_spaces() {
    // Exchange writes `BYDAY=MO, TU, WE`: the spaces are read as if absent. A 09:00–09:30
    // meeting in "W. Europe Standard Time" (the file's own VTIMEZONE: CEST until the last
    // Sunday of October, 25 October 2026, CET after) on Monday to Wednesday of two weeks, until
    // 2026-10-30T07:00Z: 19–21 October at 07:00Z (UTC+2), 26–28 October at 08:00Z (UTC+1).
    let feed = |byday: &str| {
        ics(&[
            "BEGIN:VCALENDAR",
            "METHOD:PUBLISH",
            "PRODID:Microsoft Exchange Server 2010",
            "VERSION:2.0",
            "BEGIN:VTIMEZONE",
            "TZID:W. Europe Standard Time",
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
            "BEGIN:VEVENT",
            &format!("RRULE:FREQ=WEEKLY;UNTIL=20261030T070000Z;INTERVAL=1;BYDAY={byday};WKST=SU"),
            "UID:040000008200E00074C5B7101A82E0080000000050E6F9F7C85ADC01000000000000000010000000",
            "SUMMARY;LANGUAGE=de-DE:Team",
            "DTSTART;TZID=W. Europe Standard Time:20261019T090000",
            "DTEND;TZID=W. Europe Standard Time:20261019T093000",
            "CLASS:PUBLIC",
            "PRIORITY:5",
            "DTSTAMP:20261012T101500Z",
            "TRANSP:OPAQUE",
            "STATUS:CONFIRMED",
            "SEQUENCE:0",
            "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
            "END:VEVENT",
            "END:VCALENDAR",
        ])
    };
    let range = ("2026-10-18T00:00:00Z", "2026-11-09T00:00:00Z");
    let want = [
        "2026-10-19T07:00:00Z/2026-10-19T07:30:00Z",
        "2026-10-20T07:00:00Z/2026-10-20T07:30:00Z",
        "2026-10-21T07:00:00Z/2026-10-21T07:30:00Z",
        "2026-10-26T08:00:00Z/2026-10-26T08:30:00Z",
        "2026-10-27T08:00:00Z/2026-10-27T08:30:00Z",
        "2026-10-28T08:00:00Z/2026-10-28T08:30:00Z",
    ];
    assert_eq!(busy(&feed("MO, TU, WE"), range, "Europe/Berlin"), want);
    assert_eq!(busy(&feed("MO,TU , WE"), range, "Europe/Berlin"), want);
    assert_eq!(busy(&feed("MO,TU,WE"), range, "Europe/Berlin"), want);
}

#[test]
fn google_free_busy_feed_of_overrides_without_their_series() {
    // A Google calendar shared as "free/busy only" publishes each instance of a recurring
    // meeting as an override (UID + RECURRENCE-ID) whose series is not in the file; each is an
    // event of its own (SPEC §10 v1.2):
    // - 4 November 09:00–10:00Z as named;
    // - 11 November moved to 14:00–15:00Z (the override's own DTSTART counts, not its
    //   RECURRENCE-ID);
    // - 18 November cancelled: not busy;
    // - 25 November written twice (SEQUENCE 1 at 16:00Z, then SEQUENCE 0 at 11:00Z later in the
    //   file): the highest SEQUENCE wins, 16:00–16:30Z;
    // and a single event (no RECURRENCE-ID) on 5 November 13:00–13:45 Paris (CET, 12:00Z).
    let uid = "UID:5l0v3q0i8m4c2bd1f0b5l0c6sv@google.com";
    let text = ics(&[
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:ana@example.com",
        "X-WR-TIMEZONE:Europe/Paris",
        "BEGIN:VEVENT",
        "DTSTART:20261104T090000Z",
        "DTEND:20261104T100000Z",
        "DTSTAMP:20261101T120000Z",
        uid,
        "RECURRENCE-ID:20261104T090000Z",
        "SUMMARY:Busy",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART:20261111T140000Z",
        "DTEND:20261111T150000Z",
        "DTSTAMP:20261101T120000Z",
        uid,
        "RECURRENCE-ID:20261111T090000Z",
        "SUMMARY:Busy",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART:20261118T090000Z",
        "DTEND:20261118T100000Z",
        "DTSTAMP:20261101T120000Z",
        uid,
        "RECURRENCE-ID:20261118T090000Z",
        "STATUS:CANCELLED",
        "SUMMARY:Busy",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART:20261125T160000Z",
        "DTEND:20261125T163000Z",
        "DTSTAMP:20261101T120000Z",
        uid,
        "SEQUENCE:1",
        "RECURRENCE-ID:20261125T090000Z",
        "SUMMARY:Busy",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART:20261125T110000Z",
        "DTEND:20261125T120000Z",
        "DTSTAMP:20261101T120000Z",
        uid,
        "SEQUENCE:0",
        "RECURRENCE-ID:20261125T090000Z",
        "SUMMARY:Busy",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART;TZID=Europe/Paris:20261105T130000",
        "DTEND;TZID=Europe/Paris:20261105T134500",
        "DTSTAMP:20261101T120000Z",
        "UID:0s1hq3m1v4kq9a2pq6d3kq8g0b@google.com",
        "SUMMARY:Busy",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    assert_eq!(
        busy(
            &text,
            ("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"),
            "Europe/Paris"
        ),
        [
            "2026-11-04T09:00:00Z/2026-11-04T10:00:00Z",
            "2026-11-05T12:00:00Z/2026-11-05T12:45:00Z",
            "2026-11-11T14:00:00Z/2026-11-11T15:00:00Z",
            "2026-11-25T16:00:00Z/2026-11-25T16:30:00Z",
        ]
    );
}

#[test]
fn radicale_per_interval_vfreebusy() {
    // Radicale answers a CalDAV free-busy-query with one VFREEBUSY per busy occurrence:
    // DTSTAMP, DTSTART, DTEND and an FBTYPE property, no FREEBUSY lines (vobject's output). Each
    // is one period from DTSTART to DTEND: BUSY 09:00–10:00Z, a cancelled event written as
    // FBTYPE:FREE (not busy), a tentative one 13:00–13:30Z (busy unless `tentative: "free"`),
    // BUSY-UNAVAILABLE 15:00–16:00Z; one without DTEND is left out with a warning naming its
    // line (16), and the rest still counts.
    let text = ics(&[
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//PYVOBJECT//NONSGML Version 1//EN",
        "BEGIN:VFREEBUSY",
        "DTSTAMP:20261001T080000Z",
        "DTSTART:20261005T090000Z",
        "DTEND:20261005T100000Z",
        "FBTYPE:BUSY",
        "END:VFREEBUSY",
        "BEGIN:VFREEBUSY",
        "DTSTAMP:20261001T080000Z",
        "DTSTART:20261005T110000Z",
        "DTEND:20261005T120000Z",
        "FBTYPE:FREE",
        "END:VFREEBUSY",
        "BEGIN:VFREEBUSY",
        "DTSTAMP:20261001T080000Z",
        "DTSTART:20261005T130000Z",
        "FBTYPE:BUSY",
        "END:VFREEBUSY",
        "BEGIN:VFREEBUSY",
        "DTSTAMP:20261001T080000Z",
        "DTSTART:20261005T130000Z",
        "DTEND:20261005T133000Z",
        "FBTYPE:BUSY-TENTATIVE",
        "END:VFREEBUSY",
        "BEGIN:VFREEBUSY",
        "DTSTAMP:20261001T080000Z",
        "DTSTART:20261005T150000Z",
        "DTEND:20261005T160000Z",
        "FBTYPE:BUSY-UNAVAILABLE",
        "END:VFREEBUSY",
        "END:VCALENDAR",
    ]);
    let range = ("2026-10-05T00:00:00Z", "2026-10-06T00:00:00Z");
    let all = busy_response(&text, json!({}), range, "UTC");
    assert_eq!(
        busy_spans(&all),
        [
            "2026-10-05T09:00:00Z/2026-10-05T10:00:00Z",
            "2026-10-05T13:00:00Z/2026-10-05T13:30:00Z",
            "2026-10-05T15:00:00Z/2026-10-05T16:00:00Z",
        ]
    );
    let warnings = all["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["line"], 16);
    assert!(
        warnings[0]["message"].as_str().unwrap().contains("DTEND"),
        "{warnings:?}"
    );
    let tentative_free = busy_response(&text, json!({ "tentative": "free" }), range, "UTC");
    assert_eq!(
        busy_spans(&tentative_free),
        [
            "2026-10-05T09:00:00Z/2026-10-05T10:00:00Z",
            "2026-10-05T15:00:00Z/2026-10-05T16:00:00Z",
        ]
    );
}
