//! Pages: the body of `PUT /pages/{page}`, the stored page, its private request with the
//! bookings of a window, and the public answer (§11 over the horizon), cached per generation.

use std::sync::Arc;

use serde_json::{json, Map, Value};

use super::{body, request, App};
use crate::{
    error::{ApiError, ApiResult},
    store::{self, MemberRow},
    time::{iso, DAY, MINUTE},
};

pub use super::page::{PageConfig, PageMember, Policy};

/// Reads a page's body; the members it names are checked to exist by the caller.
pub fn read(text: &str) -> ApiResult<PageConfig> {
    let value = body::parse(text)?;
    let map = body::object(
        &value,
        "",
        &[
            "title",
            "description",
            "timezone",
            "event",
            "team",
            "members",
            "policy",
            "reminders",
            "language",
        ],
    )?;
    let title = body::text(map.get("title"), "title", true, 200, false)?.unwrap_or_default();
    let description = body::text(map.get("description"), "description", false, 2000, true)?;
    let timezone = map
        .get("timezone")
        .ok_or_else(|| ApiError::missing("timezone"))?;
    let event = map.get("event").ok_or_else(|| ApiError::missing("event"))?;
    let Some(Value::Array(members)) = map.get("members") else {
        return Err(match map.get("members") {
            None => ApiError::missing("members"),
            Some(_) => ApiError::invalid(
                "members",
                "expected a list of {id, required?, priority?, weight?}",
            ),
        });
    };
    for (i, m) in members.iter().enumerate() {
        body::object(
            m,
            &format!("members[{i}]"),
            &["id", "required", "priority", "weight"],
        )?;
    }
    request::check_page(timezone, event, map.get("team"), members)?;
    let policy = match map.get("policy") {
        None | Some(Value::Null) => None,
        Some(p) => Some(body::object(
            p,
            "policy",
            &[
                "cancelNotice",
                "rescheduleNotice",
                "allowCancel",
                "allowReschedule",
            ],
        )?),
    };
    let get = |k: &str| policy.and_then(|p| p.get(k));
    let policy = Policy {
        cancel_notice: body::int(get("cancelNotice"), "policy.cancelNotice", 0, 525_600)?
            .unwrap_or(0),
        reschedule_notice: body::int(
            get("rescheduleNotice"),
            "policy.rescheduleNotice",
            0,
            525_600,
        )?
        .unwrap_or(0),
        allow_cancel: body::boolean(get("allowCancel"), "policy.allowCancel")?.unwrap_or(true),
        allow_reschedule: body::boolean(get("allowReschedule"), "policy.allowReschedule")?
            .unwrap_or(true),
    };
    let reminders = match map.get("reminders") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) if list.len() <= 10 => list
            .iter()
            .enumerate()
            .map(|(i, v)| {
                body::int(Some(v), &format!("reminders[{i}]"), 1, 525_600)
                    .map(Option::unwrap_or_default)
            })
            .collect::<ApiResult<Vec<i64>>>()?,
        Some(_) => {
            return Err(ApiError::invalid(
                "reminders",
                "expected at most 10 offsets in minutes before the start",
            ))
        }
    };
    let language = match body::text(map.get("language"), "language", false, 20, false)? {
        None => "en".to_string(),
        Some(l) if crate::mail::lang::LANGUAGES.contains(&l.as_str()) => l,
        Some(_) => {
            return Err(ApiError::invalid(
                "language",
                format!(
                    "expected one of {}",
                    crate::mail::lang::LANGUAGES.join(", ")
                ),
            ))
        }
    };
    Ok(PageConfig {
        title,
        description,
        timezone: timezone.as_str().unwrap_or_default().to_string(),
        event: event.clone(),
        team: map.get("team").cloned(),
        members: members
            .iter()
            .map(|m| {
                let mut extra = m.as_object().cloned().unwrap_or_default();
                let id = extra
                    .remove("id")
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default();
                PageMember { id, extra }
            })
            .collect(),
        policy,
        reminders,
        language,
    })
}

pub fn view(id: &str, config: &PageConfig, public_url: &str) -> Value {
    let mut v = serde_json::to_value(config).unwrap_or_default();
    v["id"] = json!(id);
    v["url"] = json!(format!("{public_url}/p/{id}"));
    v
}

