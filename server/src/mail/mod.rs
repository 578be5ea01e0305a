//! Mail (SPEC §12 guarantee 5): the letters a booking's change causes, composed in the page's
//! language as plain text, HTML and an iTIP invitation (RFC 5546 `REQUEST` / `CANCEL`), and the
//! SMTP transport that sends them. What to send is decided in the booking's transaction
//! (`service::mail` queues [`Letter`]s); the outbox composes and sends each after the commit.

mod compose;
mod invitation;
pub mod lang;
mod smtp;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub use compose::compose;
pub use smtp::Outgoing;

/// Why a letter is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Occasion {
    Created,
    Rescheduled,
    Cancelled,
    /// Minutes before the start (the page's `reminders`), to the attendee only.
    Reminder,
}

/// Whom a letter is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Attendee,
    Host,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The zone the person's times are shown in (besides the page's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// One message to one person, as queued (the delivery's payload): what the booking was when it
/// changed, so that a message sent late still tells that change.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Letter {
    pub occasion: Occasion,
    pub role: Role,
    pub to: Person,
    /// The booking's id: the invitation's `UID`.
    pub booking: String,
    pub title: String,
    pub start: i64,
    pub end: i64,
    /// The start before a reschedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_start: Option<i64>,
    /// The booking's `sequence` after the change: the invitation's `SEQUENCE`.
    pub sequence: i64,
    pub attendee: Person,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The hosts (display names; emails where known): the invitation's other `ATTENDEE`s.
    pub hosts: Vec<Person>,
    pub page_timezone: String,
    /// One of [`lang::LANGUAGES`].
    pub language: String,
    /// The attendee's manage link (only in the confirmation; removed once it is sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manage_url: Option<String>,
    /// A reminder's offset in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_before: Option<i64>,
}

static OUTGOING: OnceLock<Outgoing> = OnceLock::new();

/// Sets the process's mail up once at start (`BOOKABLE_SMTP_URL`, `BOOKABLE_MAIL_FROM`).
pub fn set_up(outgoing: Outgoing) {
    let _ = OUTGOING.set(outgoing);
}

/// The process's mail, when `BOOKABLE_SMTP_URL` is set; without it nothing is queued or sent.
pub fn outgoing() -> Option<&'static Outgoing> {
    OUTGOING.get()
}
