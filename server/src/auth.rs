//! Who calls the admin API (SPEC §12, "Who may do what"): `Authorization: Bearer TOKEN` → the
//! owner, a manager, or one member. Tokens are compared by hash, the owner's in constant time.

use std::sync::Arc;

use axum::{extract::FromRequestParts, http::request::Parts};

use crate::{error::ApiError, secret, service::App, store};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caller {
    Owner,
    Manager,
    Member(String),
}

impl Caller {
    /// Owner or manager: may read everything, set any status, assign, release, cancel and move
    /// any booking.
    pub fn is_team_lead(&self) -> bool {
        matches!(self, Caller::Owner | Caller::Manager)
    }

    pub fn require_owner(&self) -> Result<(), ApiError> {
        if *self == Caller::Owner {
            Ok(())
        } else {
            Err(ApiError::forbidden())
        }
    }

    pub fn require_lead(&self) -> Result<(), ApiError> {
        if self.is_team_lead() {
            Ok(())
        } else {
            Err(ApiError::forbidden())
        }
    }

    /// Owner, manager (when `lead_may`), or the member itself.
    pub fn require_member(&self, id: &str, lead_may: bool) -> Result<(), ApiError> {
        match self {
            Caller::Owner => Ok(()),
            Caller::Manager if lead_may => Ok(()),
            Caller::Member(m) if m == id => Ok(()),
            _ => Err(ApiError::forbidden()),
        }
    }
}

/// The token of an `Authorization: Bearer` header.
pub fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty() && t.len() <= 512)
}

impl FromRequestParts<Arc<App>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &Arc<App>,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or_else(ApiError::unauthorized)?;
        if secret::matches(token, &app.owner_hash) {
            return Ok(Caller::Owner);
        }
        let mut conn = app.db.pool().acquire().await?;
        match store::tokens::by_hash(&mut conn, &secret::hash(token)).await? {
            Some(t) if t.role == "manager" => Ok(Caller::Manager),
            Some(t) if t.role == "member" => Ok(Caller::Member(t.member.unwrap_or_default())),
            _ => Err(ApiError::unauthorized()),
        }
    }
}
