//! The WebAssembly face of bookable: a thin layer that converts JS values to the core's
//! `serde_json::Value` input and the core's responses back to plain JS objects. No scheduling
//! logic lives here; every answer is the core's (and so the CLI's) answer.
//!
//! JS API (see `npm/bookable.d.ts`):
//! `computeSlots(request, options?)`, `availabilityStatus(request)`, `new Scheduler(request)`
//! with `slots(start, end, nowOrOptions?)` and `slotStarts(start, end, now?)`, `version()`,
//! `tzdataVersion()`, and the zone helpers `timeZones()` and `localDateTime(instant, zone)`.
//! Errors are thrown as JS `Error`s carrying the SPEC §9 `code`, `path` and `message`.
//!
//! Local times come from bookable's own tz database, never from the JS engine's `Intl`: with
//! `local: true` each slot gets its viewer-local wall times, computed here from the engine's
//! offsets, so a page and the engine can never disagree about a zone's rules.
//!
//! Slots responses cross the boundary in a compact form (`_computeSlotsCompact`,
//! `Scheduler._slotsCompact`: typed arrays and each member id once) that `npm/expand.js` turns
//! into the SPEC §5 objects in JS; the package's entry modules export `computeSlots` and
//! `Scheduler.slots` built that way. Creating every slot's strings and arrays from here (with
//! serde-wasm-bindgen, one boundary call per value) took 10 ms for a 50-member team's month
//! (2304 slots, ~15 ids each) where the engine needs under 1 ms; expand.js takes ~0.3 ms.

use bookable::tzdb::TimeZone;
use bookable::{format_local, Error, ErrorCode, Instant, MemberList, SlotsResponse};
use js_sys::{Array, Float64Array, Int32Array, Object, Reflect, Uint16Array, Uint32Array, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Reads a request given from JS as JSON text: a string is that text (read as the CLI reads its
/// input); anything else is written as `JSON.stringify` writes it, so the package answers what
/// the CLI answers for the same JSON (`undefined` fields are absent, a `Date` is its ISO
/// string). The package's entry modules pass text already, with JS values that JSON cannot
/// carry (`NaN`, `±Infinity`, an invalid `Date`) marked so that they are errors where they
/// stand (npm/request.js). Values JSON cannot write at all (`undefined`, functions, symbols,
/// `BigInt`, cycles) are clean `invalid_json` errors at path `""`.
fn request_text(request: &JsValue) -> Result<String, Error> {
    if let Some(text) = request.as_string() {
        return Ok(text);
    }
    let text = JSON::stringify(request).map_err(|thrown| {
        Error::new(
            ErrorCode::InvalidJson,
            "",
            format!("the value cannot be written as JSON: {}", describe(&thrown)),
        )
    })?;
    let text = text.as_string().ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidJson,
            "",
            "the request is not a JSON value (undefined, a function or a symbol)",
        )
    })?;
    Ok(text)
}

/// Reads one instant argument of `Scheduler` methods as a request field would be read: an
/// RFC 3339 string, a finite number of epoch milliseconds, or a valid `Date`. Anything else
/// is `invalid_instant` at `path`.
fn instant_arg(value: &JsValue, path: &str) -> Result<Instant, Error> {
    if let Some(text) = value.as_string() {
        return Instant::parse(&text, path);
    }
    if let Some(ms) = value.as_f64() {
        return Instant::from_millis(ms, path);
    }
    if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        return Instant::from_millis(date.get_time(), path);
    }
    Err(Error::new(
        ErrorCode::InvalidInstant,
        path,
        "expected an RFC 3339 string, a number of milliseconds since the Unix epoch or a Date",
    ))
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

/// `_computeSlotsCompact(request, local)`: the slots response (SPEC §5) for a slots request
/// (SPEC §3), in the compact form of [`compact`], with the viewer's offsets when `local` is
/// true. The package's `computeSlots` is `expandSlots(_computeSlotsCompact(request, local))`
/// (npm/expand.js).
#[wasm_bindgen(js_name = _computeSlotsCompact)]
pub fn compute_slots_compact(request: &JsValue, local: bool) -> Result<JsValue, JsValue> {
    let text = request_text(request).map_err(js_error)?;
    let response = bookable::slots_from_json(&text, now_ms()).map_err(js_error)?;
    compact(&response, local)
}

