//! The JS API as a page or Node sees it, run by wasm-bindgen-test-runner in Node and in headless
//! Chromium (`scripts/test.sh` runs this file twice; `WASM_BINDGEN_USE_BROWSER=1` picks the
//! browser). Requests are written inline with expectations worked out by hand.
#![cfg(target_arch = "wasm32")]

use bookable_wasm::{
    availability_status, compute_slots_compact, local_date_time, time_zones, tzdata_version,
    version, Scheduler, NO_GROUP,
};
use js_sys::{Array, Float64Array, Int32Array, Object, Reflect, Uint16Array, Uint32Array, JSON};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

// The package's own expansion of the compact slots response (npm/expand.js), so these tests see
// exactly what `computeSlots` and `Scheduler#slots` return to JS users.
#[wasm_bindgen(module = "/../npm/expand.js")]
extern "C" {
    #[wasm_bindgen(js_name = expandSlots)]
    fn expand_slots(compact: &JsValue) -> JsValue;
}

/// `computeSlots(request)` as the package defines it.
fn compute_slots(request: &JsValue) -> Result<JsValue, JsValue> {
    compute_slots_compact(request, false).map(|compact| expand_slots(&compact))
}

/// `scheduler.slots(start, end, now)` as the package defines it.
fn scheduler_slots(
    scheduler: &Scheduler,
    start: &JsValue,
    end: &JsValue,
    now: &JsValue,
) -> Result<JsValue, JsValue> {
    scheduler
        .slots_compact(start, end, now, &JsValue::UNDEFINED, false)
        .map(|compact| expand_slots(&compact))
}

/// A JS object from JSON text, as a page would build it.
fn js(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON is valid")
}

/// A JS value as a JSON value (objects compare whatever their key order).
fn json(value: &JsValue) -> serde_json::Value {
    let text = JSON::stringify(value)
        .expect("a response is JSON")
        .as_string()
        .expect("a string");
    serde_json::from_str(&text).expect("JSON.stringify writes JSON")
}

/// Expected JSON, written as text.
fn expect(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("expected JSON is valid")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).expect("an object")
}

fn starts(response: &JsValue) -> Vec<String> {
    Array::from(&get(response, "slots"))
        .iter()
        .map(|slot| get(&slot, "start").as_string().expect("start is a string"))
        .collect()
}

/// The thrown error's `(code, path)`, checking that it is a real `Error` with a message.
fn error_of(result: Result<JsValue, JsValue>) -> (String, String) {
    let err = result.expect_err("the call must throw");
    assert!(err.is_instance_of::<js_sys::Error>(), "an Error is thrown");
    let message = get(&err, "message").as_string().expect("message");
    assert!(!message.is_empty(), "the message says something");
    (
        get(&err, "code").as_string().expect("code is a string"),
        get(&err, "path").as_string().expect("path is a string"),
    )
}

/// Ana works Monday 09:00–10:00 in Paris; 30-minute meetings. 2026-11-23 is a Monday, Paris is
/// at +01:00 then.
const ANA: &str = r#"{
  "now": "2026-11-22T10:00:00Z",
  "range": { "start": "2026-11-23T00:00:00Z", "end": "2026-11-24T00:00:00Z" },
  "timezone": "Europe/Paris",
  "event": { "duration": 30 },
  "members": [ { "id": "ana", "timezone": "Europe/Paris",
                 "weekly": { "mon": [["09:00", "10:00"]] } } ]
}"#;

const ANA_EXPECTED: &str = concat!(
    r#"{"timezone":"Europe/Paris","slots":["#,
    r#"{"start":"2026-11-23T08:00:00Z","end":"2026-11-23T08:30:00Z","hosts":["ana"]},"#,
    r#"{"start":"2026-11-23T08:30:00Z","end":"2026-11-23T09:00:00Z","hosts":["ana"]}],"#,
    r#""days":[{"date":"2026-11-23","count":2,"first":"2026-11-23T08:00:00Z"}]}"#
);

