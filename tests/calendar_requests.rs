//! SPEC §10 in requests: `member.calendars` in slots and status requests (instances count
//! exactly as `busy` items), Google freeBusy and Graph getSchedule sources, `bookable busy`,
//! every error and limit, and bounded work on hostile feeds.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;

use common::{slots, slots_err, starts, status};
use serde_json::{json, Value};

fn ics(lines: &[&str]) -> String {
    let mut all = vec!["BEGIN:VCALENDAR"];
    all.extend_from_slice(lines);
    all.push("END:VCALENDAR");
    all.join("\r\n")
}

/// A Monday 09:30–10:00 meeting in Paris, weekly from 2026-03-02.
fn standup() -> String {
    ics(&[
        "BEGIN:VEVENT",
        "UID:standup",
        "DTSTART;TZID=Europe/Paris:20260302T093000",
        "DTEND;TZID=Europe/Paris:20260302T100000",
        "RRULE:FREQ=WEEKLY;BYDAY=MO",
        "END:VEVENT",
    ])
}

/// A one-member page in Paris, Mondays 09:00–11:00, over one day.
fn page(calendars: Value, day: &str) -> Value {
    json!({
        "now": "2026-01-01T00:00:00Z",
        "range": { "start": format!("{day}T00:00:00Z"), "end": format!("{day}T23:59:00Z") },
        "timezone": "Europe/Paris",
        "event": { "duration": 30 },
        "members": [ { "id": "ana", "timezone": "Europe/Paris",
                       "weekly": { "mon": [["09:00", "11:00"]] }, "calendars": calendars } ]
    })
}

fn busy_request(source: Value, start: &str, end: &str) -> Value {
    json!({ "source": source, "range": { "start": start, "end": end }, "timezone": "Europe/Paris" })
}

fn busy(req: &Value) -> Result<Value, (String, String)> {
    bookable::busy_from_json(&req.to_string())
        .map(|r| serde_json::to_value(r).unwrap())
        .map_err(|e| (e.code.as_str().to_string(), e.path))
}

#[test]
fn calendar_instances_take_slots_and_explain_names_them() {
    let mut req = page(json!([{ "ics": standup() }]), "2026-03-23");
    req["explain"] = json!("2026-03-23T08:30:00Z");
    let r = slots(&req);
    // 09:00–11:00 Paris is 08:00Z–10:00Z; the standup takes 08:30Z–09:00Z.
    assert_eq!(
        starts(&r),
        [
            "2026-03-23T08:00:00Z",
            "2026-03-23T09:00:00Z",
            "2026-03-23T09:30:00Z"
        ]
    );
    assert_eq!(r["explanation"]["members"][0]["reasons"], json!(["busy"]));
    // With a buffer after, 08:00Z would end where the standup starts: a buffer reason.
    req["event"]["bufferAfter"] = json!(15);
    req["explain"] = json!("2026-03-23T08:00:00Z");
    let r = slots(&req);
    assert_eq!(starts(&r), ["2026-03-23T09:00:00Z", "2026-03-23T09:30:00Z"]);
    assert_eq!(r["explanation"]["members"][0]["reasons"], json!(["buffer"]));
}

#[test]
fn calendar_instances_count_exactly_as_the_busy_items_bookable_busy_yields() {
    let feeds = [
        standup(),
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/feeds/node-ical/ms_timezones.ics"
        ))
        .unwrap(),
    ];
    for feed in feeds {
        for day in ["2026-03-23", "2026-03-30", "2026-11-02"] {
            let with_calendar = slots(&page(json!([{ "ics": feed }]), day));
            let from_busy = busy(&json!({
                "source": { "ics": feed },
                "range": { "start": format!("{day}T00:00:00Z"), "end": format!("{day}T23:59:00Z") },
                "timezone": "Europe/Paris"
            }))
            .unwrap();
            let mut req = page(json!([]), day);
            req["members"][0]["busy"] = from_busy["busy"].clone();
            assert_eq!(with_calendar["slots"], slots(&req)["slots"], "{day}");
        }
    }
}

