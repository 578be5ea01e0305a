//! The mail a booking's change causes (SPEC §12 guarantee 5), queued in the change's own
//! transaction: one letter to the attendee and one to each host with an `email`; a host a
//! reschedule replaced gets the cancellation; a reminder to the attendee at each of the page's
//! `reminders` offsets still ahead. Nothing is queued without `BOOKABLE_SMTP_URL`.
//!
//! The confirmation's letter holds the manage link (the token's only plain copy) until it is
//! sent; the outbox removes it from the queue then (`outbox::mail`).

use serde_json::Value;

use super::{change::Change, page::PageConfig};
use crate::{
    error::ApiResult,
    mail::{Letter, Occasion, Person, Role},
    secret,
    store::{self, BookingRow, MemberRow},
    time::MINUTE,
};

fn attendee(b: &BookingRow) -> Person {
    let field = |k: &str| b.attendee.get(k).and_then(Value::as_str).map(String::from);
    Person {
        name: field("name").unwrap_or_default(),
        email: field("email"),
        timezone: field("timezone"),
    }
}

/// The booking's hosts as people: display name, email, zone.
fn hosts(b: &BookingRow, members: &[MemberRow]) -> Vec<Person> {
    b.hosts
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let m = members.iter().find(|m| &m.id == id);
            Person {
                name: m
                    .map(|m| m.name.clone())
                    .or_else(|| b.names.get(i).cloned())
                    .unwrap_or_else(|| id.clone()),
                email: m.and_then(|m| m.email.clone()),
                timezone: m.map(|m| m.timezone.clone()),
            }
        })
        .collect()
}

/// Queues the letters of `change`; returns how many.
pub async fn enqueue(conn: &mut sqlx::AnyConnection, change: &Change<'_>) -> ApiResult<usize> {
    if crate::mail::outgoing().is_none() {
        return Ok(0);
    }
    let b = change.booking;
    let occasion = match change.event_type {
        "booking.created" => Occasion::Created,
        "booking.rescheduled" => Occasion::Rescheduled,
        "booking.cancelled" => Occasion::Cancelled,
        _ => return Ok(0),
    };
    let page = match store::pages::get(&mut *conn, &b.page).await? {
        Some(row) => Some(PageConfig::from_row(&row)?),
        None => None,
    };
    let mut ids = b.hosts.clone();
    if let Some(p) = change.previous {
        ids.extend(p.hosts.iter().filter(|h| !b.hosts.contains(h)).cloned());
    }
    let members = store::members::many(&mut *conn, &ids).await?;
    let now_hosts = hosts(b, &members);
    let attendee = attendee(b);
    let field = |k: &str| b.attendee.get(k).and_then(Value::as_str).map(String::from);
    let base = Letter {
        occasion,
        role: Role::Attendee,
        to: attendee.clone(),
        booking: b.id.clone(),
        title: b.title.clone(),
        start: b.start_at,
        end: b.end_at,
        previous_start: change
            .previous
            .filter(|_| occasion == Occasion::Rescheduled)
            .map(|p| p.start_at),
        sequence: b.sequence,
        attendee: attendee.clone(),
        notes: field("notes"),
        reason: b.reason.clone().filter(|_| occasion == Occasion::Cancelled),
        hosts: now_hosts.clone(),
        page_timezone: page
            .as_ref()
            .map(|p| p.timezone.clone())
            .unwrap_or_else(|| "UTC".into()),
        language: page
            .as_ref()
            .map(|p| p.language.clone())
            .unwrap_or_else(|| "en".into()),
        manage_url: None,
        minutes_before: None,
    };
    let event = secret::new_id();
    let mut letters: Vec<(Letter, i64)> = Vec::new();
    letters.push((
        Letter {
            manage_url: change.manage_url.map(String::from),
            ..base.clone()
        },
        change.now,
    ));
    for h in now_hosts.iter().filter(|h| h.email.is_some()) {
        letters.push((
            Letter {
                role: Role::Host,
                to: h.clone(),
                ..base.clone()
            },
            change.now,
        ));
    }
    // A host the reschedule replaced: the old time is cancelled in their calendar.
    if let (Occasion::Rescheduled, Some(p)) = (occasion, change.previous) {
        let before = hosts(p, &members);
        for h in before
            .iter()
            .zip(&p.hosts)
            .filter(|(h, id)| !b.hosts.contains(id) && h.email.is_some())
        {
            letters.push((
                Letter {
                    occasion: Occasion::Cancelled,
                    role: Role::Host,
                    to: h.0.clone(),
                    start: p.start_at,
                    end: p.end_at,
                    previous_start: None,
                    hosts: before.clone(),
                    ..base.clone()
                },
                change.now,
            ));
        }
    }
    if occasion != Occasion::Cancelled && b.status == "confirmed" {
        for &minutes in page.as_ref().map(|p| &p.reminders[..]).unwrap_or_default() {
            let at = b.start_at - minutes * MINUTE;
            if at > change.now {
                letters.push((
                    Letter {
                        occasion: Occasion::Reminder,
                        previous_start: None,
                        minutes_before: Some(minutes),
                        ..base.clone()
                    },
                    at,
                ));
            }
        }
    }
    let mut n = 0;
    for (letter, at) in letters {
        let Some(to) = letter.to.email.clone() else {
            continue;
        };
        let payload = serde_json::to_string(&letter).unwrap_or_default();
        let event_type = if letter.occasion == Occasion::Reminder {
            "booking.reminder"
        } else {
            change.event_type
        };
        store::deliveries::enqueue(
            &mut *conn,
            store::deliveries::NewDelivery {
                id: &secret::new_id(),
                kind: "mail",
                target: &to,
                event: &event,
                event_type,
                booking: &b.id,
                payload: &payload,
                now: change.now,
                next_at: at,
            },
        )
        .await?;
        n += 1;
    }
    Ok(n)
}