#[wasm_bindgen_test]
fn compute_slots_returns_plain_objects_with_the_exact_answer() {
    let response = compute_slots(&js(ANA)).expect("a valid request");
    assert_eq!(json(&response), expect(ANA_EXPECTED));
    // Plain objects and arrays, not Maps; absent fields absent (no `candidates`, no
    // `explanation` keys at all).
    assert_eq!(
        Object::get_prototype_of(&response),
        Object::get_prototype_of(&Object::new())
    );
    assert!(Array::is_array(&get(&response, "slots")));
    let first = Array::from(&get(&response, "slots")).get(0);
    assert!(!Reflect::has(&first, &"candidates".into()).unwrap());
    assert!(!Reflect::has(&response, &"explanation".into()).unwrap());
}

#[wasm_bindgen_test]
fn a_string_request_is_read_as_json_text() {
    let response = compute_slots(&JsValue::from_str(ANA)).expect("JSON text works");
    assert_eq!(json(&response), expect(ANA_EXPECTED));
}

#[wasm_bindgen_test]
fn undefined_properties_are_absent_like_json_stringify() {
    // `viewerTimezone: undefined` is what JS code often passes for "not set".
    let request = js(ANA);
    Reflect::set(&request, &"viewerTimezone".into(), &JsValue::UNDEFINED).unwrap();
    let response = compute_slots(&request).expect("undefined means absent");
    assert_eq!(json(&response), expect(ANA_EXPECTED));
}

#[wasm_bindgen_test]
fn instants_may_be_epoch_milliseconds_and_dates() {
    let request = js(ANA);
    let range = get(&request, "range");
    // 2026-11-23T00:00:00Z and 2026-11-24T00:00:00Z.
    Reflect::set(
        &range,
        &"start".into(),
        &JsValue::from_f64(1_795_392_000_000.0),
    )
    .unwrap();
    let end = js_sys::Date::new(&JsValue::from_f64(1_795_478_400_000.0));
    Reflect::set(&range, &"end".into(), &end).unwrap();
    let response = compute_slots(&request).expect("numbers and Dates are instants");
    assert_eq!(json(&response), expect(ANA_EXPECTED));
}

