//! The viewer's local times of slots (issue 9, "one tz database per page"):
//! `SlotsResponse::viewer_offsets` and `Scheduler::slots_for_viewer`.
//!
//! Expected offsets are hand-checked facts of the tz database, true in both 2025b and 2026f
//! (none of these zones changed between them): Paris CET +01:00 / CEST +02:00 (change
//! 2026-03-29T01:00Z), Kolkata +05:30 always, Lord Howe +10:30 / +11:00 (summer from
//! 2026-10-04, 02:00 local), New York EST −05:00 / EDT −04:00 (change 2026-03-08T07:00Z).

use bookable::format_local;
use bookable::{Instant, Scheduler, SlotsResponse};
use serde_json::{json, Value};

fn slots(request: Value) -> SlotsResponse {
    bookable::slots_from_value(&request, 0).expect("a valid request")
}

/// The viewer-local `(start, end)` wall times of every slot, from the engine's offsets.
fn local_times(response: &SlotsResponse) -> Vec<(String, String)> {
    let (starts, ends) = response.viewer_offsets();
    assert_eq!(starts.len(), response.slots.len());
    assert_eq!(ends.len(), response.slots.len());
    response
        .slots
        .iter()
        .zip(starts.iter().zip(&ends))
        .map(|(s, (&a, &b))| {
            (
                format_local(s.start.0 + i64::from(a) * 1000),
                format_local(s.end.0 + i64::from(b) * 1000),
            )
        })
        .collect()
}

/// A host in `zone` working `weekly`, the page and the viewer in `zone` too.
fn own_zone(zone: &str, weekly: Value, start: &str, end: &str, duration: u32) -> Value {
    json!({
        "now": "2026-01-01T00:00:00Z",
        "range": { "start": start, "end": end },
        "timezone": zone,
        "event": { "duration": duration },
        "members": [ { "id": "h", "timezone": zone, "weekly": weekly } ]
    })
}

#[test]
fn a_viewer_in_the_hosts_zone_sees_the_hosts_wall_clock_hours() {
    // Whatever the offsets are, a host's 09:00 is the viewer's 09:00 when both are in one zone:
    // the local values and the slots come from the same database.
    for zone in [
        "Europe/Paris",
        "Asia/Kolkata",
        "Australia/Lord_Howe",
        "America/Vancouver",
        "America/New_York",
        "Asia/Kathmandu",
        "Pacific/Chatham",
    ] {
        let response = slots(own_zone(
            zone,
            json!({ "tue": [["09:00", "10:00"]] }),
            "2026-11-30T00:00:00Z",
            "2026-12-03T00:00:00Z",
            60,
        ));
        assert_eq!(
            local_times(&response),
            [(
                "2026-12-01T09:00".to_string(),
                "2026-12-01T10:00".to_string()
            )],
            "{zone}"
        );
        assert_eq!(response.days[0].date, "2026-12-01", "{zone}");
    }
}

#[test]
fn hand_checked_offsets_for_paris_kolkata_and_lord_howe() {
    // One UTC host working every day 06:00–07:00; the viewer zone varies.
    let every_day: Value = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|d| (d.to_string(), json!([["06:00", "07:00"]])))
        .collect::<serde_json::Map<_, _>>()
        .into();
    let cases = [
        // 2026-03-28T06:00Z: CET; 2026-03-29T06:00Z: CEST (changed at 01:00Z)
        (
            "Europe/Paris",
            "2026-03-28T00:00:00Z",
            [3600, 7200],
            ["2026-03-28T07:00", "2026-03-29T08:00"],
        ),
        (
            "Asia/Kolkata",
            "2026-03-28T00:00:00Z",
            [19_800, 19_800],
            ["2026-03-28T11:30", "2026-03-29T11:30"],
        ),
        // Lord Howe: +10:30 in winter, +11:00 from 2026-10-04 02:00 local (2026-10-03T15:30Z)
        (
            "Australia/Lord_Howe",
            "2026-10-03T00:00:00Z",
            [37_800, 39_600],
            ["2026-10-03T16:30", "2026-10-04T17:00"],
        ),
    ];
    for (zone, start, offsets, locals) in cases {
        let mut request = own_zone("UTC", every_day.clone(), start, "", 60);
        request["range"]["end"] =
            json!(Instant(Instant::parse(start, "s").unwrap().0 + 2 * 86_400_000).to_string());
        request["viewerTimezone"] = json!(zone);
        let response = slots(request);
        assert_eq!(response.timezone, zone);
        let (starts, ends) = response.viewer_offsets();
        assert_eq!(starts, offsets, "{zone}");
        assert_eq!(ends, offsets, "{zone}");
        let shown: Vec<String> = local_times(&response).into_iter().map(|l| l.0).collect();
        assert_eq!(shown, locals, "{zone}");
        // `days` counts each slot on the date of its local start.
        let dates: Vec<&str> = response.days.iter().map(|d| d.date.as_str()).collect();
        let local_dates: Vec<&str> = locals.iter().map(|l| &l[..10]).collect();
        assert_eq!(dates, local_dates, "{zone}");
    }
}