#[test]
fn a_scheduler_expands_its_calendars_for_each_range_it_is_asked() {
    let mut req = page(json!([{ "ics": standup() }]), "2026-03-23");
    req.as_object_mut().unwrap().remove("range");
    let scheduler = bookable::Scheduler::from_value(&req).unwrap();
    for (day, first_busy) in [
        ("2026-03-23", "2026-03-23T08:30:00Z"),
        ("2027-06-07", "2027-06-07T07:30:00Z"),
    ] {
        let start = bookable::Instant::parse(&format!("{day}T00:00:00Z"), "start").unwrap();
        let end = bookable::Instant(start.0 + 86_400_000);
        let got = scheduler.slot_starts(start, end, None, 0).unwrap();
        let busy_ms = bookable::Instant::parse(first_busy, "busy").unwrap().0;
        assert_eq!(got.len(), 3, "{day}");
        assert!(!got.contains(&busy_ms), "{day}");
    }
}

#[test]
fn a_status_reads_calendars_and_ignores_them() {
    let req = json!({
        "now": "2026-03-23T08:40:00Z",
        "member": { "id": "ana", "timezone": "Europe/Paris", "weekly": { "mon": [["09:00", "11:00"]] },
                    "calendars": [{ "ics": standup() }] }
    });
    let r = status(&req);
    assert_eq!(r["status"], "available");
    assert_eq!(r["until"], "2026-03-23T10:00:00Z");
    assert_eq!(
        r["hoursToday"],
        json!([{ "start": "2026-03-23T08:00:00Z", "end": "2026-03-23T10:00:00Z" }])
    );
    // Still read: a broken calendar is an error there too.
    let mut bad = req.clone();
    bad["member"]["calendars"] = json!([{ "ics": "nope" }]);
    let e = bookable::status_from_value(&bad, 0).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("invalid_calendar", "member.calendars[0]")
    );
}

#[test]
fn google_free_busy_intervals_and_a_calendar_with_errors() {
    let google = json!({
        "kind": "calendar#freeBusy",
        "timeMin": "2026-03-23T00:00:00.000Z", "timeMax": "2026-03-24T00:00:00.000Z",
        "calendars": {
            "ana@example.com": { "busy": [
                { "start": "2026-03-23T08:30:00Z", "end": "2026-03-23T09:00:00Z" },
                { "start": "2026-03-23T10:30:00+01:00", "end": "2026-03-23T11:00:00+01:00" } ] },
            "room@example.com": { "busy": [] }
        }
    });
    let r = busy(&busy_request(
        json!({ "googleFreeBusy": google }),
        "2026-03-23T00:00:00Z",
        "2026-03-24T00:00:00Z",
    ))
    .unwrap();
    assert_eq!(
        r["busy"],
        json!([{ "start": "2026-03-23T08:30:00Z", "end": "2026-03-23T09:00:00Z" },
               { "start": "2026-03-23T09:30:00Z", "end": "2026-03-23T10:00:00Z" }])
    );
    assert_eq!(
        starts(&slots(&page(
            json!([{ "googleFreeBusy": google }]),
            "2026-03-23"
        ))),
        ["2026-03-23T08:00:00Z", "2026-03-23T09:00:00Z"]
    );
    let mut failed = google.clone();
    failed["calendars"]["room@example.com"] =
        json!({ "errors": [{ "domain": "global", "reason": "notFound" }], "busy": [] });
    let e = bookable::slots_from_value(
        &page(
            json!([{ "ics": standup() }, { "googleFreeBusy": failed }]),
            "2026-03-23",
        ),
        0,
    )
    .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("invalid_calendar", "members[0].calendars[1]")
    );
    assert!(
        e.message.contains("room@example.com") && e.message.contains("notFound"),
        "{e}"
    );
}

