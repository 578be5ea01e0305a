//! Any bytes as an iCalendar feed (SPEC §10): the ICS reader, recurrence expansion over a
//! month around the March DST changes, VTIMEZONE compilation. Only coded errors, never a panic,
//! a hang or unbounded memory (COUNT=10^9, FREQ=SECONDLY, nesting, unterminated quotes).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(ics) = std::str::from_utf8(data) else {
        return;
    };
    let request = serde_json::json!({
        "source": { "ics": ics },
        "range": { "start": "2026-03-01T00:00:00Z", "end": "2026-04-01T00:00:00Z" },
        "timezone": "Europe/Paris",
    });
    match bookable::busy_from_json(&request.to_string()) {
        Ok(r) => assert!(r.busy.windows(2).all(|w| w[0].end < w[1].start), "busy times not merged"),
        Err(e) => bookable_fuzz::check_error(&e),
    }
});