#[test]
fn a_slot_across_an_offset_change_has_its_own_end_offset() {
    // New York springs forward at 2026-03-08T07:00Z (02:00 EST → 03:00 EDT). A UTC host free
    // 06:00–08:00Z, 60-minute slots every 30 minutes: 06:00Z–07:00Z is 01:00–03:00 there, 06:30Z–07:30Z
    // 01:30–03:30.
    let mut request = own_zone(
        "UTC",
        json!({ "sun": [["06:00", "08:00"]] }),
        "2026-03-08T00:00:00Z",
        "2026-03-09T00:00:00Z",
        60,
    );
    request["event"]["step"] = json!(30);
    request["viewerTimezone"] = json!("America/New_York");
    let response = slots(request);
    let (starts, ends) = response.viewer_offsets();
    assert_eq!(starts, [-18_000, -18_000, -14_400]);
    // 07:00Z itself is already EDT: the first slot ends at 03:00 local too.
    assert_eq!(ends, [-14_400, -14_400, -14_400]);
    let local: Vec<(&str, &str)> = vec![
        ("2026-03-08T01:00", "2026-03-08T03:00"),
        ("2026-03-08T01:30", "2026-03-08T03:30"),
        ("2026-03-08T03:00", "2026-03-08T04:00"),
    ];
    let got = local_times(&response);
    let got: Vec<(&str, &str)> = got.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(got, local);
}

#[test]
fn no_slots_no_offsets() {
    let response = slots(own_zone(
        "Europe/Paris",
        json!({}),
        "2026-12-01T00:00:00Z",
        "2026-12-02T00:00:00Z",
        30,
    ));
    assert_eq!(response.viewer_offsets(), (vec![], vec![]));
}

#[test]
fn one_scheduler_answers_each_viewer_in_their_zone() {
    let mut request = own_zone(
        "Europe/Paris",
        json!({ "mon": [["23:00", "24:00"]] }),
        "",
        "",
        60,
    );
    request.as_object_mut().unwrap().remove("range");
    let scheduler = Scheduler::from_value(&request).unwrap();
    // Monday 2026-11-23 23:00 Paris = 22:00Z: Monday in Paris and New York, Tuesday in Tokyo.
    let (start, end) = (
        Instant::parse("2026-11-23T00:00:00Z", "s").unwrap(),
        Instant::parse("2026-11-24T00:00:00Z", "e").unwrap(),
    );
    let default = scheduler.slots(start, end, None, 0).unwrap();
    assert_eq!(default.timezone, "Europe/Paris");
    assert_eq!(local_times(&default)[0].0, "2026-11-23T23:00");
    for (viewer, date, local) in [
        ("Asia/Tokyo", "2026-11-24", "2026-11-24T07:00"),
        ("America/New_York", "2026-11-23", "2026-11-23T17:00"),
        ("Asia/Calcutta", "2026-11-24", "2026-11-24T03:30"),
    ] {
        let r = scheduler
            .slots_for_viewer(start, end, None, Some(viewer), 0)
            .unwrap();
        assert_eq!(r.timezone, viewer, "echoed as given");
        assert_eq!(r.slots, default.slots, "the same instants for every viewer");
        assert_eq!(r.days.len(), 1);
        assert_eq!(r.days[0].date, date);
        assert_eq!(local_times(&r)[0].0, local);
    }
    // None keeps the request's own viewer zone.
    let same = scheduler
        .slots_for_viewer(start, end, None, None, 0)
        .unwrap();
    assert_eq!(same, default);
    let err = scheduler
        .slots_for_viewer(start, end, None, Some("Europe/Atlantis"), 0)
        .unwrap_err();
    assert_eq!(err.code.as_str(), "invalid_timezone");
    assert_eq!(err.path, "viewerTimezone");
}
