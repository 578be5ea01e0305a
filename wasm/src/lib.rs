//! The WebAssembly face of bookable: a thin layer that converts JS values to the core's
//! `serde_json::Value` input and the core's responses back to plain JS objects. No scheduling
//! logic lives here; every answer is the core's (and so the CLI's) answer.
//!
//! JS API (see `npm/bookable.d.ts`):
//! `computeSlots(request)`, `availabilityStatus(request)`, `new Scheduler(request)` with
//! `slots(start, end, now?)` and `slotStarts(start, end, now?)`, `version()`, `tzdataVersion()`.
//! Errors are thrown as JS `Error`s carrying the SPEC §9 `code`, `path` and `message`.

use bookable::{Error, ErrorCode, Instant};
use js_sys::{Reflect, JSON};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// Reads a request given from JS: a string is JSON text (read like the CLI reads its input);
/// anything else is read as `JSON.stringify` writes it, so the package answers what the CLI
/// answers for the same JSON (`undefined` fields are absent, a `Date` is its ISO string).
/// Values JSON cannot carry (`undefined`, functions, symbols, `BigInt`, cycles) are clean
/// `invalid_json` errors at path `""`.
fn request_value(request: &JsValue) -> Result<Value, Error> {
    if let Some(text) = request.as_string() {
        return bookable::parse_json(&text);
    }
    json_value(request)?.ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidJson,
            "",
            "the request is not a JSON value (undefined, a function or a symbol)",
        )
    })
}

/// `value` as `JSON.stringify` writes it, parsed; `None` for what it does not write at all
/// (`undefined`, functions, symbols). User code that runs on the way (getters, `toJSON`) can
/// only make this fail with an `invalid_json` error: what it throws is caught.
fn json_value(value: &JsValue) -> Result<Option<Value>, Error> {
    let text = JSON::stringify(value).map_err(|thrown| {
        Error::new(
            ErrorCode::InvalidJson,
            "",
            format!("the value cannot be written as JSON: {}", describe(&thrown)),
        )
    })?;
    match text.as_string() {
        Some(text) => bookable::parse_json(&text).map(Some),
        None => Ok(None),
    }
}

/// Reads one instant argument of `Scheduler` methods as a request field would be read: an
/// RFC 3339 string, a number of epoch milliseconds, or a `Date`. Anything else is
/// `invalid_instant` at `path`.
fn instant_arg(value: &JsValue, path: &str) -> Result<Instant, Error> {
    let json = match value.as_string() {
        Some(text) => Value::String(text),
        None => json_value(value)
            .map_err(|e| Error::new(ErrorCode::InvalidInstant, path, e.message))?
            .unwrap_or(Value::Null),
    };
    Instant::from_value(&json, path)
}

/// The optional `now` argument: absent (`undefined` or `null`) means "use the request's own
/// `now`, else the current time".
fn optional_instant(value: &JsValue, path: &str) -> Result<Option<Instant>, Error> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        instant_arg(value, path).map(Some)
    }
}

/// A short description of a thrown JS value, for error messages. Reads `message` through
/// `Reflect.get`, so a throwing getter cannot escape.
fn describe(thrown: &JsValue) -> String {
    thrown
        .as_string()
        .or_else(|| {
            Reflect::get(thrown, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "unknown reason".to_string())
}

/// The current time from JS (chrono's clock is not available on wasm32).
fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// A core error as the JS `Error` the API throws: `message` plus `code` and `path`.
fn js_error(error: Error) -> JsValue {
    let js = js_sys::Error::new(&error.message);
    js.set_name("BookableError");
    // `Reflect.set` on a fresh, extensible Error object cannot fail.
    let _ = Reflect::set(&js, &"code".into(), &error.code.as_str().into());
    let _ = Reflect::set(&js, &"path".into(), &error.path.as_str().into());
    js.into()
}

/// A response as plain JS objects and arrays (no `Map`), absent fields absent, `null` where the
/// SPEC writes `null`.
fn to_js<T: Serialize>(response: &T) -> Result<JsValue, JsValue> {
    response
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)
}

/// `computeSlots(request)`: the slots response (SPEC §5) for a slots request (SPEC §3).
#[wasm_bindgen(js_name = computeSlots)]
pub fn compute_slots(request: &JsValue) -> Result<JsValue, JsValue> {
    let value = request_value(request).map_err(js_error)?;
    let response = bookable::slots_from_value(&value, now_ms()).map_err(js_error)?;
    to_js(&response)
}

/// `availabilityStatus(request)`: the availability status (SPEC §8) of one member.
#[wasm_bindgen(js_name = availabilityStatus)]
pub fn availability_status(request: &JsValue) -> Result<JsValue, JsValue> {
    let value = request_value(request).map_err(js_error)?;
    let response = bookable::status_from_value(&value, now_ms()).map_err(js_error)?;
    to_js(&response)
}

/// `version()`: the version of bookable.
#[wasm_bindgen]
pub fn version() -> String {
    bookable::VERSION.to_string()
}

/// `tzdataVersion()`: the IANA time zone database version compiled in, e.g. `"2025b"`.
#[wasm_bindgen(js_name = tzdataVersion)]
pub fn tzdata_version() -> String {
    bookable::TZDATA_VERSION.to_string()
}

/// A page's rules and team prepared once (a slots request without `range`), asked for many
/// ranges: the fast path of a booking page moving from month to month.
#[wasm_bindgen]
pub struct Scheduler {
    inner: bookable::Scheduler,
}

#[wasm_bindgen]
impl Scheduler {
    /// `new Scheduler(request)`: a slots request without `range`.
    #[wasm_bindgen(constructor)]
    pub fn new(request: &JsValue) -> Result<Scheduler, JsValue> {
        let value = request_value(request).map_err(js_error)?;
        let inner = bookable::Scheduler::from_value(&value).map_err(js_error)?;
        Ok(Scheduler { inner })
    }

    /// `slots(start, end, now?)`: the slots response for `[start, end)`.
    pub fn slots(&self, start: &JsValue, end: &JsValue, now: &JsValue) -> Result<JsValue, JsValue> {
        let (start, end, now) = range_args(start, end, now).map_err(js_error)?;
        let response = self
            .inner
            .slots(start, end, now, now_ms())
            .map_err(js_error)?;
        to_js(&response)
    }

    /// `slotStarts(start, end, now?)`: only the slot starts, as a `Float64Array` of epoch ms.
    #[wasm_bindgen(js_name = slotStarts)]
    pub fn slot_starts(
        &self,
        start: &JsValue,
        end: &JsValue,
        now: &JsValue,
    ) -> Result<Vec<f64>, JsValue> {
        let (start, end, now) = range_args(start, end, now).map_err(js_error)?;
        let starts = self
            .inner
            .slot_starts(start, end, now, now_ms())
            .map_err(js_error)?;
        // Epoch ms of years 1900..2200 are far inside f64's exact integer range.
        Ok(starts.into_iter().map(|ms| ms as f64).collect())
    }
}

fn range_args(
    start: &JsValue,
    end: &JsValue,
    now: &JsValue,
) -> Result<(Instant, Instant, Option<Instant>), Error> {
    Ok((
        instant_arg(start, "range.start")?,
        instant_arg(end, "range.end")?,
        optional_instant(now, "now")?,
    ))
}
