//! Any bytes as a slots request: the reader and, past it, the engine.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match bookable::slots_from_json(text, 1_772_928_000_000) {
        Ok(r) => bookable_fuzz::check_slots(&r),
        Err(e) => bookable_fuzz::check_error(&e),
    }
});
