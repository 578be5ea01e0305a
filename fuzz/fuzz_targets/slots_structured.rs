//! Structure-aware: fuzzer bytes shape a whole slots request (every SPEC 1.1 field, DST weeks,
//! small steps), so the fuzzer spends its time in the engine, not in the reader. The request
//! and a prepared Scheduler asked for the same range must agree exactly.
#![no_main]

use bookable::{Instant, Scheduler};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some(plan) = bookable_fuzz::plan(data) else {
        return;
    };
    let request = plan.request();
    let text = request.to_string();
    let direct = bookable::slots_from_json(&text, 0);
    match &direct {
        Ok(r) => bookable_fuzz::check_slots(r),
        Err(e) => bookable_fuzz::check_error(e),
    }
    let Ok(direct) = direct else { return };
    let mut page = request.clone();
    let range = page.as_object_mut().and_then(|o| o.remove("range")).unwrap_or_default();
    let scheduler = Scheduler::from_json(&page.to_string()).expect("the page of a valid request");
    let at = |k: &str| Instant::parse(range[k].as_str().unwrap_or_default(), k).expect("an instant");
    let prepared = scheduler
        .slots(at("start"), at("end"), None, 0)
        .expect("the same range answers");
    assert_eq!(direct.slots, prepared.slots, "request and Scheduler disagree");
    assert_eq!(direct.days, prepared.days);
});
