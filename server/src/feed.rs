//! A member's private feed (`GET /feeds/{key}.ics`): the confirmed bookings from 30 days ago on,
//! as RFC 5545. The key is a secret address: only its hash is kept, a new one replaces it.

use crate::{
    error::{ApiError, ApiResult},
    ical::{fold, stamp, text},
    secret,
    service::App,
    store::{self, lock_key, BookingRow},
    time::DAY,
};

/// The calendar of `bookings`, named `name`.
pub fn calendar(name: &str, bookings: &[BookingRow], now: i64) -> String {
    let mut out = String::new();
    let mut line = |l: String| fold(&l, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//bookable//bookable-server//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line(format!("X-WR-CALNAME:{}", text(name)));
    for b in bookings {
        let attendee = b
            .attendee
            .get("name")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", text(&b.id)));
        line(format!("DTSTAMP:{}", stamp(now)));
        line(format!("DTSTART:{}", stamp(b.start_at)));
        line(format!("DTEND:{}", stamp(b.end_at)));
        line(format!("SEQUENCE:{}", b.sequence));
        line(format!(
            "SUMMARY:{}",
            text(&format!("{} with {attendee}", b.title))
        ));
        line("STATUS:CONFIRMED".into());
        line("TRANSP:OPAQUE".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

pub async fn member_feed(app: &App, key: &str, now: i64) -> ApiResult<String> {
    if key.is_empty() || key.len() > 200 {
        return Err(ApiError::not_found("feed"));
    }
    let mut conn = app.db.pool().acquire().await?;
    let member = store::members::by_feed_key(&mut conn, &secret::hash(key))
        .await?
        .ok_or_else(|| ApiError::not_found("feed"))?;
    let bookings = store::bookings::feed(&mut conn, &member.id, now - 30 * DAY, 10_000).await?;
    Ok(calendar(
        &format!("Bookings of {}", member.name),
        &bookings,
        now,
    ))
}

/// A new secret feed address for a member; the old one stops at once.
pub async fn rotate(app: &App, member: &str) -> ApiResult<String> {
    let key = secret::new_token("");
    let mut w = app.db.write(vec![lock_key("member", member)]).await?;
    if store::members::get(&mut w.tx, member).await?.is_none() {
        return Err(ApiError::not_found("member"));
    }
    store::members::set_feed_key(&mut w.tx, member, &secret::hash(&key)).await?;
    w.commit().await?;
    Ok(format!("{}/feeds/{key}.ics", app.public_url))
}
