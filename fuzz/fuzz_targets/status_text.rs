//! Any bytes as a status request (one member or a team).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = bookable::status_from_json(text, 1_772_928_000_000) {
        bookable_fuzz::check_error(&e);
    }
});