#[wasm_bindgen_test]
fn spring_forward_in_paris_moves_a_skipped_start_an_hour_later() {
    // 2026-03-29 is a Sunday: Paris jumps from 02:00 to 03:00 (UTC+1 → UTC+2). Hours
    // 02:30–04:00 start at 03:30 local (01:30Z) by the compatible rule and end at 04:00 (02:00Z):
    // room for exactly one 30-minute meeting.
    let response = compute_slots(&js(r#"{
      "now": "2026-03-01T00:00:00Z",
      "range": { "start": "2026-03-28T00:00:00Z", "end": "2026-03-30T00:00:00Z" },
      "timezone": "Europe/Paris",
      "event": { "duration": 30 },
      "members": [ { "id": "ana", "timezone": "Europe/Paris",
                     "weekly": { "sun": [["02:30", "04:00"]] } } ]
    }"#))
    .expect("valid");
    assert_eq!(starts(&response), ["2026-03-29T01:30:00Z"]);
}

#[wasm_bindgen_test]
fn round_robin_lists_candidates_in_assignment_order() {
    // Both free 09:00–10:00 UTC; bea was booked longer ago, so she comes first.
    let response = compute_slots(&js(r#"{
      "now": "2026-11-22T10:00:00Z",
      "range": { "start": "2026-11-23T09:00:00Z", "end": "2026-11-23T09:30:00Z" },
      "timezone": "UTC",
      "event": { "duration": 60 },
      "team": { "mode": "roundRobin" },
      "members": [
        { "id": "al", "timezone": "UTC", "weekly": { "mon": [["09:00", "10:00"]] },
          "lastBookedAt": "2026-11-20T09:00:00Z" },
        { "id": "bea", "timezone": "UTC", "weekly": { "mon": [["09:00", "10:00"]] },
          "lastBookedAt": "2026-11-10T09:00:00Z" }
      ]
    }"#))
    .expect("valid");
    assert_eq!(
        json(&get(&response, "slots")),
        expect(
            r#"[{"start":"2026-11-23T09:00:00Z","end":"2026-11-23T10:00:00Z","hosts":["bea"],"candidates":["bea","al"]}]"#
        )
    );
}

#[wasm_bindgen_test]
fn now_defaults_to_the_current_time_from_js() {
    // Without `now`, the current time (from `Date.now()`, never chrono's clock) is used: a range
    // in 2000 is wholly in the past, so nothing is offered; with an explicit `now` before it,
    // the same request offers the hour.
    let past = r#"{
      "range": { "start": "2000-01-03T00:00:00Z", "end": "2000-01-04T00:00:00Z" },
      "timezone": "UTC",
      "event": { "duration": 60 },
      "members": [ { "id": "ana", "timezone": "UTC", "weekly": { "mon": [["09:00", "10:00"]] } } ]
    }"#;
    assert_eq!(
        starts(&compute_slots(&js(past)).unwrap()),
        Vec::<String>::new()
    );
    let request = js(past);
    Reflect::set(&request, &"now".into(), &"1999-12-31T00:00:00Z".into()).unwrap();
    assert_eq!(
        starts(&compute_slots(&request).unwrap()),
        ["2000-01-03T09:00:00Z"]
    );
}

#[wasm_bindgen_test]
fn availability_status_follows_the_schedule_and_a_manual_choice() {
    let status = |now: &str, member: &str| {
        let request = format!(r#"{{ "now": "{now}", "member": {member} }}"#);
        json(&availability_status(&js(&request)).expect("valid"))
    };
    // Monday 09:00–17:00 UTC (2026-11-23 is a Monday).
    let bob = r#"{ "id": "bob", "timezone": "UTC", "weekly": { "mon": [["09:00", "17:00"]] },
                   "manual": { "status": "away", "since": "2026-11-23T12:05:00Z", "reason": "lunch" },
                   "capacity": { "max": 10, "assigned": 7 } }"#;
    // At 12:10 the manual "away" since 12:05 holds (no boundary between); `until` is the end
    // of the working stretch.
    assert_eq!(
        status("2026-11-23T12:10:00Z", bob),
        expect(
            r#"{"status":"away","source":"manual","reason":"lunch","until":"2026-11-23T17:00:00Z","eligible":false,"hoursToday":[{"start":"2026-11-23T09:00:00Z","end":"2026-11-23T17:00:00Z"}]}"#
        )
    );
    // At 18:00 the 17:00 boundary has overridden it: scheduled away until next Monday.
    assert_eq!(
        status("2026-11-23T18:00:00Z", bob),
        expect(
            r#"{"status":"away","source":"schedule","reason":"outsideWorkingHours","until":"2026-11-30T09:00:00Z","eligible":false,"hoursToday":[{"start":"2026-11-23T09:00:00Z","end":"2026-11-23T17:00:00Z"}]}"#
        )
    );
    // Without the manual choice, at 10:00 bob is available; `reason` is a JSON null (kept,
    // not dropped), and 7 of 10 assigned leaves room.
    let plain = r#"{ "id": "bob", "timezone": "UTC", "weekly": { "mon": [["09:00", "17:00"]] },
                     "capacity": { "max": 10, "assigned": 7 } }"#;
    assert_eq!(
        status("2026-11-23T10:00:00Z", plain),
        expect(
            r#"{"status":"available","source":"schedule","reason":null,"until":"2026-11-23T17:00:00Z","eligible":true,"hoursToday":[{"start":"2026-11-23T09:00:00Z","end":"2026-11-23T17:00:00Z"}]}"#
        )
    );
    // No hours at all: away with no change to come, `until` null.
    assert_eq!(
        status(
            "2026-11-23T10:00:00Z",
            r#"{ "id": "cy", "timezone": "UTC" }"#
        ),
        expect(
            r#"{"status":"away","source":"schedule","reason":"outsideWorkingHours","until":null,"eligible":false,"hoursToday":[]}"#
        )
    );
}