/// No group: the value of `candGroup` for a slot without `candidates`.
pub const NO_GROUP: u32 = u32::MAX;

/// How many recent member lists are remembered to find shared ones: the hosts and candidates
/// of the current stretch, and of the one before (a stretch's hosts may be its candidates'
/// prefix, a different list).
const RECENT: usize = 4;

/// Numbers the member lists of a response's slots, one group per distinct shared list.
#[derive(Default)]
struct Groups<'r> {
    /// Recently seen lists and their group, newest last.
    recent: Vec<(&'r MemberList, u32)>,
    /// `offsets[g]..offsets[g + 1]` are group `g`'s entries in `members`.
    offsets: Vec<u32>,
    /// Member indices (into the request's `members`), group after group.
    members: Vec<u16>,
    /// The id of each member index seen, by index.
    ids: Vec<Option<&'r str>>,
}

impl<'r> Groups<'r> {
    fn group(&mut self, list: &'r MemberList) -> u32 {
        if let Some(&(_, g)) = self
            .recent
            .iter()
            .rev()
            .find(|(l, _)| MemberList::ptr_eq(l, list))
        {
            return g;
        }
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        for (&index, id) in list.indices().iter().zip(list.iter()) {
            let i = usize::from(index);
            if self.ids.len() <= i {
                self.ids.resize(i + 1, None);
            }
            self.ids[i] = Some(id);
            self.members.push(index);
        }
        // At most 500 members × 100,000 slots × 2 lists: far below u32::MAX.
        self.offsets.push(self.members.len() as u32);
        let g = (self.offsets.len() - 2) as u32;
        if self.recent.len() == RECENT {
            self.recent.remove(0);
        }
        self.recent.push((list, g));
        g
    }
}

/// The slots response as one small object for `npm/expand.js`:
///
/// `{ timezone, ids, starts, ends, hostGroup, candGroup, groupOffsets, groupMembers, days,
/// explanation?, startOffsets?, endOffsets? }` where slot `i` starts at `starts[i]` and ends at
/// `ends[i]` (epoch ms, `Float64Array`s), its hosts are group `hostGroup[i]` and its
/// candidates group `candGroup[i]` (`Uint32Array`s; `0xffffffff`: no `candidates`). Group
/// `g`'s ids are `ids[groupMembers[k]]` for `k` in `groupOffsets[g]..groupOffsets[g + 1]`
/// (`Uint32Array`, `Uint16Array` of member indices; `ids` holds each id once, at its member
/// index, and nothing at the indices of members in no list). Slots sharing a list share its
/// group. `days` and `explanation` are already the SPEC's plain values.
///
/// With `local`, also the viewer zone's (`timezone`'s) UTC offsets at each slot's start and
/// end, in seconds east (`Int32Array`s, from [`SlotsResponse::viewer_offsets`]): slot `i`'s
/// wall-clock start in that zone is `starts[i] + 1000 * startOffsets[i]` read as UTC. Without
/// it the two arrays are absent and nothing is computed for them.
fn compact(response: &SlotsResponse, local: bool) -> Result<JsValue, JsValue> {
    let n = response.slots.len();
    let mut starts = Vec::with_capacity(n);
    let mut ends = Vec::with_capacity(n);
    let mut host_group = Vec::with_capacity(n);
    let mut cand_group = Vec::with_capacity(n);
    let mut groups = Groups::default();
    for slot in &response.slots {
        // Epoch ms of years 1900..2200 are far inside f64's exact integer range.
        starts.push(slot.start.0 as f64);
        ends.push(slot.end.0 as f64);
        host_group.push(groups.group(&slot.hosts));
        cand_group.push(match &slot.candidates {
            Some(list) => groups.group(list),
            None => NO_GROUP,
        });
    }
    if groups.offsets.is_empty() {
        groups.offsets.push(0);
    }
    let ids = Array::new_with_length(groups.ids.len() as u32);
    for (i, id) in groups.ids.iter().enumerate() {
        if let Some(id) = id {
            ids.set(i as u32, JsValue::from_str(id));
        }
    }
    let out = Object::new();
    let set = |key: &str, value: &JsValue| Reflect::set(&out, &key.into(), value).map(|_| ());
    set("timezone", &response.timezone.as_str().into())?;
    set("ids", &ids)?;
    set("starts", &Float64Array::from(&starts[..]))?;
    set("ends", &Float64Array::from(&ends[..]))?;
    set("hostGroup", &Uint32Array::from(&host_group[..]))?;
    set("candGroup", &Uint32Array::from(&cand_group[..]))?;
    set("groupOffsets", &Uint32Array::from(&groups.offsets[..]))?;
    set("groupMembers", &Uint16Array::from(&groups.members[..]))?;
    set("days", &to_js(&response.days)?)?;
    if let Some(explanation) = &response.explanation {
        set("explanation", &to_js(explanation)?)?;
    }
    if local {
        let (start_offsets, end_offsets) = response.viewer_offsets();
        set("startOffsets", &Int32Array::from(&start_offsets[..]))?;
        set("endOffsets", &Int32Array::from(&end_offsets[..]))?;
    }
    Ok(out.into())
}

