//! Bookings: made, read, cancelled and moved — each checked by the engine inside the write that
//! records it (SPEC §12 guarantees 1–3).

use axum::http::StatusCode;
use serde_json::{json, Value};

use super::{
    body,
    notify::{self, Change},
    pages::PageConfig,
    request, App,
};
use crate::{
    error::{ApiError, ApiResult},
    secret,
    store::{self, lock_key, BookingRow, MemberRow},
    time::{iso, DAY, MINUTE},
};

/// Who books: `{name, email, timezone?, notes?}`, checked.
fn read_attendee(v: Option<&Value>) -> ApiResult<Value> {
    let v = v.ok_or_else(|| ApiError::missing("attendee"))?;
    let map = body::object(v, "attendee", &["name", "email", "timezone", "notes"])?;
    let name = body::text(map.get("name"), "attendee.name", true, 200, false)?;
    let email = body::email(map.get("email"), "attendee.email", true)?;
    let mut out = json!({ "name": name, "email": email });
    if let Some(tz) = body::text(map.get("timezone"), "attendee.timezone", false, 100, false)? {
        if bookable::tzdb::TimeZone::from_name(&tz).is_none() {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_timezone",
                "attendee.timezone",
                "not an IANA time zone name",
            ));
        }
        out["timezone"] = json!(tz);
    }
    if let Some(notes) = body::text(map.get("notes"), "attendee.notes", false, 2000, true)? {
        out["notes"] = json!(notes);
    }
    Ok(out)
}

fn read_start(v: Option<&Value>) -> ApiResult<i64> {
    match v {
        None | Some(Value::Null) => Err(ApiError::missing("start")),
        Some(Value::String(s)) if s.len() <= 40 => Ok(crate::time::parse_instant(s, "start")?),
        Some(_) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_instant",
            "start",
            "expected the slot's start as an RFC 3339 instant",
        )),
    }
}

/// `POST /api/pages/{page}/bookings` body: `{start, attendee, hosts?}` (`hosts`, what the page
/// showed, is read and not trusted: the server chooses with the engine).
pub fn read_create(text: &str) -> ApiResult<(i64, Value)> {
    let value = body::parse(text)?;
    let map = body::object(&value, "", &["start", "attendee", "hosts"])?;
    let start = read_start(map.get("start"))?;
    if let Some(h) = map.get("hosts") {
        let ok = h.as_array().is_some_and(|a| {
            a.len() <= 500 && a.iter().all(|x| x.as_str().is_some_and(|s| s.len() <= 200))
        });
        if !ok {
            return Err(ApiError::invalid(
                "hosts",
                "expected the list of host ids the page showed",
            ));
        }
    }
    let attendee = read_attendee(map.get("attendee"))?;
    Ok((start, attendee))
}

/// A booking as its attendee and the team see it (§12's shape).
pub fn view(b: &BookingRow) -> Value {
    let mut v = json!({
        "id": b.id, "page": b.page, "title": b.title, "start": iso(b.start_at), "end": iso(b.end_at),
        "hosts": b.hosts, "names": b.names, "attendee": b.attendee, "status": b.status,
        "sequence": b.sequence, "createdAt": iso(b.created_at), "updatedAt": iso(b.updated_at),
    });
    if let Some(at) = b.cancelled_at {
        v["cancelledAt"] = json!(iso(at));
    }
    if let Some(r) = &b.reason {
        v["reason"] = json!(r);
    }
    v
}

fn refused(check: &bookable::Explanation) -> ApiError {
    ApiError::slot_taken()
        .with(
            "reasons",
            serde_json::to_value(&check.reasons).unwrap_or_default(),
        )
        .with(
            "members",
            serde_json::to_value(&check.members).unwrap_or_default(),
        )
}

