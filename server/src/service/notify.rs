//! What a change of a booking tells the outside (SPEC §12 guarantees 4–6): every webhook call,
//! message and calendar write it causes is queued here, in the change's own transaction, and sent
//! by `outbox` after the commit — nothing outside sits in the request's path.

pub use super::change::Change;
use crate::error::ApiResult;

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
    let queued = queued + super::mail::enqueue(&mut *conn, &change).await?;
    Ok(queued)
}
