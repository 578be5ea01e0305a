//! Members: the body of `PUT /members/{id}` read (the server's fields here, the §3 fields by the
//! engine's reader), the stored member as answered, and a member's §8 status.

use serde_json::{json, Map, Value};

use super::{body, calendars, request};
use crate::{
    error::{ApiError, ApiResult},
    store::MemberRow,
    time::iso,
};

/// The §3 fields a stored member keeps (what a page's request gets of it).
pub const ENGINE_FIELDS: [&str; 7] = [
    "timezone",
    "weekly",
    "overrides",
    "timeOff",
    "busy",
    "calendars",
    "limits",
];
const SERVER_FIELDS: [&str; 3] = ["name", "email", "capacity"];

pub struct MemberBody {
    pub name: String,
    pub email: Option<String>,
    pub capacity_max: Option<i64>,
    pub timezone: String,
    /// The §3 fields as JSON text (without `timezone`, kept apart).
    pub config: String,
}

/// Reads a member's body; errors carry paths inside the body (`weekly.mon[0]`).
pub fn read(id: &str, text: &str) -> ApiResult<MemberBody> {
    let value = body::parse(text)?;
    let known: Vec<&str> = ENGINE_FIELDS
        .iter()
        .chain(SERVER_FIELDS.iter())
        .copied()
        .collect();
    let map = body::object(&value, "", &known)?;
    let name = body::text(map.get("name"), "name", true, 200, false)?.unwrap_or_default();
    let email = body::email(map.get("email"), "email", false)?;
    let capacity_max = match map.get("capacity") {
        None | Some(Value::Null) => None,
        Some(c) => {
            let c = body::object(c, "capacity", &["max"])?;
            Some(
                body::int(c.get("max"), "capacity.max", 0, 100_000)?
                    .ok_or_else(|| ApiError::missing("capacity.max"))?,
            )
        }
    };
    let mut engine = Map::new();
    engine.insert("id".into(), Value::String(id.to_string()));
    for key in ENGINE_FIELDS {
        if let Some(v) = map.get(key) {
            engine.insert(key.into(), v.clone());
        }
    }
    // The engine reads §10's sources; a fetched one (icsUrl, caldav) is read here and stands
    // in the engine's check as an empty calendar, so paths keep their indexes.
    let mut probe = engine.clone();
    if let Some(Value::Array(list)) = probe.get_mut("calendars") {
        for (i, source) in list.iter_mut().enumerate() {
            if calendars::read_source(source, &format!("calendars[{i}]"))?.is_some() {
                *source = json!({ "ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" });
            }
        }
    }
    request::check_member(&Value::Object(probe))?;
    let timezone = engine
        .remove("timezone")
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default();
    engine.remove("id");
    Ok(MemberBody {
        name,
        email,
        capacity_max,
        timezone,
        config: Value::Object(engine).to_string(),
    })
}

/// A stored member as the admin API answers it. `feed_url` only when just made.
pub fn view(m: &MemberRow, feed_url: Option<String>) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), json!(m.id));
    out.insert("name".into(), json!(m.name));
    if let Some(e) = &m.email {
        out.insert("email".into(), json!(e));
    }
    out.insert("timezone".into(), json!(m.timezone));
    if let Ok(Value::Object(mut config)) = serde_json::from_str::<Value>(&m.config) {
        calendars::hide_secrets(&mut config);
        out.extend(config);
    }
    if let Some(max) = m.capacity_max {
        out.insert("capacity".into(), json!({ "max": max }));
    }
    if let Some(url) = feed_url {
        out.insert("feedUrl".into(), json!(url));
    }
    out.insert("updatedAt".into(), json!(iso(m.updated_at)));
    Value::Object(out)
}

/// The member as a §8 status request's member (hours, time off, manual choice, capacity).
pub fn status_member(m: &MemberRow) -> Value {
    let mut member = request::engine_member(m);
    if let (Some(status), Some(since)) = (&m.manual_status, m.manual_since) {
        let mut manual = json!({ "status": status, "since": iso(since) });
        if let Some(r) = &m.manual_reason {
            manual["reason"] = json!(r);
        }
        member.insert("manual".into(), manual);
    }
    if let Some(max) = m.capacity_max {
        member.insert(
            "capacity".into(),
            json!({ "max": max, "assigned": m.assigned.min(max) }),
        );
    }
    if let Some(at) = m.last_assigned_at {
        member.insert("lastAssignedAt".into(), json!(iso(at)));
    }
    Value::Object(member)
}

/// `GET /members/{id}/status`: the §8 status at `now`, with `capacity {max, assigned}`.
pub fn status(m: &MemberRow, now: i64) -> ApiResult<Value> {
    let request = json!({ "now": iso(now), "member": status_member(m) });
    let answer = bookable::status_from_json(&request.to_string(), now).map_err(|e| {
        tracing::error!(member = %m.id, code = e.code.as_str(), path = %e.path, "a stored member is not a valid status request");
        ApiError::internal()
    })?;
    let mut value = serde_json::to_value(answer).map_err(|_| ApiError::internal())?;
    value["id"] = json!(m.id);
    value["capacity"] = json!({ "max": m.capacity_max, "assigned": m.assigned });
    Ok(value)
}