#[test]
fn graph_schedule_items_with_windows_zones_and_their_statuses() {
    let item = |status: &str, start: &str, end: &str| {
        json!({ "isPrivate": false, "status": status, "subject": "x",
                "start": { "dateTime": start, "timeZone": "Romance Standard Time" },
                "end": { "dateTime": end, "timeZone": "Romance Standard Time" } })
    };
    let graph = json!({ "value": [ { "scheduleId": "ana@contoso.com", "availabilityView": "0220",
        "scheduleItems": [
            item("busy", "2026-03-23T09:30:00.0000000", "2026-03-23T10:00:00.0000000"),
            item("tentative", "2026-03-23T10:00:00.0000000", "2026-03-23T10:30:00.0000000"),
            item("oof", "2026-03-24T00:00:00.0000000", "2026-03-25T00:00:00.0000000"),
            item("free", "2026-03-23T12:00:00.0000000", "2026-03-23T13:00:00.0000000"),
            item("workingElsewhere", "2026-03-23T14:00:00.0000000", "2026-03-23T15:00:00.0000000") ] } ] });
    let range = ("2026-03-23T00:00:00Z", "2026-03-26T00:00:00Z");
    let r = busy(&busy_request(
        json!({ "graphSchedule": graph }),
        range.0,
        range.1,
    ))
    .unwrap();
    assert_eq!(
        r["busy"],
        json!([{ "start": "2026-03-23T08:30:00Z", "end": "2026-03-23T09:30:00Z" },
               { "start": "2026-03-23T23:00:00Z", "end": "2026-03-24T23:00:00Z" }])
    );
    let r = busy(&busy_request(
        json!({ "graphSchedule": graph, "tentative": "free" }),
        range.0,
        range.1,
    ))
    .unwrap();
    assert_eq!(
        r["busy"][0],
        json!({ "start": "2026-03-23T08:30:00Z", "end": "2026-03-23T09:00:00Z" })
    );
    let failed = json!({ "value": [ { "scheduleId": "x@contoso.com", "error": { "message": "not found", "responseCode": "ErrorMailRecipientNotFound" } } ] });
    assert_eq!(
        busy(&busy_request(
            json!({ "graphSchedule": failed }),
            range.0,
            range.1
        ))
        .unwrap_err(),
        ("invalid_calendar".to_string(), "source".to_string())
    );
    let mut bad_zone = graph.clone();
    bad_zone["value"][0]["scheduleItems"][0]["start"]["timeZone"] = json!("Mars Standard Time");
    assert_eq!(
        busy(&busy_request(
            json!({ "graphSchedule": bad_zone }),
            range.0,
            range.1
        ))
        .unwrap_err()
        .0,
        "invalid_calendar"
    );
}

#[test]
fn every_source_error_at_its_path() {
    let cases: [(Value, &str, &str); 9] = [
        (
            json!([{ "ics": standup() }, { "ics": "BEGIN:VEVENT\nEND:VEVENT" }]),
            "invalid_calendar",
            "members[0].calendars[1]",
        ),
        (
            json!([{ "ics": "BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR" }]),
            "invalid_calendar",
            "members[0].calendars[0]",
        ),
        (
            json!([{ "ics": "BEGIN:VCALENDAR\nBEGIN:VEVENT\n" }]),
            "invalid_calendar",
            "members[0].calendars[0]",
        ),
        (
            json!([{ "ics": standup(), "color": "red" }]),
            "unknown_field",
            "members[0].calendars[0].color",
        ),
        (
            json!([{ "allDay": "free" }]),
            "missing_field",
            "members[0].calendars[0].ics",
        ),
        (
            json!([{ "ics": standup(), "googleFreeBusy": {} }]),
            "invalid_value",
            "members[0].calendars[0]",
        ),
        (
            json!([{ "ics": standup(), "allDay": "maybe" }]),
            "invalid_value",
            "members[0].calendars[0].allDay",
        ),
        (
            json!([{ "ics": 42 }]),
            "invalid_value",
            "members[0].calendars[0].ics",
        ),
        (
            json!({ "ics": standup() }),
            "invalid_value",
            "members[0].calendars",
        ),
    ];
    for (calendars, code, path) in cases {
        let (c, p) = slots_err(&page(calendars.clone(), "2026-03-23"));
        assert_eq!((c.as_str(), p.as_str()), (code, path), "{calendars}");
    }
    let e = bookable::slots_from_value(
        &page(
            json!([{ "ics": "BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR" }]),
            "2026-03-23",
        ),
        0,
    )
    .unwrap_err();
    assert!(
        e.message
            .starts_with("line 3: END:VCALENDAR does not close BEGIN:VEVENT of line 2"),
        "{e}"
    );
    assert_eq!(
        busy(&json!({ "source": { "ics": standup() }, "range": { "start": "2026-03-23T00:00:00Z", "end": "2026-03-24T00:00:00Z" } })).unwrap_err(),
        ("missing_field".to_string(), "timezone".to_string())
    );
    assert_eq!(
        busy(&busy_request(
            json!({ "ics": standup() }),
            "2026-03-23T00:00:00Z",
            "2027-03-25T00:00:00Z"
        ))
        .unwrap_err(),
        ("limit_exceeded".to_string(), "range".to_string())
    );
}

