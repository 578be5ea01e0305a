//! The owner API (`/api/admin/`, SPEC §12): members, pages, teams, bookings, tokens. Each
//! handler says who may call it; bodies are read by the services with the engine's rules.

use std::sync::Arc;

use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use serde::Deserialize;
use serde_json::{json, Value};

use super::extract::AdminBody;
use crate::{
    auth::Caller,
    error::{ApiError, ApiResult},
    feed, secret,
    service::{
        body,
        bookings::{self, Actor},
        inbox, members, pages, webhooks, App,
    },
    store::{self, lock_key},
    time::{now_ms, parse_instant, DAY},
};

pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route("/members", get(list_members))
        .route(
            "/members/{id}",
            get(get_member).put(put_member).delete(delete_member),
        )
        .route("/members/{id}/status", get(get_status).put(put_status))
        .route("/members/{id}/feed-key", post(new_feed_key))
        .route("/members/{id}/release", post(release))
        .route("/pages", get(list_pages))
        .route(
            "/pages/{page}",
            get(get_page).put(put_page).delete(delete_page),
        )
        .route("/teams", get(list_teams))
        .route(
            "/teams/{team}",
            get(get_team).put(put_team).delete(delete_team),
        )
        .route("/teams/{team}/status", get(team_status))
        .route("/teams/{team}/assign", post(assign))
        .route("/bookings", get(list_bookings))
        .route("/bookings/{id}", get(get_booking))
        .route("/bookings/{id}/cancel", post(cancel_booking))
        .route("/bookings/{id}/reschedule", post(reschedule_booking))
        .route("/tokens", get(list_tokens).post(new_token))
        .route("/tokens/{id}", axum::routing::delete(delete_token))
        .route("/webhooks", get(list_webhooks))
        .route(
            "/webhooks/{id}",
            axum::routing::put(put_webhook).delete(delete_webhook),
        )
        .route("/deliveries", get(list_deliveries))
}

type Answer = ApiResult<Json<Value>>;

async fn list_members(State(app): State<Arc<App>>, caller: Caller) -> Answer {
    let mut conn = app.db.pool().acquire().await?;
    let all = store::members::all(&mut conn).await?;
    let now = now_ms();
    let mut out = Vec::new();
    for m in all
        .iter()
        .filter(|m| caller.is_team_lead() || caller == Caller::Member(m.id.clone()))
    {
        let mut v = members::view(m, None);
        v["status"] = members::status(m, now)?;
        out.push(v);
    }
    Ok(Json(json!({ "members": out })))
}

async fn get_member(State(app): State<Arc<App>>, caller: Caller, Path(id): Path<String>) -> Answer {
    caller.require_member(&id, true)?;
    let mut conn = app.db.pool().acquire().await?;
    let m = store::members::get(&mut conn, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("member"))?;
    Ok(Json(json!({ "member": members::view(&m, None) })))
}

async fn put_member(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    text: AdminBody,
) -> ApiResult<Response> {
    caller.require_member(&id, false)?;
    body::id(&id, "member")?;
    let b = members::read(&id, &text.0)?;
    if let Caller::Member(_) = caller {
        // A member changes its own hours, overrides, time off, zone and calendars; its capacity,
        // limits and busy items are the team's to set.
        let mut conn = app.db.pool().acquire().await?;
        let old = store::members::get(&mut conn, &id)
            .await?
            .ok_or_else(ApiError::forbidden)?;
        let before: Value = serde_json::from_str(&old.config).unwrap_or_default();
        let after: Value = serde_json::from_str(&b.config).unwrap_or_default();
        let same = |k: &str| before.get(k) == after.get(k);
        if old.capacity_max != b.capacity_max || !same("limits") || !same("busy") {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                "",
                "a member changes its hours, overrides, time off, zone and calendars; capacity, limits and busy items are the team's",
            ));
        }
    }
    let now = now_ms();
    let mut w = app.db.write(vec![lock_key("member", &id)]).await?;
    let created = store::members::put(
        &mut w.tx,
        store::members::MemberWrite {
            id: &id,
            name: &b.name,
            email: b.email.as_deref(),
            timezone: &b.timezone,
            config: &b.config,
            capacity_max: b.capacity_max,
            now,
        },
    )
    .await
    .map_err(|e| {
        if store::is_constraint(&e) {
            ApiError::conflict("capacity.max is below the conversations assigned now")
        } else {
            e.into()
        }
    })?;
    let key = created.then(|| secret::new_token(""));
    if let Some(k) = &key {
        store::members::set_feed_key(&mut w.tx, &id, &secret::hash(k)).await?;
    }
    let m = store::members::get(&mut w.tx, &id)
        .await?
        .ok_or_else(ApiError::internal)?;
    w.commit().await?;
    let feed_url = key.map(|k| format!("{}/feeds/{k}.ics", app.public_url));
    Ok(Json(json!({ "member": members::view(&m, feed_url) })).into_response())
}

