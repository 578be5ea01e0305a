//! Public requests (SPEC §11): a slots request reduced to what a public booking page may carry,
//! with the same slots (hosts and candidates included) and `days` for every `now` and every
//! range inside its horizon (its `range`).
//!
//! What leaves, and what stands in for it:
//! - busy items, bookings and calendar instances become anonymous `busy` items, each already
//!   widened by its own buffers (a booking by the page's), merged, and kept only near the
//!   horizon: the page learns when a member cannot be booked, never what a meeting was;
//! - time off becomes `{start, end}` instants, resolved in the member's zone as the engine
//!   resolves dates, near the horizon only;
//! - booking limits reached become `fullDates` (local dates, member zone) and the number of
//!   bookings becomes `bookingCount`, only when a round-robin team assigns by `balanced` (the
//!   one rule that reads it): counts, never meeting times;
//! - `lastBookedAt` becomes a stand-in instant that keeps only the order between members
//!   (1900-01-01 plus one minute per rank), which is all assignment reads of it;
//! - `calendars`, `bookings` and `explain` are dropped.
//!
//! `fullDates` and `bookingCount` are the documented member extensions that carry limits and
//! load (README, "Decisions where the SPEC is silent").

use serde_json::{json, Map, Value};

use crate::error::Error;
use crate::free::{busy_spans, full_date_spans, with_calendar_busy};
use crate::instant::Instant;
use crate::interval::IntervalSet;
use crate::model::{Assignment, Mode, SlotsRequest};
use crate::schedule::time_off;
use crate::units::{LocalDate, Ms};
use crate::zone::Tables;

/// How far outside the horizon private data can still change an answer inside it: a start's
/// meeting (up to a day) and both sides' buffers (up to a day each), with a day to spare.
const MARGIN: Ms = Ms(3 * Ms::DAY.0);

/// 1900-01-01T00:00:00Z, the first stand-in `lastBookedAt`.
const RANK_ORIGIN: Instant = Instant(-2_208_988_800_000);

/// `t` as RFC 3339 text, with milliseconds when it has them (busy edges are exact to the ms).
fn instant_text(t: Instant) -> String {
    let whole = t.to_string();
    match t.0.rem_euclid(1000) {
        0 => whole,
        frac => format!("{}.{frac:03}Z", whole.trim_end_matches('Z')),
    }
}

fn spans_json(spans: &[(Instant, Instant)]) -> Value {
    spans
        .iter()
        .map(|&(a, b)| json!({ "start": instant_text(a), "end": instant_text(b) }))
        .collect()
}

/// The public request of `request`, whose JSON was `original` (for the fields that travel as
/// they were written: weekly hours, overrides, the event, the team).
///
/// # Errors
/// Those of expanding the members' calendars over the horizon (`limit_exceeded` past 200,000
/// busy items).
pub(crate) fn public(request: &SlotsRequest, original: &Value) -> Result<Value, Error> {
    let Some((start, end)) = request.range else {
        return Err(Error::new(
            crate::ErrorCode::MissingField,
            "range",
            "`range` is required: it is the horizon the public request serves",
        ));
    };
    let expanded = with_calendar_busy(request, start, end)?;
    let request = expanded.as_ref().unwrap_or(request);
    let event = &request.event;
    let (lo, hi) = (start - MARGIN, end + MARGIN);
    let mut tables = Tables::new(lo - 3 * Ms::DAY, hi + 3 * Ms::DAY);

    // lastBookedAt, reduced to its order: a dense rank (equal instants share one).
    let mut booked: Vec<Instant> = request
        .members
        .iter()
        .filter_map(|m| m.last_booked_at)
        .collect();
    booked.sort_unstable();
    booked.dedup();

    let mut out = match original {
        Value::Object(map) => map.clone(),
        _ => Map::new(),
    };
    out.remove("explain");
    let originals = original.get("members").and_then(Value::as_array);
    let mut members = Vec::with_capacity(request.members.len());
    for (i, m) in request.members.iter().enumerate() {
        let given = originals
            .and_then(|list| list.get(i))
            .and_then(Value::as_object);
        let mut member = Map::new();
        for key in [
            "id",
            "timezone",
            "weekly",
            "overrides",
            "required",
            "priority",
            "weight",
            "limits",
        ] {
            if let Some(v) = given.and_then(|g| g.get(key)).filter(|v| !v.is_null()) {
                member.insert(key.to_string(), v.clone());
            }
        }
        let busy: Vec<(Instant, Instant)> = busy_spans(m, event)
            .filter(|&(a, b)| a < hi && b > lo)
            .collect();
        let busy = IntervalSet::from_unsorted(busy);
        if !busy.is_empty() {
            member.insert("busy".into(), spans_json(busy.spans()));
        }
        let table = tables.get(m.tz);
        let off = time_off(&m.hours, table, lo, hi).intersect(&IntervalSet::single(lo, hi));
        if !off.is_empty() {
            member.insert("timeOff".into(), spans_json(off.spans()));
        }
        match full_date_spans(m, table, event, start, end) {
            // A limit of 0 travels as it was written (in `limits` or the event).
            None => {}
            Some(spans) => {
                let (first, last) = (table.local_date(lo), table.local_date(hi));
                let mut dates: Vec<LocalDate> = spans
                    .into_iter()
                    .flat_map(|(a, b)| (a.max(first).0..b.min(last + 1).0).map(LocalDate))
                    .collect();
                dates.sort_unstable();
                dates.dedup();
                if !dates.is_empty() {
                    let list: Vec<Value> =
                        dates.into_iter().map(|d| json!(d.to_string())).collect();
                    member.insert("fullDates".into(), Value::Array(list));
                }
            }
        }
        // Only `balanced` assignment reads it: another page's visitors learn no host's volume.
        let count = m.bookings.len() + m.booking_count;
        if count > 0
            && request.mode == Mode::RoundRobin
            && request.assignment == Assignment::Balanced
        {
            member.insert("bookingCount".into(), json!(count));
        }
        if let Some(at) = m.last_booked_at {
            let rank = booked.partition_point(|&t| t < at) as i64;
            member.insert(
                "lastBookedAt".into(),
                json!(instant_text(RANK_ORIGIN + rank * Ms::MINUTE)),
            );
        }
        members.push(Value::Object(member));
    }
    out.insert("members".into(), Value::Array(members));
    Ok(Value::Object(out))
}