#[test]
fn the_cli_answers_busy_requests_and_exits_2_on_a_bad_feed() {
    let run = |input: &Value| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bookable"))
            .arg("busy")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.to_string().as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.code().unwrap(),
            serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        )
    };
    let (code, out) = run(&busy_request(
        json!({ "ics": standup() }),
        "2026-03-23T00:00:00Z",
        "2026-03-24T00:00:00Z",
    ));
    assert_eq!(code, 0);
    assert_eq!(
        out,
        json!({ "busy": [{ "start": "2026-03-23T08:30:00Z", "end": "2026-03-23T09:00:00Z" }], "warnings": [] })
    );
    let (code, out) = run(&busy_request(
        json!({ "ics": "<html>" }),
        "2026-03-23T00:00:00Z",
        "2026-03-24T00:00:00Z",
    ));
    assert_eq!(code, 2);
    assert_eq!(
        (out["error"]["code"].as_str(), out["error"]["path"].as_str()),
        (Some("invalid_calendar"), Some("source"))
    );
}

#[test]
fn ten_megabytes_of_ics_per_request_then_limit_exceeded() {
    let filler = format!("X-FILLER:{}", "x".repeat(70));
    let body: Vec<&str> = std::iter::repeat_n(filler.as_str(), 6_000_000 / 81).collect();
    let six_mb = ics(&body);
    let (code, path) = slots_err(&page(
        json!([{ "ics": six_mb }, { "ics": six_mb }]),
        "2026-03-23",
    ));
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("limit_exceeded", "members[0].calendars[1]")
    );
}

#[test]
fn a_count_of_a_billion_and_a_secondly_rule_cost_what_the_window_holds() {
    let billion = ics(&[
        "BEGIN:VEVENT",
        "DTSTART:20100101T090000Z",
        "DURATION:PT1H",
        "RRULE:FREQ=DAILY;COUNT=1000000000",
        "END:VEVENT",
    ]);
    let t = Instant::now();
    let r = busy(&busy_request(
        json!({ "ics": billion }),
        "2026-03-23T00:00:00Z",
        "2026-03-25T00:00:00Z",
    ))
    .unwrap();
    assert_eq!(r["busy"].as_array().unwrap().len(), 2);
    assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
    // A second-by-second series with a length: each second is a busy item.
    let secondly = ics(&[
        "BEGIN:VEVENT",
        "DTSTART:20100101T000000Z",
        "DURATION:PT1S",
        "RRULE:FREQ=SECONDLY",
        "END:VEVENT",
    ]);
    let r = busy(&busy_request(
        json!({ "ics": secondly }),
        "2026-03-23T00:00:00Z",
        "2026-03-23T12:00:00Z",
    ))
    .unwrap();
    assert_eq!(
        r["busy"],
        json!([{ "start": "2026-03-23T00:00:00Z", "end": "2026-03-23T12:00:00Z" }])
    );
    assert_eq!(
        busy(&busy_request(
            json!({ "ics": secondly }),
            "2026-03-23T00:00:00Z",
            "2026-03-26T00:00:00Z"
        ))
        .unwrap_err(),
        ("limit_exceeded".to_string(), "source".to_string())
    );
    let (code, path) = slots_err(&page(json!([{ "ics": secondly }]), "2026-03-23"));
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("limit_exceeded", "members[0].calendars[0]")
    );
    // Without a length it yields nothing, at no cost.
    let zero = secondly.replace("DURATION:PT1S\r\n", "");
    assert_eq!(
        busy(&busy_request(
            json!({ "ics": zero }),
            "2026-03-23T00:00:00Z",
            "2026-03-26T00:00:00Z"
        ))
        .unwrap()["busy"],
        json!([])
    );
    assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
}