/// `availabilityStatus(request)`: the availability status (SPEC §8) of one member, or a team's
/// (`{ members, next }`), as plain objects. (A team of 500 with 288 stretches each in
/// `hoursToday` takes 0.6 s on a first call; writing JSON text for `JSON.parse` took 0.4 s but
/// cost 1.6 KB brotli in the page's module, which is held to 100 KB.)
#[wasm_bindgen(js_name = availabilityStatus)]
pub fn availability_status(request: &JsValue) -> Result<JsValue, JsValue> {
    let text = request_text(request).map_err(js_error)?;
    let response = bookable::status_from_json(&text, now_ms()).map_err(js_error)?;
    to_js(&response)
}

/// `publicRequest(request)`: the public request of a slots request (SPEC §11; `range` is the
/// horizon it serves), as a plain object: what a public booking page may carry. Server-side,
/// so only in the `calendars` build (the page's module stays small: reading a request back as
/// a `serde_json::Value` brings float parsing tables).
#[cfg(feature = "calendars")]
#[wasm_bindgen(js_name = publicRequest)]
pub fn public_request(request: &JsValue) -> Result<JsValue, JsValue> {
    let text = request_text(request).map_err(js_error)?;
    let public = bookable::public_from_json(&text, now_ms()).map_err(js_error)?;
    JSON::parse(&public.to_string())
}

/// `checkSlot(request, start)`: whether `start` is still offered by the request (its `range`
/// and `explain` replaced by the one minute from `start`), who hosts it and why not (SPEC §7):
/// `{ start, offered, reasons, members, hosts?, candidates? }`. `start` is read like an
/// instant argument (`invalid_instant` at `start`). Server-side: the `calendars` build.
#[cfg(feature = "calendars")]
#[wasm_bindgen(js_name = checkSlot)]
pub fn check_slot(request: &JsValue, start: &JsValue) -> Result<JsValue, JsValue> {
    let text = request_text(request).map_err(js_error)?;
    let start = instant_arg(start, "start").map_err(js_error)?;
    let check = bookable::check_slot_from_json(&text, start, now_ms()).map_err(js_error)?;
    to_js(&check)
}