/// How far around a window bookings matter: a booking's buffers reach at most 2 days; a day,
/// week or month limit (the page's or a member's own) counts the bookings of that day, week or
/// month in the member's zone, so the window widens only as far as the limits ask.
fn margin(config: &PageConfig, members: &[MemberRow]) -> i64 {
    let own: Vec<Value> = members
        .iter()
        .filter_map(|m| serde_json::from_str::<Value>(&m.config).ok())
        .filter_map(|c| c.get("limits").cloned())
        .collect();
    let has = |k: &str| config.event_int(k).is_some() || own.iter().any(|l| l.get(k).is_some());
    if has("maxPerMonth") {
        33 * DAY
    } else if has("maxPerWeek") {
        9 * DAY
    } else {
        2 * DAY
    }
}

/// The members a page lists, and their bookings that matter for `[from, to)`: those that reach
/// it, and those its limits count.
pub async fn window(
    conn: &mut sqlx::AnyConnection,
    config: &PageConfig,
    from: i64,
    to: i64,
) -> ApiResult<(Vec<MemberRow>, Vec<store::HostBooking>)> {
    let ids = config.member_ids();
    let mut members = store::members::many(&mut *conn, &ids).await?;
    super::calendars::resolve(&mut *conn, &mut members, crate::time::now_ms()).await?;
    let m = margin(config, &members);
    let bookings = store::bookings::of_members(&mut *conn, &ids, from - m, to + m).await?;
    Ok((members, bookings))
}

/// The horizon of a public answer (§12): from now − 1 day (or from the local date `from`) to
/// `maxDaysAhead` + 2 days after now (90 without), at most 366 days.
fn horizon(config: &PageConfig, now: i64, from: Option<&str>) -> ApiResult<(i64, i64)> {
    let now_min = now - now.rem_euclid(MINUTE);
    let start = match from {
        None => now_min - DAY,
        Some(date) => {
            // The local date's 00:00 lies within a day and a few hours of its UTC midnight;
            // a horizon that starts a day early is as exact (§11 holds for any range inside it).
            let midnight = crate::time::parse_instant(&format!("{date}T00:00:00Z"), "from")
                .map_err(|_| {
                    ApiError::new(
                        axum::http::StatusCode::BAD_REQUEST,
                        "invalid_date",
                        "from",
                        "expected a date YYYY-MM-DD",
                    )
                })?;
            if date.len() != 10 {
                return Err(ApiError::new(
                    axum::http::StatusCode::BAD_REQUEST,
                    "invalid_date",
                    "from",
                    "expected a date YYYY-MM-DD",
                ));
            }
            midnight - 2 * DAY
        }
    };
    // As long as the page's days ahead (90 without), at most 366 days; never past the last day
    // the page offers.
    let ahead = config.event_int("maxDaysAhead");
    let span = (ahead.unwrap_or(90) + 3).min(366) * DAY;
    let mut end = start + span;
    if let Some(a) = ahead {
        end = end.min(now_min + (a + 2) * DAY);
    }
    let end = end.max(start + DAY);
    Ok((start, end))
}

/// At most this many slots in `firstSlots`.
const FIRST_SLOTS: usize = 1000;