#[wasm_bindgen_test]
fn errors_carry_code_path_and_message_and_the_next_call_works() {
    let bad = [
        (
            r#"{"now":"2026-11-22T10:00:00Z","range":{"start":"2026-11-23T00:00:00Z","end":"2026-11-24T00:00:00Z"},"timezone":"Mars/Olympus","event":{"duration":30},"members":[{"id":"a","timezone":"UTC"}]}"#,
            "invalid_timezone",
            "timezone",
        ),
        (
            r#"{"now":"2026-11-22T10:00:00Z","range":{"start":"2026-11-23T00:00:00Z","end":"2026-11-24T00:00:00Z"},"timezone":"UTC","event":{"duration":30},"members":[{"id":"a","timezone":"UTC","weekly":{"mon":[["25:00","26:00"]]}}]}"#,
            "invalid_time",
            "members[0].weekly.mon[0]",
        ),
        (
            r#"{"now":"2026-11-22T10:00:00Z","range":{"start":"2026-11-23T00:00:00Z","end":"2026-11-24T00:00:00Z"},"timezone":"UTC","event":{"duration":30,"bufferAfer":5},"members":[{"id":"a","timezone":"UTC"}]}"#,
            "unknown_field",
            "event.bufferAfer",
        ),
        (
            r#"{"now":"2026-11-22T10:00:00Z","timezone":"UTC","event":{"duration":30},"members":[{"id":"a","timezone":"UTC"}]}"#,
            "missing_field",
            "range",
        ),
    ];
    for (request, code, path) in bad {
        assert_eq!(
            error_of(compute_slots(&js(request))),
            (code.to_string(), path.to_string()),
            "{request}"
        );
        assert_eq!(
            json(&compute_slots(&js(ANA)).unwrap()),
            expect(ANA_EXPECTED)
        );
    }
}

#[wasm_bindgen_test]
fn values_json_cannot_carry_are_clean_errors_not_traps() {
    let cyclic = Object::new();
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    let function = js_sys::Function::new_no_args("return 1");
    let values: [JsValue; 7] = [
        JsValue::UNDEFINED,
        JsValue::NULL,
        function.into(),
        JsValue::symbol(Some("x")),
        JsValue::bigint_from_str("10"),
        cyclic.into(),
        JsValue::from_str("{\"now\": "),
    ];
    for value in values {
        let (code, path) = error_of(compute_slots(&value));
        assert!(
            code == "invalid_json" || code == "invalid_value",
            "{code} for {value:?}"
        );
        assert_eq!(path, "");
        let (code, path) = error_of(availability_status(&value));
        assert!(code == "invalid_json" || code == "invalid_value", "{code}");
        assert_eq!(path, "");
        assert!(Scheduler::new(&value).is_err());
        assert_eq!(
            json(&compute_slots(&js(ANA)).unwrap()),
            expect(ANA_EXPECTED)
        );
    }
}