#[test]
fn ten_thousand_nested_begins_and_an_unterminated_quote_end_cleanly() {
    let mut lines = vec!["BEGIN:VCALENDAR".to_string()];
    lines.extend((0..10_000).map(|i| format!("BEGIN:X-NEST-{i}")));
    let text = lines.join("\n");
    let (code, path) = slots_err(&page(json!([{ "ics": text }]), "2026-03-23"));
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("invalid_calendar", "members[0].calendars[0]")
    );
    let e =
        bookable::slots_from_value(&page(json!([{ "ics": text }]), "2026-03-23"), 0).unwrap_err();
    assert!(
        e.message.contains("line 65") && e.message.contains("nested"),
        "{e}"
    );
    let quote = ics(&[
        "BEGIN:VEVENT",
        "DTSTART;TZID=\"Europe/Paris:20260323T090000",
        "DURATION:PT1H",
        "END:VEVENT",
    ]);
    let r = busy(&busy_request(
        json!({ "ics": quote }),
        "2026-03-23T00:00:00Z",
        "2026-03-24T00:00:00Z",
    ))
    .unwrap();
    assert_eq!(r["busy"], json!([]));
    assert_eq!(r["warnings"][0]["line"], 2);
}

#[test]
fn a_big_feed_reads_in_linear_time() {
    // 9.5 MB of events (about 27,000): read and expanded in well under a second per megabyte
    // even in a debug build.
    let mut body: Vec<String> = Vec::new();
    let (mut n, mut bytes) = (0, 0);
    while bytes < 9_500_000 {
        let day = 1 + n % 28;
        body.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:event-{n}@example.com"),
            format!(
                "DTSTART;TZID=Europe/Paris:202603{day:02}T{:02}0000",
                8 + n % 10
            ),
            format!(
                "DTEND;TZID=Europe/Paris:202603{day:02}T{:02}3000",
                8 + n % 10
            ),
            format!("SUMMARY:Meeting number {n} with a description long enough to be realistic"),
            format!("DESCRIPTION:{}", "Agenda item. ".repeat(8)),
            "END:VEVENT".to_string(),
        ]);
        bytes += body[body.len() - 7..]
            .iter()
            .map(|l| l.len() + 2)
            .sum::<usize>();
        n += 1;
    }
    let refs: Vec<&str> = body.iter().map(String::as_str).collect();
    let text = ics(&refs);
    assert!(text.len() > 9_000_000 && text.len() < 10_000_000);
    let t = Instant::now();
    let r = busy(&busy_request(
        json!({ "ics": text }),
        "2026-03-01T00:00:00Z",
        "2026-04-01T00:00:00Z",
    ))
    .unwrap();
    assert!(!r["busy"].as_array().unwrap().is_empty());
    assert!(
        t.elapsed().as_secs() < 15,
        "{n} events took {:?}",
        t.elapsed()
    );
}

/// Found by `scripts/fuzz.sh ics_text` (2026-11-30): a 70-digit BYMONTH number, folded across
/// two lines, overflowed the digit reader. It is a bad RRULE part: that event is skipped with a
/// warning naming the event's line, and the feed's other events still block.
#[test]
fn fuzz_overlong_bymonth_number_skips_its_event_and_keeps_the_rest() {
    let feed = ics(&[
        "BEGIN:VEVENT",
        "UID:bad",
        "DTSTART;TZID=Europe/Paris:20260304T120000",
        "DTEND;TZID=Europe/Paris:20260304T140000",
        &format!(
            "RRULE:FREQ=MONTHLY;COUNT=9;BYDAY=+3WE;BYMONTH=1,2,3,{}",
            "7".repeat(40)
        ),
        &format!(" {};WKST=MO", "7".repeat(30)),
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:good",
        "DTSTART:20260310T080000Z",
        "DTEND:20260310T090000Z",
        "DURATION:PT999999999H",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:long",
        &format!(
            "DTSTART:20260311T080000Z\r\nDURATION:PT{}",
            "999999999H".repeat(50)
        ),
        "END:VEVENT",
    ]);
    let out = busy(&busy_request(
        json!({ "ics": feed }),
        "2026-03-01T00:00:00Z",
        "2026-04-01T00:00:00Z",
    ))
    .unwrap();
    assert_eq!(
        out["busy"],
        json!([{ "start": "2026-03-10T08:00:00Z", "end": "2026-03-10T09:00:00Z" }])
    );
    let warnings = out["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0]["message"].as_str().unwrap().contains("BYMONTH"));
    assert_eq!(warnings[0]["line"], 2, "the line of its BEGIN:VEVENT");
    assert!(warnings[1]["message"]
        .as_str()
        .unwrap()
        .contains("DURATION"));
}
