//! The inbox (SPEC §8, §12 guarantee 9): a member's manual status, a team's status table and
//! who gets the next conversation, assign and release.

use serde_json::{json, Value};

use super::{body, members, App};
use crate::{
    error::{ApiError, ApiResult},
    store::{self, lock_key, MemberRow, TeamRow},
    time::iso,
};

/// `PUT /members/{id}/status` body: `{status: "available"|"away", reason?}`.
pub fn read_status(text: &str) -> ApiResult<(String, Option<String>)> {
    let value = body::parse(text)?;
    let map = body::object(&value, "", &["status", "reason"])?;
    let status = match map.get("status") {
        None => return Err(ApiError::missing("status")),
        Some(Value::String(s)) if s == "available" || s == "away" => s.clone(),
        Some(_) => {
            return Err(ApiError::invalid(
                "status",
                "`status` must be \"available\" or \"away\"",
            ))
        }
    };
    let reason = body::text(map.get("reason"), "reason", false, 200, false)?;
    Ok((status, reason))
}

pub async fn set_status(
    app: &App,
    id: &str,
    status: &str,
    reason: Option<&str>,
    now: i64,
) -> ApiResult<Value> {
    let mut w = app.db.write(vec![lock_key("member", id)]).await?;
    if store::members::get(&mut w.tx, id).await?.is_none() {
        return Err(ApiError::not_found("member"));
    }
    store::members::set_manual(&mut w.tx, id, status, reason, now).await?;
    let m = store::members::get(&mut w.tx, id)
        .await?
        .ok_or_else(ApiError::internal)?;
    w.commit().await?;
    members::status(&m, now)
}

/// `PUT /teams/{team}` body: `{members: [ids], assignment?}`.
pub fn read_team(text: &str) -> ApiResult<(Vec<String>, String)> {
    let value = body::parse(text)?;
    let map = body::object(&value, "", &["members", "assignment"])?;
    let list = match map.get("members") {
        None => return Err(ApiError::missing("members")),
        Some(Value::Array(a)) if !a.is_empty() && a.len() <= 500 => a,
        Some(_) => return Err(ApiError::invalid("members", "expected 1 to 500 member ids")),
    };
    let mut ids: Vec<String> = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        let Some(s) = v.as_str() else {
            return Err(ApiError::invalid(
                format!("members[{i}]"),
                "expected a member id",
            ));
        };
        if ids.iter().any(|x| x == s) {
            return Err(ApiError::invalid(
                format!("members[{i}]"),
                format!(
                    "`{}` is listed twice",
                    s.chars().take(40).collect::<String>()
                ),
            ));
        }
        ids.push(s.to_string());
    }
    let assignment = match map.get("assignment") {
        None | Some(Value::Null) => "roundRobin".to_string(),
        Some(Value::String(s)) if s == "roundRobin" || s == "leastLoaded" => s.clone(),
        Some(_) => {
            return Err(ApiError::invalid(
                "assignment",
                "`assignment` must be \"roundRobin\" or \"leastLoaded\"",
            ))
        }
    };
    Ok((ids, assignment))
}

fn team_request(team: &TeamRow, members: &[MemberRow], now: i64) -> Value {
    let list: Vec<Value> = members.iter().map(members::status_member).collect();
    json!({ "now": iso(now), "members": list, "assignment": team.assignment })
}

/// The team's status at `now`; each member's entry adds what the engine read besides its hours
/// (`capacity` with `assigned`, the stored `manual` choice, `lastAssignedAt`) and `name`, so that a
/// browser recomputes the same table with the engine at any later instant.
fn team_status(team: &TeamRow, members: &[MemberRow], now: i64) -> ApiResult<Value> {
    let request = team_request(team, members, now);
    let answer = bookable::status_from_json(&request.to_string(), now).map_err(|e| {
        tracing::error!(team = %team.id, code = e.code.as_str(), path = %e.path, "a stored team is not a valid status request");
        ApiError::internal()
    })?;
    let mut value = serde_json::to_value(answer).map_err(|_| ApiError::internal())?;
    if let Some(list) = value.get_mut("members").and_then(Value::as_array_mut) {
        for (entry, m) in list.iter_mut().zip(members) {
            entry["capacity"] = json!({ "max": m.capacity_max, "assigned": m.assigned });
            entry["name"] = json!(m.name);
            if let (Some(status), Some(since)) = (&m.manual_status, m.manual_since) {
                entry["manual"] =
                    json!({ "status": status, "since": iso(since), "reason": m.manual_reason });
            }
            if let Some(at) = m.last_assigned_at {
                entry["lastAssignedAt"] = json!(iso(at));
            }
        }
    }
    Ok(value)
}

pub async fn status_of_team(app: &App, id: &str, now: i64) -> ApiResult<Value> {
    let mut conn = app.db.pool().acquire().await?;
    let team = store::pages::team(&mut conn, id)
        .await?
        .ok_or_else(|| ApiError::not_found("team"))?;
    let members = store::members::many(&mut conn, &team.members).await?;
    team_status(&team, &members, now)
}

/// `POST /teams/{team}/assign`: the team's `next`, recorded at once. Concurrent calls are
/// serialised on the team and its members; the capacity `CHECK` refuses what slips past.
pub async fn assign(app: &App, id: &str, now: i64) -> ApiResult<Value> {
    let mut conn = app.db.pool().acquire().await?;
    let team = store::pages::team(&mut conn, id)
        .await?
        .ok_or_else(|| ApiError::not_found("team"))?;
    drop(conn);
    let mut locks: Vec<i64> = team.members.iter().map(|m| lock_key("member", m)).collect();
    locks.push(lock_key("team", id));
    let mut w = app.db.write(locks).await?;
    let team = store::pages::team(&mut w.tx, id)
        .await?
        .ok_or_else(|| ApiError::not_found("team"))?;
    let members = store::members::many(&mut w.tx, &team.members).await?;
    let status = team_status(&team, &members, now)?;
    let next = status.get("next").and_then(Value::as_str).map(String::from);
    if let Some(m) = &next {
        let taken = store::members::assign(&mut w.tx, m, now)
            .await
            .map_err(|e| {
                if store::is_constraint(&e) {
                    ApiError::conflict("capacity reached")
                } else {
                    e.into()
                }
            })?;
        if !taken {
            return Err(ApiError::conflict(
                "that member's capacity was just reached; try again",
            ));
        }
    }
    w.commit().await?;
    Ok(json!({ "member": next }))
}

pub async fn release(app: &App, id: &str, now: i64) -> ApiResult<Value> {
    let mut w = app.db.write(vec![lock_key("member", id)]).await?;
    if store::members::get(&mut w.tx, id).await?.is_none() {
        return Err(ApiError::not_found("member"));
    }
    store::members::release(&mut w.tx, id).await?;
    let m = store::members::get(&mut w.tx, id)
        .await?
        .ok_or_else(ApiError::internal)?;
    w.commit().await?;
    members::status(&m, now)
}
