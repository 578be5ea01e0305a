//! Tokens of managers and members: made (shown once), listed, revoked.

use std::sync::Arc;

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Value};

use super::{check_members_exist, Answer};
use crate::http::extract::AdminBody;
use crate::{
    auth::Caller,
    error::{ApiError, ApiResult},
    secret,
    service::{body, App},
    store::{self},
    time::now_ms,
};

fn token_view(t: &store::TokenRow) -> Value {
    let mut v = json!({ "id": t.id, "role": t.role, "createdAt": crate::time::iso(t.created_at) });
    if let Some(m) = &t.member {
        v["member"] = json!(m);
    }
    v
}

pub(super) async fn list_tokens(State(app): State<Arc<App>>, caller: Caller) -> Answer {
    caller.require_lead()?;
    let mut conn = app.db.pool().acquire().await?;
    let list = store::tokens::all(&mut conn).await?;
    Ok(Json(
        json!({ "tokens": list.iter().map(token_view).collect::<Vec<_>>() }),
    ))
}

pub(super) async fn new_token(
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

pub(super) async fn delete_token(
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
