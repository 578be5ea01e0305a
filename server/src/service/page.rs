//! A page's stored configuration (the body of `PUT /pages/{page}` as read), what the routes,
//! the engine requests and the bookings read of it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{
    error::{ApiError, ApiResult},
    store::PageRow,
    time::MINUTE,
};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    pub cancel_notice: i64,
    pub reschedule_notice: i64,
    pub allow_cancel: bool,
    pub allow_reschedule: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PageMember {
    pub id: String,
    /// `required`, `priority`, `weight` as given.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PageConfig {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub timezone: String,
    pub event: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<Value>,
    pub members: Vec<PageMember>,
    pub policy: Policy,
    pub reminders: Vec<i64>,
    /// The language of the page's mail (BCP 47, one of `mail::lang::LANGUAGES`; an extension).
    #[serde(default = "english")]
    pub language: String,
}

fn english() -> String {
    "en".into()
}

impl PageConfig {
    pub fn member_ids(&self) -> Vec<String> {
        self.members.iter().map(|m| m.id.clone()).collect()
    }
    /// A whole number of the event as the engine read it (`30`, `30.0` and `3e1` alike).
    pub fn event_int(&self, key: &str) -> Option<i64> {
        self.event
            .get(key)
            .and_then(Value::as_f64)
            .map(|f| f as i64)
    }
    /// Whether the page assigns round robin by `balanced` (the only rule that counts bookings).
    pub fn is_balanced(&self) -> bool {
        self.team
            .as_ref()
            .and_then(|t| t.get("assignment"))
            .and_then(Value::as_str)
            == Some("balanced")
    }
    pub fn duration_ms(&self) -> i64 {
        self.event_int("duration").unwrap_or(0) * MINUTE
    }
    pub fn buffers(&self) -> (i64, i64) {
        (
            self.event_int("bufferBefore").unwrap_or(0),
            self.event_int("bufferAfter").unwrap_or(0),
        )
    }
    pub fn from_row(row: &PageRow) -> ApiResult<PageConfig> {
        serde_json::from_str(&row.config).map_err(|e| {
            tracing::error!(page = %row.id, error = %e, "a stored page does not read");
            ApiError::internal()
        })
    }
}
