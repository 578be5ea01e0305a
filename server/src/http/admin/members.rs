//! Members: their stored fields, status, feed address and inbox release.

use std::sync::Arc;

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Value};

use super::Answer;
use crate::http::extract::AdminBody;
use crate::{
    auth::Caller,
    error::{ApiError, ApiResult},
    feed, secret,
    service::{body, calendars, inbox, members, App},
    store::{self, lock_key},
    time::now_ms,
};

/// `calendarErrors` (SPEC §12 extension) for a member with fetched sources.
async fn with_errors(app: &App, v: &mut Value, m: &store::MemberRow) -> ApiResult<()> {
    if !(m.config.contains("\"icsUrl\"") || m.config.contains("\"caldav\"")) {
        return Ok(());
    }
    let mut conn = app.db.pool().acquire().await?;
    let copies = store::calendars::of_members(&mut conn, std::slice::from_ref(&m.id)).await?;
    v["calendarErrors"] = calendars::errors(&m.config, &copies);
    Ok(())
}

pub(super) async fn list_members(State(app): State<Arc<App>>, caller: Caller) -> Answer {
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
        with_errors(&app, &mut v, m).await?;
        out.push(v);
    }
    Ok(Json(json!({ "members": out })))
}

pub(super) async fn get_member(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Answer {
    caller.require_member(&id, true)?;
    let mut conn = app.db.pool().acquire().await?;
    let m = store::members::get(&mut conn, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("member"))?;
    let mut v = members::view(&m, None);
    with_errors(&app, &mut v, &m).await?;
    Ok(Json(json!({ "member": v })))
}

pub(super) async fn put_member(
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
    let fetch_now =
        store::calendars::sync(&mut w.tx, &id, &calendars::keys(&b.config), now).await?;
    let key = created.then(|| secret::new_token(""));
    if let Some(k) = &key {
        store::members::set_feed_key(&mut w.tx, &id, &secret::hash(k)).await?;
    }
    let m = store::members::get(&mut w.tx, &id)
        .await?
        .ok_or_else(ApiError::internal)?;
    w.commit().await?;
    if fetch_now {
        // A new source is read at once, in the background (not in this request's path).
        app.calendars.notify_one();
    }
    let feed_url = key.map(|k| format!("{}/feeds/{k}.ics", app.public_url));
    let mut v = members::view(&m, feed_url);
    with_errors(&app, &mut v, &m).await?;
    Ok(Json(json!({ "member": v })).into_response())
}

pub(super) async fn delete_member(
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

pub(super) async fn get_status(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Answer {
    caller.require_member(&id, true)?;
    let mut conn = app.db.pool().acquire().await?;
    let m = store::members::get(&mut conn, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("member"))?;
    Ok(Json(members::status(&m, now_ms())?))
}

pub(super) async fn put_status(
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

pub(super) async fn new_feed_key(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Answer {
    caller.require_member(&id, false)?;
    Ok(Json(json!({ "feedUrl": feed::rotate(&app, &id).await? })))
}

pub(super) async fn release(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Answer {
    caller.require_lead()?;
    Ok(Json(inbox::release(&app, &id, now_ms()).await?))
}