async fn delete_member(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    caller.require_owner()?;
    let mut w = app.db.write(vec![lock_key("member", &id)]).await?;
    let listed = store::members::listed_by(&mut w.tx, &id).await?;
    if !listed.is_empty() {
        return Err(ApiError::conflict(format!(
            "listed by {}; remove it there first",
            listed.join(", ")
        )));
    }
    if !store::members::delete(&mut w.tx, &id).await? {
        return Err(ApiError::not_found("member"));
    }
    w.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn get_status(State(app): State<Arc<App>>, caller: Caller, Path(id): Path<String>) -> Answer {
    caller.require_member(&id, true)?;
    let mut conn = app.db.pool().acquire().await?;
    let m = store::members::get(&mut conn, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("member"))?;
    Ok(Json(members::status(&m, now_ms())?))
}

async fn put_status(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    text: AdminBody,
) -> Answer {
    caller.require_member(&id, true)?;
    let (status, reason) = inbox::read_status(&text.0)?;
    Ok(Json(
        inbox::set_status(&app, &id, &status, reason.as_deref(), now_ms()).await?,
    ))
}

async fn new_feed_key(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Answer {
    caller.require_member(&id, false)?;
    Ok(Json(json!({ "feedUrl": feed::rotate(&app, &id).await? })))
}

async fn release(State(app): State<Arc<App>>, caller: Caller, Path(id): Path<String>) -> Answer {
    caller.require_lead()?;
    Ok(Json(inbox::release(&app, &id, now_ms()).await?))
}

async fn list_pages(State(app): State<Arc<App>>, _caller: Caller) -> Answer {
    let mut conn = app.db.pool().acquire().await?;
    let rows = store::pages::all(&mut conn).await?;
    let list = rows
        .iter()
        .map(|r| pages::PageConfig::from_row(r).map(|c| pages::view(&r.id, &c, &app.public_url)))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Json(json!({ "pages": list })))
}

async fn get_page(
    State(app): State<Arc<App>>,
    _caller: Caller,
    Path(page): Path<String>,
) -> Answer {
    let mut conn = app.db.pool().acquire().await?;
    let row = store::pages::get(&mut conn, &page)
        .await?
        .ok_or_else(|| ApiError::not_found("page"))?;
    Ok(Json(
        json!({ "page": pages::view(&page, &pages::PageConfig::from_row(&row)?, &app.public_url) }),
    ))
}

/// The members a body names that do not exist: `400 invalid_value` at `members[i]…`.
async fn check_members_exist(
    conn: &mut sqlx::AnyConnection,
    ids: &[String],
    path: impl Fn(usize) -> String,
) -> ApiResult<()> {
    let found = store::members::many(conn, ids).await?;
    if let Some(i) = ids.iter().position(|id| !found.iter().any(|m| &m.id == id)) {
        return Err(ApiError::invalid(
            path(i),
            format!(
                "no member `{}`",
                ids[i].chars().take(40).collect::<String>()
            ),
        ));
    }
    Ok(())
}

async fn put_page(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(page): Path<String>,
    text: AdminBody,
) -> Answer {
    caller.require_owner()?;
    body::id(&page, "page")?;
    let config = pages::read(&text.0)?;
    let ids = config.member_ids();
    let mut locks: Vec<i64> = ids.iter().map(|m| lock_key("member", m)).collect();
    locks.push(lock_key("page", &page));
    let mut w = app.db.write(locks).await?;
    check_members_exist(&mut w.tx, &ids, |i| format!("members[{i}].id")).await?;
    let stored = serde_json::to_string(&config).map_err(|_| ApiError::internal())?;
    store::pages::put(&mut w.tx, &page, &stored, &ids, now_ms()).await?;
    w.commit().await?;
    Ok(Json(
        json!({ "page": pages::view(&page, &config, &app.public_url) }),
    ))
}

async fn delete_page(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(page): Path<String>,
) -> ApiResult<StatusCode> {
    caller.require_owner()?;
    let mut w = app.db.write(vec![lock_key("page", &page)]).await?;
    if !store::pages::delete(&mut w.tx, &page).await? {
        return Err(ApiError::not_found("page"));
    }
    w.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

fn team_view(t: &store::TeamRow) -> Value {
    json!({ "id": t.id, "members": t.members, "assignment": t.assignment })
}

async fn list_teams(State(app): State<Arc<App>>, caller: Caller) -> Answer {
    caller.require_lead()?;
    let mut conn = app.db.pool().acquire().await?;
    let teams = store::pages::teams(&mut conn).await?;
    Ok(Json(
        json!({ "teams": teams.iter().map(team_view).collect::<Vec<_>>() }),
    ))
}

async fn get_team(State(app): State<Arc<App>>, caller: Caller, Path(team): Path<String>) -> Answer {
    caller.require_lead()?;
    let mut conn = app.db.pool().acquire().await?;
    let t = store::pages::team(&mut conn, &team)
        .await?
        .ok_or_else(|| ApiError::not_found("team"))?;
    Ok(Json(json!({ "team": team_view(&t) })))
}

async fn put_team(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(team): Path<String>,
    text: AdminBody,
) -> Answer {
    caller.require_owner()?;
    body::id(&team, "team")?;
    let (ids, assignment) = inbox::read_team(&text.0)?;
    let mut w = app.db.write(vec![lock_key("team", &team)]).await?;
    check_members_exist(&mut w.tx, &ids, |i| format!("members[{i}]")).await?;
    store::pages::put_team(&mut w.tx, &team, &assignment, &ids, now_ms()).await?;
    let t = store::pages::team(&mut w.tx, &team)
        .await?
        .ok_or_else(ApiError::internal)?;
    w.commit().await?;
    Ok(Json(json!({ "team": team_view(&t) })))
}

async fn delete_team(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(team): Path<String>,
) -> ApiResult<StatusCode> {
    caller.require_owner()?;
    let mut w = app.db.write(vec![lock_key("team", &team)]).await?;
    if !store::pages::delete_team(&mut w.tx, &team).await? {
        return Err(ApiError::not_found("team"));
    }
    w.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn team_status(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(team): Path<String>,
) -> Answer {
    caller.require_lead()?;
    Ok(Json(inbox::status_of_team(&app, &team, now_ms()).await?))
}

async fn assign(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(team): Path<String>,
    _text: AdminBody,
) -> Answer {
    caller.require_lead()?;
    Ok(Json(inbox::assign(&app, &team, now_ms()).await?))
}

#[derive(Deserialize)]
struct BookingQuery {
    page: Option<String>,
    member: Option<String>,
    from: Option<String>,
    to: Option<String>,
    status: Option<String>,
    limit: Option<i64>,
}

async fn list_bookings(
    State(app): State<Arc<App>>,
    caller: Caller,
    Query(q): Query<BookingQuery>,
) -> Answer {
    let member = match &caller {
        Caller::Member(m) => {
            if q.member.as_ref().is_some_and(|x| x != m) {
                return Err(ApiError::forbidden());
            }
            Some(m.clone())
        }
        _ => q.member.clone(),
    };
    let now = now_ms();
    let from = q
        .from
        .as_deref()
        .map(|s| parse_instant(s, "from"))
        .transpose()?
        .unwrap_or(now - 30 * DAY);
    let to =
        q.to.as_deref()
            .map(|s| parse_instant(s, "to"))
            .transpose()?
            .unwrap_or(from + 400 * DAY);
    if let Some(s) = &q.status {
        if s != "confirmed" && s != "cancelled" {
            return Err(ApiError::invalid(
                "status",
                "`status` is \"confirmed\" or \"cancelled\"",
            ));
        }
    }
    let limit = q.limit.unwrap_or(500);
    if !(1..=5000).contains(&limit) {
        return Err(ApiError::invalid("limit", "from 1 to 5000"));
    }
    let filter = store::bookings::Filter {
        page: q.page.as_deref(),
        member: member.as_deref(),
        from,
        to,
        status: q.status.as_deref(),
        limit,
    };
    let mut conn = app.db.pool().acquire().await?;
    let mut rows = store::bookings::list(&mut conn, &filter).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let mut answer = json!({ "bookings": rows.iter().map(bookings::view).collect::<Vec<_>>() });
    if more {
        // Not a silent cut: the next page starts at the last start shown.
        answer["more"] = json!(true);
    }
    Ok(Json(answer))
}

/// The booking, if the caller may see it (a member: its own bookings only).
async fn visible_booking(app: &App, caller: &Caller, id: &str) -> ApiResult<store::BookingRow> {
    let mut conn = app.db.pool().acquire().await?;
    let b = store::bookings::get(&mut conn, id)
        .await?
        .ok_or_else(|| ApiError::not_found("booking"))?;
    match caller {
        Caller::Member(m) if !b.hosts.contains(m) => Err(ApiError::not_found("booking")),
        _ => Ok(b),
    }
}

async fn get_booking(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Answer {
    let b = visible_booking(&app, &caller, &id).await?;
    Ok(Json(json!({ "booking": bookings::view(&b) })))
}

async fn cancel_booking(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    text: AdminBody,
) -> Answer {
    visible_booking(&app, &caller, &id).await?;
    let reason = bookings::read_reason(&text.0)?;
    Ok(Json(
        bookings::cancel(&app, &id, reason, Actor::Team, now_ms()).await?,
    ))
}

async fn reschedule_booking(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    text: AdminBody,
) -> Answer {
    visible_booking(&app, &caller, &id).await?;
    let start = bookings::read_new_start(&text.0)?;
    Ok(Json(
        bookings::reschedule(&app, &id, start, Actor::Team, now_ms()).await?,
    ))
}

fn token_view(t: &store::TokenRow) -> Value {
    let mut v = json!({ "id": t.id, "role": t.role, "createdAt": crate::time::iso(t.created_at) });
    if let Some(m) = &t.member {
        v["member"] = json!(m);
    }
    v
}

async fn list_tokens(State(app): State<Arc<App>>, caller: Caller) -> Answer {
    caller.require_lead()?;
    let mut conn = app.db.pool().acquire().await?;
    let list = store::tokens::all(&mut conn).await?;
    Ok(Json(
        json!({ "tokens": list.iter().map(token_view).collect::<Vec<_>>() }),
    ))
}

async fn new_token(
    State(app): State<Arc<App>>,
    caller: Caller,
    text: AdminBody,
) -> ApiResult<Response> {
    caller.require_owner()?;
    let value = body::parse(&text.0)?;
    let map = body::object(&value, "", &["role", "member"])?;
    let role = match map.get("role").and_then(Value::as_str) {
        Some(r @ ("manager" | "member")) => r.to_string(),
        None if map.get("role").is_none() => return Err(ApiError::missing("role")),
        _ => {
            return Err(ApiError::invalid(
                "role",
                "`role` is \"manager\" or \"member\"",
            ))
        }
    };
    let member = match (role.as_str(), map.get("member")) {
        ("member", Some(Value::String(m))) => Some(m.clone()),
        ("member", None) => return Err(ApiError::missing("member")),
        ("member", Some(_)) => return Err(ApiError::invalid("member", "expected a member id")),
        (_, Some(_)) => {
            return Err(ApiError::invalid(
                "member",
                "only a member token names a member",
            ))
        }
        _ => None,
    };
    let token = secret::new_token("bk_");
    let row = store::TokenRow {
        id: secret::new_id(),
        role,
        member: member.clone(),
        created_at: now_ms(),
    };
    let mut w = app.db.write(vec![]).await?;
    if let Some(m) = &member {
        check_members_exist(&mut w.tx, std::slice::from_ref(m), |_| "member".to_string()).await?;
    }
    store::tokens::insert(&mut w.tx, &row, &secret::hash(&token)).await?;
    w.commit().await?;
    let mut v = token_view(&row);
    v["token"] = json!(token);
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

async fn delete_token(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    caller.require_owner()?;
    let mut w = app.db.write(vec![]).await?;
    if !store::tokens::delete(&mut w.tx, &id).await? {
        return Err(ApiError::not_found("token"));
    }
    w.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_webhooks(State(app): State<Arc<App>>, caller: Caller) -> Answer {
    caller.require_lead()?;
    let mut conn = app.db.pool().acquire().await?;
    let list = store::deliveries::webhooks(&mut conn).await?;
    Ok(Json(
        json!({ "webhooks": list.iter().map(webhooks::view).collect::<Vec<_>>() }),
    ))
}

async fn put_webhook(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
    text: AdminBody,
) -> Answer {
    caller.require_owner()?;
    body::id(&id, "webhook")?;
    let hook = webhooks::read(&id, &text.0)?;
    let mut w = app.db.write(vec![lock_key("webhook", &id)]).await?;
    store::deliveries::put_webhook(&mut w.tx, &hook, now_ms()).await?;
    w.commit().await?;
    Ok(Json(json!({ "webhook": webhooks::view(&hook) })))
}

async fn delete_webhook(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    caller.require_owner()?;
    let mut w = app.db.write(vec![lock_key("webhook", &id)]).await?;
    if !store::deliveries::delete_webhook(&mut w.tx, &id).await? {
        return Err(ApiError::not_found("webhook"));
    }
    w.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct DeliveryQuery {
    state: Option<String>,
}

/// What left the server or did not, and why: `?state=failed` lists what did not go out.
async fn list_deliveries(
    State(app): State<Arc<App>>,
    caller: Caller,
    Query(q): Query<DeliveryQuery>,
) -> Answer {
    caller.require_lead()?;
    if let Some(s) = &q.state {
        if !["pending", "delivered", "failed"].contains(&s.as_str()) {
            return Err(ApiError::invalid(
                "state",
                "`state` is \"pending\", \"delivered\" or \"failed\"",
            ));
        }
    }
    let mut conn = app.db.pool().acquire().await?;
    let rows = store::deliveries::list(&mut conn, q.state.as_deref(), 500).await?;
    let list: Vec<Value> = rows
        .iter()
        .map(|d| {
            json!({
                "id": d.id, "kind": "webhook", "webhook": d.target, "event": d.event, "type": d.event_type,
                "booking": d.booking, "state": d.state, "attempts": d.attempts,
                "createdAt": crate::time::iso(d.created_at), "nextAt": crate::time::iso(d.next_at),
                "deliveredAt": d.delivered_at.map(crate::time::iso), "error": d.last_error,
            })
        })
        .collect();
    Ok(Json(json!({ "deliveries": list })))
}
