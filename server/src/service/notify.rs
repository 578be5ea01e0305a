//! What a change of a booking tells the outside (SPEC §12 guarantees 4–6): every webhook call,
//! message and calendar write it causes is queued here, in the change's own transaction, and sent
//! by `outbox` after the commit — nothing outside sits in the request's path.

use serde_json::Value;

use crate::{error::ApiResult, store::BookingRow};

/// A booking that was created, rescheduled or cancelled.
pub struct Change<'a> {
    /// `booking.created`, `booking.rescheduled` or `booking.cancelled`.
    pub event_type: &'a str,
    /// The booking as it is now.
    pub booking: &'a BookingRow,
    /// The booking as the visitor sees it (`bookings::view`).
    pub view: Value,
    /// The booking before a reschedule.
    pub previous: Option<&'a BookingRow>,
    /// The attendee's manage link, known only when the booking is made.
    pub manage_url: Option<&'a str>,
    pub now: i64,
}

/// Queues everything `change` causes; returns how many deliveries were queued (the caller wakes
/// the outbox after its commit when there are any).
pub async fn booking_changed(
    conn: &mut sqlx::AnyConnection,
    change: Change<'_>,
) -> ApiResult<usize> {
    let queued = super::webhooks::enqueue(
        &mut *conn,
        change.event_type,
        change.booking,
        change.view.clone(),
        change.now,
    )
    .await?;
    let queued = queued
        + super::calendars::enqueue_writes(
            &mut *conn,
            change.booking,
            change.previous,
            change.event_type,
            change.now,
        )
        .await?;
    let mail = super::mail::Changed {
        event_type: change.event_type,
        booking: change.booking,
        previous: change.previous,
        manage_url: change.manage_url,
        now: change.now,
    };
    let queued = queued + super::mail::enqueue(&mut *conn, mail).await?;
    Ok(queued)
}
