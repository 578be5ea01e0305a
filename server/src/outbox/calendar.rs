//! Calendar writes (SPEC §12): a delivery of kind `calendar` makes one member's CalDAV calendar
//! match one booking as it is when the delivery runs — the event `{booking id}.ics` written
//! (`PUT` with `If-None-Match: *`), moved (`PUT` with `If-Match` on the ETag we wrote), or
//! deleted when the booking is cancelled or the member is no longer its host. The href and ETag
//! are kept in `calendar_writes`.
//!
//! A `412 Precondition Failed` means the event is not the version we wrote (someone edited it,
//! or an earlier attempt's answer was lost): the booking is the truth, so the event's current
//! ETag is read again (`HEAD`) and the write is made once more over that version; a second 412
//! is retried later through the queue.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use serde_json::Value;

use super::Outcome;
use crate::{
    feed,
    remote::caldav::{self, Collection, Written},
    service::{calendars, App},
    store::{self, deliveries::DeliveryRow},
    time::now_ms,
};

/// One write at a time per booking and member in this process (two deliveries of one booking,
/// made and cancelled at once, must not cross).
fn lock(key: String) -> Arc<tokio::sync::Mutex<()>> {
    static LOCKS: Mutex<Option<HashMap<String, Arc<tokio::sync::Mutex<()>>>>> = Mutex::new(None);
    let mut map = LOCKS.lock().expect("locks");
    let map = map.get_or_insert_with(HashMap::new);
    map.retain(|_, l| Arc::strong_count(l) > 1);
    map.entry(key).or_default().clone()
}

pub(super) async fn send(app: &App, client: &crate::egress::Http, d: &DeliveryRow) -> Outcome {
    let payload: Value = serde_json::from_str(&d.payload).unwrap_or_default();
    let (Some(booking_id), Some(member_id)) =
        (payload["booking"].as_str(), payload["member"].as_str())
    else {
        return Outcome::GiveUp("not a calendar write".into());
    };
    let guard = lock(format!("{booking_id}\0{member_id}"));
    let _held = guard.lock().await;
    let found = async {
        let mut conn = app.db.pool().acquire().await?;
        let b = store::bookings::get(&mut conn, booking_id).await?;
        let m = store::members::get(&mut conn, member_id).await?;
        let w = store::calendars::written(&mut conn, booking_id, member_id).await?;
        Ok::<_, sqlx::Error>((b, m, w))
    }
    .await;
    let (booking, member, written) = match found {
        Ok(f) => f,
        Err(e) => return Outcome::Retry(format!("the database is not reachable: {e}")),
    };
    let (Some(booking), Some(member)) = (booking, member) else {
        return Outcome::GiveUp("the booking or the member is gone".into());
    };
    let config: Value = serde_json::from_str(&member.config).unwrap_or_default();
    let Some((url, username, password)) =
        calendars::remotes(&config)
            .into_iter()
            .find_map(|(_, r)| match r {
                calendars::Remote::CalDav {
                    url,
                    username,
                    password,
                    write: true,
                } => Some((url, username, password)),
                _ => None,
            })
    else {
        return Outcome::GiveUp("the member's calendar is no longer written".into());
    };
    let c = Collection {
        url: &url,
        username: username.as_deref(),
        password: password.as_deref(),
    };
    let wanted = booking.status == "confirmed" && booking.hosts.iter().any(|h| h == member_id);
    let result = if wanted {
        let ics = feed::calendar(&booking.title, std::slice::from_ref(&booking), now_ms());
        write(client, &c, &booking.id, written, &ics).await
    } else {
        remove(client, &c, written).await
    };
    let recorded = async {
        let mut q = app.db.quiet().await?;
        match &result {
            Ok(Some((href, etag))) => {
                store::calendars::set_written(
                    &mut q.conn,
                    booking_id,
                    member_id,
                    href,
                    etag.as_deref(),
                    now_ms(),
                )
                .await
            }
            Ok(None) => store::calendars::forget_written(&mut q.conn, booking_id, member_id).await,
            Err(_) => Ok(()),
        }
    }
    .await;
    match (result, recorded) {
        (Err(why), _) => Outcome::Retry(why),
        (Ok(_), Err(e)) => Outcome::Retry(format!("written, but not recorded: {e}")),
        (Ok(_), Ok(())) => Outcome::Delivered,
    }
}

/// Puts the event; `(href, etag)` of what is there now.
async fn write(
    client: &crate::egress::Http,
    c: &Collection<'_>,
    booking: &str,
    written: Option<(String, Option<String>)>,
    ics: &str,
) -> Result<Option<(String, Option<String>)>, String> {
    let (href, mut etag) = match written {
        Some((href, etag)) => (href, etag),
        None => (c.href_of(booking), None),
    };
    for _ in 0..2 {
        // Without a known ETag: a new event (`If-None-Match: *`).
        match caldav::put(client, c, &href, ics, etag.as_deref()).await? {
            Written::Ok(new) => return Ok(Some((href, new))),
            // Deleted by someone else: written anew.
            Written::Missing => etag = None,
            // Not the version we know (or already there): read its ETag again and write over it.
            Written::Precondition => match caldav::current(client, c, &href).await? {
                Written::Ok(now) => {
                    tracing::info!(booking, "412 Precondition Failed: the event changed elsewhere; written over its current ETag");
                    etag = Some(now.unwrap_or_else(|| "*".into()))
                }
                _ => etag = None,
            },
        }
    }
    Err("the event changed again while it was written (412 twice)".into())
}

/// Deletes the event; `None` when it is gone.
async fn remove(
    client: &crate::egress::Http,
    c: &Collection<'_>,
    written: Option<(String, Option<String>)>,
) -> Result<Option<(String, Option<String>)>, String> {
    let Some((href, mut etag)) = written else {
        return Ok(None);
    };
    for _ in 0..2 {
        match caldav::delete(client, c, &href, etag.as_deref()).await? {
            Written::Ok(_) | Written::Missing => return Ok(None),
            Written::Precondition => match caldav::current(client, c, &href).await? {
                Written::Ok(now) => etag = now,
                _ => return Ok(None),
            },
        }
    }
    Err("the event changed again while it was deleted (412 twice)".into())
}