/// The answer's `firstSlots` (an extension): `{from, to, slots}`, every slot of the answer's
/// `request` that starts in `[from, to)`, as the engine computes it at `from` (now, to the
/// minute), each `{start, end, hosts}` as in §5. `to` is 33 days after the first slot (a month
/// and two days: the first slot's month in any viewer zone), or the horizon's end, or the start of
/// the slot after [`FIRST_SLOTS`]. A picker shows them while its engine loads
/// (www/picker/preview.js); `null` when the engine refuses the request.
fn first_slots(request: &Value, now: i64, end: i64) -> Value {
    let from = now - now.rem_euclid(MINUTE);
    let compute = |until: i64| {
        let mut r = request.clone();
        r["now"] = json!(iso(from));
        r["range"] = json!({ "start": iso(from), "end": iso(until) });
        bookable::slots_from_value(&r, from).ok()
    };
    // 64 days hold a first slot and the 33 days after it, unless the first is late: then all.
    let window = (from + 64 * DAY).min(end);
    let Some(mut res) = compute(window) else {
        return Value::Null;
    };
    if res
        .slots
        .first()
        .is_none_or(|s| s.start.0 + 33 * DAY > window)
        && window < end
    {
        let Some(all) = compute(end) else {
            return Value::Null;
        };
        res = all;
    }
    let mut to = res
        .slots
        .first()
        .map_or(end, |s| (s.start.0 + 33 * DAY).min(end));
    let mut slots = Vec::new();
    for s in &res.slots {
        if s.start.0 >= to {
            break;
        }
        if slots.len() == FIRST_SLOTS {
            to = s.start.0;
            break;
        }
        slots.push(
            json!({ "start": s.start.to_string(), "end": s.end.to_string(), "hosts": s.hosts }),
        );
    }
    json!({ "from": iso(from), "to": iso(to), "slots": slots })
}

/// `GET /api/pages/{page}`: `{title, description, names, action, request}`.
pub async fn public_answer(
    app: &App,
    page: &str,
    from: Option<&str>,
    now: i64,
) -> ApiResult<Arc<String>> {
    answer(app, page, from, None, now).await
}

/// The page's public answer as the visitor of booking `id` may move it: the booking itself does
/// not count (as in `bookings::reschedule`), so its own time and the times overlapping it are
/// offered. Never cached.
pub async fn answer_without(
    app: &App,
    page: &str,
    booking: &str,
    now: i64,
) -> ApiResult<Arc<String>> {
    answer(app, page, None, Some(booking), now).await
}

async fn answer(
    app: &App,
    page: &str,
    from: Option<&str>,
    except: Option<&str>,
    now: i64,
) -> ApiResult<Arc<String>> {
    let generation = app.db.generation().await?;
    let key = (page.to_string(), from.map(String::from));
    if let Some((g, made, text)) = app
        .public_cache
        .lock()
        .expect("cache")
        .get(&key)
        .filter(|_| except.is_none())
    {
        // A public request serves every `now` inside its horizon; a minute keeps it near now.
        if *g == generation && now - made < MINUTE && now >= *made {
            return Ok(text.clone());
        }
    }
    let mut conn = app.db.pool().acquire().await?;
    let row = store::pages::get(&mut conn, page)
        .await?
        .ok_or_else(|| ApiError::not_found("page"))?;
    let config = PageConfig::from_row(&row)?;
    let (start, end) = horizon(&config, now, from)?;
    let (members, mut bookings) = window(&mut conn, &config, start, end).await?;
    drop(conn);
    if let Some(id) = except {
        bookings.retain(|b| b.booking != id);
    }
    let mut private = request::private_request(page, &config, &members, &bookings, now);
    private["range"] = json!({ "start": iso(start), "end": iso(end) });
    let mut public = bookable::public_from_json(&private.to_string(), now).map_err(|e| {
        tracing::error!(page, code = e.code.as_str(), path = %e.path, "a page's request is refused by the engine");
        ApiError::from(e)
    })?;
    if let Some(map) = public.as_object_mut() {
        map.remove("now");
    }
    let names: Map<String, Value> = members
        .iter()
        .map(|m| (m.id.clone(), json!(m.name)))
        .collect();
    let mut answer = json!({
        "title": config.title, "names": names,
        "action": format!("/api/pages/{page}/bookings"), "request": public,
    });
    if let Some(d) = &config.description {
        answer["description"] = json!(d);
    }
    if from.is_none() {
        answer["firstSlots"] = first_slots(&answer["request"], now, end);
    }
    let text = Arc::new(answer.to_string());
    if except.is_some() {
        return Ok(text);
    }
    let mut cache = app.public_cache.lock().expect("cache");
    // Bounded in bytes, not entries: a page's answer may be large.
    let bytes: usize = cache.values().map(|(_, _, t)| t.len()).sum();
    if cache.len() >= 10_000 || bytes + text.len() > 64 << 20 {
        cache.clear();
    }
    cache.insert(key, (generation, now, text.clone()));
    Ok(text)
}
