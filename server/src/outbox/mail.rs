//! Mail deliveries (SPEC §12 guarantee 5): a queued letter composed and handed to the SMTP
//! server. A reminder is sent only while its booking is still confirmed at the same start and
//! sequence; otherwise it ends `failed` with the reason ("not sent: …"), never sent. Once a
//! confirmation is sent, its manage link is removed from the queue.

use super::Outcome;
use crate::{
    mail::{self, Letter, Occasion},
    service::App,
    store::{self, deliveries::DeliveryRow},
    time::now_ms,
};

pub(super) async fn send(app: &App, d: &DeliveryRow) -> Outcome {
    let Some(outgoing) = mail::outgoing() else {
        return Outcome::Retry("BOOKABLE_SMTP_URL is not set in this process".into());
    };
    let mut letter: Letter = match serde_json::from_str(&d.payload) {
        Ok(l) => l,
        Err(e) => return Outcome::GiveUp(format!("the queued letter does not read: {e}")),
    };
    if letter.occasion == Occasion::Reminder {
        let booking = match app.db.pool().acquire().await {
            Ok(mut conn) => store::bookings::get(&mut conn, &letter.booking).await,
            Err(e) => Err(e),
        };
        match booking {
            Err(e) => return Outcome::Retry(format!("the database is not reachable: {e}")),
            Ok(None) => return Outcome::GiveUp("not sent: the booking is gone".into()),
            Ok(Some(b)) if b.status != "confirmed" => {
                return Outcome::GiveUp("not sent: the booking was cancelled".into())
            }
            Ok(Some(b)) if b.start_at != letter.start || b.sequence != letter.sequence => {
                return Outcome::GiveUp(
                    "not sent: the booking was moved (its new time has its own reminders)".into(),
                )
            }
            Ok(Some(_)) => {}
        }
    }
    let message = match mail::compose(&letter, &outgoing.from, now_ms(), &d.id) {
        Ok(m) => m,
        Err(e) => return Outcome::GiveUp(format!("the message cannot be written: {e}")),
    };
    if let Err(e) = outgoing.send(message).await {
        return Outcome::Retry(format!("SMTP: {e}"));
    }
    if letter.manage_url.take().is_some() {
        let scrubbed = serde_json::to_string(&letter).unwrap_or_default();
        let done = match app.db.quiet().await {
            Ok(mut q) => store::deliveries::set_payload(&mut q.conn, &d.id, &scrubbed).await,
            Err(e) => Err(e),
        };
        if let Err(e) = done {
            tracing::warn!(delivery = %d.id, error = %e, "a sent confirmation keeps its manage link in the queue");
        }
    }
    Outcome::Delivered
}