/// The engine's check of `start` on a page, with the bookings that matter for it.
async fn check(
    conn: &mut sqlx::AnyConnection,
    page: &str,
    config: &PageConfig,
    start: i64,
    now: i64,
) -> ApiResult<(bookable::Explanation, Vec<MemberRow>)> {
    let (members, bookings) =
        super::pages::window(conn, config, start, start + config.duration_ms()).await?;
    let private = request::private_request(page, config, &members, &bookings, now);
    let explanation = bookable::check_slot_from_json(&private.to_string(), bookable::Instant(start), now).map_err(|e| {
        if e.path.is_empty() || e.path == "range" || e.path == "explain" {
            ApiError::new(StatusCode::BAD_REQUEST, e.code.as_str(), "start", e.message)
        } else {
            tracing::error!(page, code = e.code.as_str(), path = %e.path, "a page's request is refused by the engine");
            ApiError::internal()
        }
    })?;
    Ok((explanation, members))
}

fn names_of(hosts: &[String], members: &[MemberRow]) -> Vec<String> {
    hosts
        .iter()
        .map(|h| {
            members
                .iter()
                .find(|m| &m.id == h)
                .map_or_else(|| h.clone(), |m| m.name.clone())
        })
        .collect()
}

async fn page_config(app: &App, page: &str) -> ApiResult<PageConfig> {
    let mut conn = app.db.pool().acquire().await?;
    let row = store::pages::get(&mut conn, page)
        .await?
        .ok_or_else(|| ApiError::not_found("page"))?;
    PageConfig::from_row(&row)
}

/// Makes a booking: `(201, answer JSON)`. The key, when given, makes a retry answer the same.
pub async fn create(
    app: &App,
    page: &str,
    text: &str,
    key: Option<&str>,
    now: i64,
) -> ApiResult<String> {
    let (start, attendee) = read_create(text)?;
    let body_hash = secret::hash(text);
    let mut locked = page_config(app, page).await?.member_ids();
    for _attempt in 0..3 {
        let mut locks: Vec<i64> = locked.iter().map(|m| lock_key("member", m)).collect();
        if let Some(k) = key {
            locks.push(lock_key("idempotency", &format!("{page}\0{k}")));
        }
        let mut w = app.db.write(locks).await?;
        if let Some(k) = key {
            if let Some((hash, response)) =
                store::bookings::idempotent(&mut w.tx, page, k, now - DAY).await?
            {
                return if hash == body_hash {
                    Ok(response)
                } else {
                    Err(ApiError::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "idempotency_mismatch",
                        "",
                        "this Idempotency-Key was used with another body",
                    ))
                };
            }
        }
        let row = store::pages::get(&mut w.tx, page)
            .await?
            .ok_or_else(|| ApiError::not_found("page"))?;
        let config = PageConfig::from_row(&row)?;
        if config.member_ids() != locked {
            // The page changed its members between the look and the lock: lock those.
            locked = config.member_ids();
            continue;
        }
        let (explanation, members) = check(&mut w.tx, page, &config, start, now).await?;
        let hosts = match (&explanation.offered, &explanation.hosts) {
            (true, Some(h)) if !h.is_empty() => h.clone(),
            _ => return Err(refused(&explanation)),
        };
        let (before, after) = config.buffers();
        let token = secret::new_token("");
        let booking = BookingRow {
            id: secret::new_id(),
            page: page.to_string(),
            title: config.title.clone(),
            start_at: start,
            end_at: start + config.duration_ms(),
            buffer_before: before,
            buffer_after: after,
            names: names_of(&hosts, &members),
            hosts,
            attendee: attendee.clone(),
            status: "confirmed".into(),
            sequence: 0,
            manage_token_hash: secret::hash(&token),
            created_at: now,
            updated_at: now,
            cancelled_at: None,
            reason: None,
        };
        if let Err(e) = store::bookings::insert(&mut w.tx, &booking).await {
            return Err(if store::is_overlap(&e) {
                ApiError::slot_taken()
            } else {
                e.into()
            });
        }
        store::members::count_booking(&mut w.tx, &booking.hosts, 1, Some(now)).await?;
        let manage_url = format!("{}/manage/{}#{}", app.public_url, booking.id, token);
        let mut answer = view(&booking);
        answer["manageUrl"] = json!(manage_url);
        let response = json!({ "booking": answer }).to_string();
        if let Some(k) = key {
            store::bookings::remember(&mut w.tx, page, k, &body_hash, &booking.id, &response, now)
                .await?;
        }
        let queued = notify::booking_changed(
            &mut w.tx,
            Change {
                event_type: "booking.created",
                booking: &booking,
                view: view(&booking),
                previous: None,
                manage_url: Some(&manage_url),
                now,
            },
        )
        .await?;
        w.commit().await?;
        if queued > 0 {
            app.outbox.notify_one();
        }
        tracing::info!(page, booking = %booking.id, "booked");
        return Ok(response);
    }
    Err(ApiError::unavailable(
        "the page is being changed; try again",
    ))
}

