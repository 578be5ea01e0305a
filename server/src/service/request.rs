//! Engine requests made from stored data: a member for the engine's reader, and a page's
//! private slots request (§3) with the bookings of its window.

use serde_json::{json, Map, Value};

use super::page::PageConfig;
use crate::{
    error::{ApiError, ApiResult},
    store::{HostBooking, MemberRow},
    time::{iso, MINUTE},
};

/// A stored member's §3 fields, with `id` and `timezone`.
pub fn engine_member(m: &MemberRow) -> Map<String, Value> {
    let mut member = Map::new();
    member.insert("id".into(), json!(m.id));
    member.insert("timezone".into(), json!(m.timezone));
    if let Ok(Value::Object(mut config)) = serde_json::from_str::<Value>(&m.config) {
        // Fetched sources not put in place by `calendars::resolve` (a status request reads no
        // calendars) are not the engine's to read.
        if let Some(Value::Array(list)) = config.get_mut("calendars") {
            list.retain(|s| s.get("icsUrl").is_none() && s.get("caldav").is_none());
        }
        member.extend(config);
    }
    member
}

/// Any fixed instant: reading a body must not depend on the clock.
const PROBE: &str = "2026-01-05T00:00:00Z";
const PROBE_END: &str = "2026-01-05T00:01:00Z";

/// Reads a member (`{id, timezone, ...}`) with the engine's reader; paths relative to it.
pub fn check_member(member: &Value) -> ApiResult<()> {
    let request = json!({
        "now": PROBE, "range": { "start": PROBE, "end": PROBE_END }, "timezone": "UTC",
        "event": { "duration": 1 }, "members": [member],
    });
    bookable::slots_from_json(&request.to_string(), 0)
        .map(|_| ())
        .map_err(|e| ApiError::from_engine_under(e, "members[0].", ""))
}

/// Reads a page's `timezone`, `event`, `team` and member entries with the engine's reader;
/// the paths are the body's own (`event.duration`, `members[1].weight`).
pub fn check_page(
    timezone: &Value,
    event: &Value,
    team: Option<&Value>,
    members: &[Value],
) -> ApiResult<()> {
    let members: Vec<Value> = members
        .iter()
        .map(|m| {
            let mut m = m.as_object().cloned().unwrap_or_default();
            m.insert("timezone".into(), json!("UTC"));
            Value::Object(m)
        })
        .collect();
    let mut request = json!({
        "now": PROBE, "range": { "start": PROBE, "end": PROBE_END }, "timezone": timezone,
        "event": event, "members": members,
    });
    if let Some(team) = team {
        request["team"] = team.clone();
    }
    bookable::slots_from_json(&request.to_string(), 0)
        .map(|_| ())
        .map_err(ApiError::from)
}

fn item(b: &HostBooking) -> Value {
    json!({
        "start": iso(b.start_at), "end": iso(b.end_at),
        "bufferBefore": (b.start_at - b.lo) / MINUTE, "bufferAfter": (b.hi - b.end_at) / MINUTE,
    })
}

/// The page's private slots request at `now` (no `range`): each member as stored, its role on
/// the page, this page's bookings as `bookings` (they count for limits and `balanced`) and the
/// other pages' as `busy` — every one with the buffers of the page it was made on.
pub fn private_request(
    page: &str,
    config: &PageConfig,
    members: &[MemberRow],
    bookings: &[HostBooking],
    now: i64,
) -> Value {
    let balanced = config.is_balanced();
    let list: Vec<Value> = config
        .members
        .iter()
        .filter_map(|entry| {
            let m = members.iter().find(|m| m.id == entry.id)?;
            let mut member = engine_member(m);
            for key in ["required", "priority", "weight"] {
                if let Some(v) = entry.extra.get(key) {
                    member.insert(key.into(), v.clone());
                }
            }
            let mut own = Vec::new();
            let mut busy: Vec<Value> = match member.remove("busy") {
                Some(Value::Array(b)) => b,
                _ => Vec::new(),
            };
            // A member's own limits are the member's: every booking of theirs counts. A page's
            // limits count that page's bookings; the others are busy time with their buffers.
            let own_limits = member.contains_key("limits");
            for b in bookings.iter().filter(|b| b.member == m.id) {
                if b.page == page || own_limits {
                    own.push(item(b));
                } else {
                    busy.push(item(b));
                }
            }
            if !busy.is_empty() {
                member.insert("busy".into(), Value::Array(busy));
            }
            let count = (m.booking_count as usize).saturating_sub(own.len());
            if !own.is_empty() {
                member.insert("bookings".into(), Value::Array(own));
            }
            // Only `balanced` assignment reads the number of bookings: no other page carries it.
            if count > 0 && balanced {
                member.insert("bookingCount".into(), json!(count));
            }
            if let Some(at) = m.last_booked_at {
                member.insert("lastBookedAt".into(), json!(iso(at)));
            }
            Some(Value::Object(member))
        })
        .collect();
    let mut request = json!({
        "now": iso(now), "timezone": config.timezone, "event": config.event, "members": list,
    });
    if let Some(team) = &config.team {
        request["team"] = team.clone();
    }
    request
}