fn ana_scheduler() -> Scheduler {
    Scheduler::new(&js(r#"{
      "now": "2026-11-22T10:00:00Z",
      "timezone": "Europe/Paris",
      "event": { "duration": 30 },
      "members": [ { "id": "ana", "timezone": "Europe/Paris",
                     "weekly": { "mon": [["09:00", "10:00"]] } } ]
    }"#))
    .expect("a request without range")
}

#[wasm_bindgen_test]
fn scheduler_answers_like_compute_slots() {
    let scheduler = ana_scheduler();
    let response = scheduler_slots(
        &scheduler,
        &"2026-11-23T00:00:00Z".into(),
        &"2026-11-24T00:00:00Z".into(),
        &JsValue::UNDEFINED,
    )
    .expect("valid range");
    assert_eq!(json(&response), expect(ANA_EXPECTED));
    // A month: every Monday of December 2026 (7, 14, 21, 28) has the two slots.
    let response = scheduler_slots(
        &scheduler,
        &"2026-12-01T00:00:00Z".into(),
        &"2027-01-01T00:00:00Z".into(),
        &JsValue::UNDEFINED,
    )
    .expect("valid range");
    assert_eq!(starts(&response).len(), 8);
    assert_eq!(starts(&response)[0], "2026-12-07T08:00:00Z");
}

#[wasm_bindgen_test]
fn slot_starts_are_epoch_milliseconds_of_the_same_slots() {
    let scheduler = ana_scheduler();
    let start = JsValue::from_f64(1_795_392_000_000.0); // 2026-11-23T00:00:00Z
    let end = JsValue::from_str("2026-11-24T00:00:00Z");
    let starts = scheduler
        .slot_starts(&start, &end, &JsValue::UNDEFINED)
        .expect("valid range");
    let array = Float64Array::from(&starts[..]);
    assert_eq!(array.to_vec(), [1_795_420_800_000.0, 1_795_422_600_000.0]);
    // `now` after the first slot drops it.
    let starts = scheduler
        .slot_starts(&start, &end, &"2026-11-23T08:10:00Z".into())
        .unwrap();
    assert_eq!(starts, [1_795_422_600_000.0]);
}

#[wasm_bindgen_test]
fn scheduler_errors_name_the_argument_and_it_keeps_working() {
    let scheduler = ana_scheduler();
    let end = JsValue::from_str("2026-11-24T00:00:00Z");
    let (code, path) = error_of(scheduler_slots(
        &scheduler,
        &JsValue::NULL,
        &end,
        &JsValue::UNDEFINED,
    ));
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("invalid_instant", "range.start")
    );
    let (code, path) = error_of(scheduler_slots(
        &scheduler,
        &end,
        &"yesterday".into(),
        &JsValue::UNDEFINED,
    ));
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("invalid_instant", "range.end")
    );
    let (code, path) = error_of(scheduler_slots(
        &scheduler,
        &"2026-11-23T00:00:00Z".into(),
        &end,
        &JsValue::from_f64(f64::NAN),
    ));
    assert_eq!((code.as_str(), path.as_str()), ("invalid_instant", "now"));
    let start = JsValue::from_str("2026-11-23T00:00:00Z");
    let result = scheduler_slots(&scheduler, &start, &end, &JsValue::UNDEFINED).unwrap();
    assert_eq!(json(&result), expect(ANA_EXPECTED));
}

#[wasm_bindgen_test]
fn versions_are_reported() {
    assert!(!version().is_empty());
    let tz = tzdata_version();
    // e.g. "2025b": four digits and a letter.
    assert_eq!(tz.len(), 5, "{tz}");
    assert!(tz[..4].chars().all(|c| c.is_ascii_digit()), "{tz}");
}

#[wasm_bindgen_test]
fn a_response_is_built_of_plain_js_values() {
    let response = compute_slots(&js(ANA)).unwrap();
    let day = Array::from(&get(&response, "days")).get(0);
    assert!(get(&day, "count").as_f64() == Some(2.0));
    assert!(get(&day, "date").dyn_ref::<js_sys::JsString>().is_some());
}

