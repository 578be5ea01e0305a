//! Pages and teams: their configuration, a team's status and `assign`.

use std::sync::Arc;

use axum::{
    extract::{Path, State},
    http::StatusCode,
    Json,
};
use serde_json::{json, Value};

use super::{check_members_exist, Answer};
use crate::http::extract::AdminBody;
use crate::{
    auth::Caller,
    error::{ApiError, ApiResult},
    service::{body, inbox, pages, App},
    store::{self, lock_key},
    time::now_ms,
};

/// Whether `caller` may read `config`: a lead reads every page, a member the pages that list it.
fn may_read(caller: &Caller, config: &pages::PageConfig) -> bool {
    match caller {
        Caller::Member(m) => config.member_ids().iter().any(|id| id == m),
        _ => caller.is_team_lead(),
    }
}

/// Every page; for a member token, the pages that list its member.
pub(super) async fn list_pages(State(app): State<Arc<App>>, caller: Caller) -> Answer {
    let mut conn = app.db.pool().acquire().await?;
    let rows = store::pages::all(&mut conn).await?;
    let mut list = Vec::with_capacity(rows.len());
    for r in &rows {
        let config = pages::PageConfig::from_row(r)?;
        if may_read(&caller, &config) {
            list.push(pages::view(&r.id, &config, &app.public_url));
        }
    }
    Ok(Json(json!({ "pages": list })))
}

pub(super) async fn get_page(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(page): Path<String>,
) -> Answer {
    let mut conn = app.db.pool().acquire().await?;
    let row = store::pages::get(&mut conn, &page)
        .await?
        .ok_or_else(|| ApiError::not_found("page"))?;
    let config = pages::PageConfig::from_row(&row)?;
    if !may_read(&caller, &config) {
        return Err(ApiError::forbidden());
    }
    Ok(Json(
        json!({ "page": pages::view(&page, &config, &app.public_url) }),
    ))
}
pub(super) async fn put_page(
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

pub(super) async fn delete_page(
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

pub(super) async fn list_teams(State(app): State<Arc<App>>, caller: Caller) -> Answer {
    caller.require_lead()?;
    let mut conn = app.db.pool().acquire().await?;
    let teams = store::pages::teams(&mut conn).await?;
    Ok(Json(
        json!({ "teams": teams.iter().map(team_view).collect::<Vec<_>>() }),
    ))
}

pub(super) async fn get_team(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(team): Path<String>,
) -> Answer {
    caller.require_lead()?;
    let mut conn = app.db.pool().acquire().await?;
    let t = store::pages::team(&mut conn, &team)
        .await?
        .ok_or_else(|| ApiError::not_found("team"))?;
    Ok(Json(json!({ "team": team_view(&t) })))
}

pub(super) async fn put_team(
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

pub(super) async fn delete_team(
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

pub(super) async fn team_status(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(team): Path<String>,
) -> Answer {
    caller.require_lead()?;
    Ok(Json(inbox::status_of_team(&app, &team, now_ms()).await?))
}

pub(super) async fn assign(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(team): Path<String>,
    _text: AdminBody,
) -> Answer {
    caller.require_lead()?;
    Ok(Json(inbox::assign(&app, &team, now_ms()).await?))
}