/// `busyTimes(request)`: the busy times a calendar source yields over a range (SPEC §10): a
/// busy request `{ source, range, timezone }` answered with `{ busy: [{start, end}], warnings:
/// [{line, message}] }`, merged, sorted and not cut. Only in the `calendars` build (the npm
/// package's `bookable-slots/calendars` entry). Crosses the boundary as JSON text, like a
/// status.
#[cfg(feature = "calendars")]
#[wasm_bindgen(js_name = busyTimes)]
pub fn busy_times(request: &JsValue) -> Result<JsValue, JsValue> {
    let text = request_text(request).map_err(js_error)?;
    let response = bookable::busy_from_json(&text).map_err(js_error)?;
    let json = serde_json::to_string(&response)
        .map_err(|e| js_error(Error::new(ErrorCode::InvalidValue, "", e.to_string())))?;
    JSON::parse(&json)
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
        let text = request_text(request).map_err(js_error)?;
        let inner = bookable::Scheduler::from_json(&text).map_err(js_error)?;
        Ok(Scheduler { inner })
    }

    /// `_slotsCompact(start, end, now, viewerTimezone, local)`: the slots response for
    /// `[start, end)` in the compact form of `_computeSlotsCompact`; the package's
    /// `Scheduler.slots` expands it. `now` and `viewerTimezone` may be `undefined` or `null`
    /// (the request's own); `viewerTimezone` must otherwise be a zone name
    /// (`invalid_timezone` at path `viewerTimezone`).
    #[wasm_bindgen(js_name = _slotsCompact)]
    pub fn slots_compact(
        &self,
        start: &JsValue,
        end: &JsValue,
        now: &JsValue,
        viewer_timezone: &JsValue,
        local: bool,
    ) -> Result<JsValue, JsValue> {
        let (start, end, now) = range_args(start, end, now).map_err(js_error)?;
        let viewer = optional_zone(viewer_timezone, "viewerTimezone").map_err(js_error)?;
        let response = self
            .inner
            .slots_for_viewer(start, end, now, viewer.as_deref(), now_ms())
            .map_err(js_error)?;
        compact(&response, local)
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

/// An optional zone-name argument: absent (`undefined` or `null`) is `None`; a string is
/// checked against the database; anything else is `invalid_timezone` at `path`.
fn optional_zone(value: &JsValue, path: &str) -> Result<Option<String>, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    zone_arg(value, path).map(|(_, name)| Some(name))
}

/// A zone-name argument: the zone and its name as given; `invalid_timezone` at `path` for a
/// name the database does not know or a value that is not a string.
fn zone_arg(value: &JsValue, path: &str) -> Result<(TimeZone, String), Error> {
    let name = value.as_string().ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidTimezone,
            path,
            "expected an IANA time zone name such as \"Europe/Paris\"",
        )
    })?;
    let tz = TimeZone::from_name(&name).ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidTimezone,
            path,
            format!(
                "`{}` is not an IANA time zone name",
                name.chars().take(80).collect::<String>()
            ),
        )
    })?;
    Ok((tz, name))
}

/// `localDateTime(instant, timeZone)`: the wall-clock date and time of `instant` in
/// `timeZone` by bookable's own tz database, as `"YYYY-MM-DDTHH:MM"` (`":SS"` added when the
/// seconds are not zero; the form of the slots' `localStart`). `instant` is read like a
/// request instant (RFC 3339 string, epoch ms or `Date`). Errors: `invalid_instant` at path
/// `instant`, `invalid_timezone` at path `timeZone`.
#[wasm_bindgen(js_name = localDateTime)]
pub fn local_date_time(instant: &JsValue, time_zone: &JsValue) -> Result<String, JsValue> {
    let at = instant_arg(instant, "instant").map_err(js_error)?;
    let (tz, _) = zone_arg(time_zone, "timeZone").map_err(js_error)?;
    let offset_ms = i64::from(tz.offset_at(at.0.div_euclid(1000))) * 1000;
    Ok(format_local(at.0 + offset_ms))
}

/// `timeZones()`: the names of bookable's tz database, for zone pickers and for reading a
/// zone name a browser reports: `{ names: string[], links: { [alias]: string } }`. `names`
/// holds every canonical zone (an IANA Zone, e.g. `"Asia/Kolkata"`, `"Etc/UTC"`), sorted by
/// code unit; `links` maps every other accepted name (an IANA Link such as `"Asia/Calcutta"`,
/// `"US/Eastern"` or `"UTC"`) to the zone it resolves to, always one of `names`. Every name
/// in either is accepted wherever a request takes a time zone, with the same offsets.
#[wasm_bindgen(js_name = timeZones)]
pub fn time_zones() -> Result<JsValue, JsValue> {
    let names = Array::new();
    let links = Object::new();
    for name in TimeZone::names() {
        let Some(tz) = TimeZone::from_name(name) else {
            continue;
        };
        let canonical = tz.canonical();
        if canonical == tz {
            names.push(&name.into());
        } else {
            Reflect::set(&links, &name.into(), &canonical.name().into())?;
        }
    }
    let out = Object::new();
    Reflect::set(&out, &"names".into(), &names)?;
    Reflect::set(&out, &"links".into(), &links)?;
    Ok(out.into())
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