/// The booking a manage token opens; a wrong token is as unknown as a wrong id (404).
pub async fn by_manage_token(app: &App, id: &str, token: Option<&str>) -> ApiResult<BookingRow> {
    let token = token.ok_or_else(|| ApiError::not_found("booking"))?;
    let mut conn = app.db.pool().acquire().await?;
    let row = store::bookings::get(&mut conn, id)
        .await?
        .ok_or_else(|| ApiError::not_found("booking"))?;
    if !secret::matches(token, &row.manage_token_hash) {
        return Err(ApiError::not_found("booking"));
    }
    Ok(row)
}

/// Who acts on a booking: its attendee (the page's policy and notice windows apply) or the team.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Visitor,
    Team,
}

async fn policy_of(app: &App, page: &str) -> ApiResult<Option<PageConfig>> {
    let mut conn = app.db.pool().acquire().await?;
    match store::pages::get(&mut conn, page).await? {
        Some(row) => Ok(Some(PageConfig::from_row(&row)?)),
        None => Ok(None),
    }
}

/// The page's policy as its visitor's page shows it before they act (`allowCancel`,
/// `cancelNotice`, `allowReschedule`, `rescheduleNotice`, in minutes); `null` once the page is gone.
pub async fn visitor_policy(app: &App, page: &str) -> ApiResult<Value> {
    Ok(policy_of(app, page)
        .await?
        .and_then(|c| serde_json::to_value(c.policy).ok())
        .unwrap_or(Value::Null))
}

/// A visitor's change is allowed by the page and outside its notice window (`notice` minutes
/// before the start, and after it): `409 conflict` or `409 too_late` otherwise.
fn visitor_may(
    b: &BookingRow,
    allowed: bool,
    notice: i64,
    (verb, noun): (&str, &str),
    now: i64,
) -> ApiResult<()> {
    if !allowed {
        return Err(ApiError::conflict(format!(
            "this page does not let visitors {verb}; write to the host"
        )));
    }
    if now >= b.start_at - notice * MINUTE {
        return Err(ApiError::too_late(if now >= b.start_at {
            "this meeting has started".to_string()
        } else {
            format!("{noun} closes {notice} minutes before the start")
        }));
    }
    Ok(())
}

pub async fn cancel(
    app: &App,
    id: &str,
    reason: Option<String>,
    actor: Actor,
    now: i64,
) -> ApiResult<Value> {
    let mut conn = app.db.pool().acquire().await?;
    let first = store::bookings::get(&mut conn, id)
        .await?
        .ok_or_else(|| ApiError::not_found("booking"))?;
    drop(conn);
    // The page's policy is read before the write: a write holds one connection, never two.
    let config = match actor {
        Actor::Visitor => policy_of(app, &first.page).await?,
        Actor::Team => None,
    };
    let locks = first.hosts.iter().map(|h| lock_key("member", h)).collect();
    let mut w = app.db.write(locks).await?;
    let b = store::bookings::get(&mut w.tx, id)
        .await?
        .ok_or_else(|| ApiError::not_found("booking"))?;
    if b.status != "confirmed" {
        return Err(ApiError::conflict("this booking is already cancelled"));
    }
    if actor == Actor::Visitor {
        let (allowed, notice) = config.as_ref().map_or((true, 0), |c| {
            (c.policy.allow_cancel, c.policy.cancel_notice)
        });
        visitor_may(&b, allowed, notice, ("cancel", "cancelling"), now)?;
    }
    store::bookings::cancel(&mut w.tx, id, reason.as_deref(), now).await?;
    store::members::count_booking(&mut w.tx, &b.hosts, -1, None).await?;
    let after = store::bookings::get(&mut w.tx, id)
        .await?
        .ok_or_else(ApiError::internal)?;
    let queued = notify::booking_changed(
        &mut w.tx,
        Change {
            event_type: "booking.cancelled",
            booking: &after,
            view: view(&after),
            previous: Some(&b),
            manage_url: None,
            now,
        },
    )
    .await?;
    w.commit().await?;
    if queued > 0 {
        app.outbox.notify_one();
    }
    tracing::info!(booking = %id, "cancelled");
    Ok(json!({ "booking": view(&after) }))
}