/// The compact form itself: times as `Float64Array`s, lists as groups of member indices, each id
/// once, a shared list once, `NO_GROUP` for a slot without candidates.
#[wasm_bindgen_test]
fn the_compact_form_numbers_shared_lists_once() {
    // cy has no hours (in no list); al and bea are free 09:00–10:00 UTC, bea booked longer ago:
    // three 30-minute slots every 15 minutes, one stretch, hosts [bea], candidates [bea, al].
    let compact = compute_slots_compact(
        &js(r#"{
      "now": "2026-11-22T10:00:00Z",
      "range": { "start": "2026-11-23T00:00:00Z", "end": "2026-11-24T00:00:00Z" },
      "timezone": "UTC",
      "event": { "duration": 30, "step": 15 },
      "team": { "mode": "roundRobin" },
      "members": [
        { "id": "cy", "timezone": "UTC" },
        { "id": "al", "timezone": "UTC", "weekly": { "mon": [["09:00", "10:00"]] },
          "lastBookedAt": "2026-11-20T09:00:00Z" },
        { "id": "bea", "timezone": "UTC", "weekly": { "mon": [["09:00", "10:00"]] },
          "lastBookedAt": "2026-11-10T09:00:00Z" }
      ]
    }"#),
        false,
    )
    .expect("valid");
    let f64s = |key| {
        get(&compact, key)
            .dyn_into::<Float64Array>()
            .unwrap()
            .to_vec()
    };
    let u32s = |key| {
        get(&compact, key)
            .dyn_into::<Uint32Array>()
            .unwrap()
            .to_vec()
    };
    // 2026-11-23T09:00:00Z is 1_795_424_400_000.
    let t = |minutes: f64| 1_795_424_400_000.0 + minutes * 60_000.0;
    assert_eq!(f64s("starts"), [t(0.0), t(15.0), t(30.0)]);
    assert_eq!(f64s("ends"), [t(30.0), t(45.0), t(60.0)]);
    // Group 0 is the hosts [bea], group 1 the candidates [bea, al]; every slot shares them.
    assert_eq!(u32s("hostGroup"), [0, 0, 0]);
    assert_eq!(u32s("candGroup"), [1, 1, 1]);
    assert_eq!(u32s("groupOffsets"), [0, 1, 3]);
    let members = get(&compact, "groupMembers")
        .dyn_into::<Uint16Array>()
        .unwrap();
    assert_eq!(members.to_vec(), [2, 2, 1]);
    // Ids by member index, each once; cy is in no list, so nothing is sent for it.
    let ids = Array::from(&get(&compact, "ids"));
    assert_eq!(ids.length(), 3);
    assert!(ids.get(0).is_undefined());
    assert_eq!(ids.get(1).as_string().as_deref(), Some("al"));
    assert_eq!(ids.get(2).as_string().as_deref(), Some("bea"));
    assert_eq!(
        get(&compact, "timezone").as_string().as_deref(),
        Some("UTC")
    );
    assert_eq!(
        json(&get(&compact, "days")),
        expect(r#"[{"date":"2026-11-23","count":3,"first":"2026-11-23T09:00:00Z"}]"#)
    );
    assert!(!Reflect::has(&compact, &"explanation".into()).unwrap());

    // Not roundRobin: no candidates, NO_GROUP.
    let compact = compute_slots_compact(&js(ANA), false).unwrap();
    assert_eq!(u32s_of(&compact, "candGroup"), [NO_GROUP, NO_GROUP]);
    assert_eq!(u32s_of(&compact, "hostGroup"), [0, 0]);
}

fn u32s_of(value: &JsValue, key: &str) -> Vec<u32> {
    get(value, key).dyn_into::<Uint32Array>().unwrap().to_vec()
}

#[wasm_bindgen_test]
fn every_slot_gets_arrays_of_its_own() {
    // Two slots sharing one hosts list in the compact form: changing one slot's array leaves
    // the other's alone.
    let response = compute_slots(&js(ANA)).unwrap();
    let slots = Array::from(&get(&response, "slots"));
    let first = Array::from(&get(&slots.get(0), "hosts"));
    let second = Array::from(&get(&slots.get(1), "hosts"));
    assert!(!JsValue::from(first.clone()).eq(&JsValue::from(second.clone())));
    first.push(&"intruder".into());
    assert_eq!(second.length(), 1);
    assert_eq!(json(&second), expect(r#"["ana"]"#));
}

/// Local times (issue 9): the viewer's offsets cross only when asked, in seconds, and the
/// expanded slots carry `localStart` / `localEnd` built from them.
#[wasm_bindgen_test]
fn local_times_cross_as_offsets_only_when_asked() {
    let plain = compute_slots_compact(&js(ANA), false).unwrap();
    assert!(!Reflect::has(&plain, &"startOffsets".into()).unwrap());
    assert!(!Reflect::has(&plain, &"endOffsets".into()).unwrap());
    // ANA's 09:00 Paris slots (08:00Z, 08:30Z) seen from Kolkata (+05:30 = 19,800 s).
    let request = js(ANA);
    Reflect::set(&request, &"viewerTimezone".into(), &"Asia/Kolkata".into()).unwrap();
    let compact = compute_slots_compact(&request, true).unwrap();
    let i32s = |key| {
        get(&compact, key)
            .dyn_into::<Int32Array>()
            .unwrap()
            .to_vec()
    };
    assert_eq!(i32s("startOffsets"), [19_800, 19_800]);
    assert_eq!(i32s("endOffsets"), [19_800, 19_800]);
    let slots = Array::from(&get(&expand_slots(&compact), "slots"));
    assert_eq!(
        json(&slots.get(0)),
        expect(
            r#"{"start":"2026-11-23T08:00:00Z","end":"2026-11-23T08:30:00Z","hosts":["ana"],
                "localStart":"2026-11-23T13:30","localEnd":"2026-11-23T14:00"}"#
        )
    );
}

#[wasm_bindgen_test]
fn a_scheduler_call_takes_its_own_viewer_zone() {
    let mut request = json(&js(ANA));
    request.as_object_mut().unwrap().remove("range");
    let scheduler = Scheduler::new(&js(&request.to_string())).unwrap();
    let (start, end) = (
        JsValue::from("2026-11-23T00:00:00Z"),
        JsValue::from("2026-11-24T00:00:00Z"),
    );
    let tokyo = scheduler
        .slots_compact(&start, &end, &JsValue::NULL, &"Asia/Tokyo".into(), true)
        .map(|c| expand_slots(&c))
        .unwrap();
    assert_eq!(
        get(&tokyo, "timezone").as_string().as_deref(),
        Some("Asia/Tokyo")
    );
    let first = Array::from(&get(&tokyo, "slots")).get(0);
    assert_eq!(
        get(&first, "localStart").as_string().as_deref(),
        Some("2026-11-23T17:00")
    );
    let bad = scheduler.slots_compact(&start, &end, &JsValue::NULL, &"Mars/Base".into(), false);
    assert_eq!(
        error_of(bad),
        ("invalid_timezone".into(), "viewerTimezone".into())
    );
    let not_a_name = scheduler.slots_compact(&start, &end, &JsValue::NULL, &7.into(), false);
    assert_eq!(
        error_of(not_a_name),
        ("invalid_timezone".into(), "viewerTimezone".into())
    );
}

#[wasm_bindgen_test]
fn zone_helpers_read_the_engines_database() {
    // 2026-12-01T16:00:00Z: 09:00 in Vancouver, which keeps UTC-7 from 2026-11-01 (IANA 2026f).
    let at = JsValue::from("2026-12-01T16:00:00Z");
    assert_eq!(
        local_date_time(&at, &"America/Vancouver".into()).unwrap(),
        "2026-12-01T09:00"
    );
    assert_eq!(
        local_date_time(&at, &"Asia/Kolkata".into()).unwrap(),
        "2026-12-01T21:30"
    );
    assert_eq!(
        error_of(local_date_time(&at, &"Nowhere".into()).map(JsValue::from)),
        ("invalid_timezone".into(), "timeZone".into())
    );
    assert_eq!(
        error_of(local_date_time(&"noon".into(), &"UTC".into()).map(JsValue::from)),
        ("invalid_instant".into(), "instant".into())
    );
    let zones = time_zones().unwrap();
    let names: Vec<String> = Array::from(&get(&zones, "names"))
        .iter()
        .map(|n| n.as_string().unwrap())
        .collect();
    assert!(names.iter().any(|n| n == "Asia/Kolkata"));
    assert!(!names.iter().any(|n| n == "Asia/Calcutta"));
    let links = get(&zones, "links");
    assert_eq!(
        get(&links, "Asia/Calcutta").as_string().as_deref(),
        Some("Asia/Kolkata")
    );
    assert_eq!(get(&links, "UTC").as_string().as_deref(), Some("Etc/UTC"));
    assert!(get(&links, "Asia/Kolkata").is_undefined());
}

#[wasm_bindgen_test]
fn the_page_module_reads_no_calendars() {
    // SPEC §10's reader ships in the calendars module (`bookable-slots/calendars`): this one, the
    // module a booking page loads, refuses a calendar where it stands and accepts none.
    let with = |calendars: &str| {
        let mut request: serde_json::Value = serde_json::from_str(ANA).unwrap();
        request["members"][0]["calendars"] = serde_json::from_str(calendars).unwrap();
        js(&request.to_string())
    };
    let ics = r#"[{ "ics": "BEGIN:VCALENDAR\nEND:VCALENDAR" }]"#;
    assert_eq!(
        error_of(compute_slots(&with(ics))),
        (
            "invalid_calendar".to_string(),
            "members[0].calendars".to_string()
        )
    );
    assert_eq!(
        json(&compute_slots(&with("[]")).unwrap()),
        expect(ANA_EXPECTED)
    );
}