pub fn read_reason(text: &str) -> ApiResult<Option<String>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let value = body::parse(text)?;
    let map = body::object(&value, "", &["reason"])?;
    body::text(map.get("reason"), "reason", false, 2000, true)
}

pub fn read_new_start(text: &str) -> ApiResult<i64> {
    let value = body::parse(text)?;
    let map = body::object(&value, "", &["start"])?;
    read_start(map.get("start"))
}

/// Moves a booking to `start`: the old time freed and the new one taken in one write, the same
/// hosts when all of them are free then, else chosen as for a new booking.
pub async fn reschedule(
    app: &App,
    id: &str,
    start: i64,
    actor: Actor,
    now: i64,
) -> ApiResult<Value> {
    let mut conn = app.db.pool().acquire().await?;
    let first = store::bookings::get(&mut conn, id)
        .await?
        .ok_or_else(|| ApiError::not_found("booking"))?;
    drop(conn);
    let config = policy_of(app, &first.page)
        .await?
        .ok_or_else(|| ApiError::conflict("the booking's page no longer exists"))?;
    let mut locks: Vec<i64> = first.hosts.iter().map(|h| lock_key("member", h)).collect();
    locks.extend(config.member_ids().iter().map(|m| lock_key("member", m)));
    let mut w = app.db.write(locks).await?;
    let b = store::bookings::get(&mut w.tx, id)
        .await?
        .ok_or_else(|| ApiError::not_found("booking"))?;
    if b.status != "confirmed" {
        return Err(ApiError::conflict("a cancelled booking cannot be moved"));
    }
    if actor == Actor::Visitor {
        let (allowed, notice) = (
            config.policy.allow_reschedule,
            config.policy.reschedule_notice,
        );
        visitor_may(&b, allowed, notice, ("reschedule", "rescheduling"), now)?;
    }
    // The booking itself does not count as busy for its new time.
    store::bookings::deactivate_hosts(&mut w.tx, id).await?;
    let (explanation, members) = check(&mut w.tx, &b.page, &config, start, now).await?;
    if !explanation.offered {
        return Err(refused(&explanation));
    }
    let all_free = b
        .hosts
        .iter()
        .all(|h| explanation.members.iter().any(|m| &m.id == h && m.free));
    let hosts = if all_free
        && config
            .team
            .as_ref()
            .and_then(|t| t.get("mode"))
            .and_then(Value::as_str)
            == Some("roundRobin")
    {
        b.hosts.clone()
    } else {
        explanation.hosts.clone().unwrap_or_default()
    };
    if hosts.is_empty() {
        return Err(refused(&explanation));
    }
    let (before, after) = config.buffers();
    let moved = BookingRow {
        start_at: start,
        end_at: start + config.duration_ms(),
        buffer_before: before,
        buffer_after: after,
        names: names_of(&hosts, &members),
        hosts,
        sequence: b.sequence + 1,
        updated_at: now,
        ..b.clone()
    };
    if let Err(e) = store::bookings::reschedule(&mut w.tx, &moved).await {
        return Err(if store::is_overlap(&e) {
            ApiError::slot_taken()
        } else {
            e.into()
        });
    }
    store::members::count_booking(&mut w.tx, &b.hosts, -1, None).await?;
    store::members::count_booking(&mut w.tx, &moved.hosts, 1, Some(now)).await?;
    let queued = notify::booking_changed(
        &mut w.tx,
        Change {
            event_type: "booking.rescheduled",
            booking: &moved,
            view: view(&moved),
            previous: Some(&b),
            manage_url: None,
            now,
        },
    )
    .await?;
    w.commit().await?;
    if queued > 0 {
        app.outbox.notify_one();
    }
    tracing::info!(booking = %id, "rescheduled");
    Ok(json!({ "booking": view(&moved) }))
}
