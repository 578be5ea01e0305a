//! A member's private feed (`GET /feeds/{key}.ics`): the confirmed bookings from 30 days ago on,
//! as RFC 5545. The key is a secret address: only its hash is kept, a new one replaces it.

use crate::{
    error::{ApiError, ApiResult},
    secret,
    service::App,
    store::{self, lock_key, BookingRow},
    time::{iso, DAY},
};

/// RFC 5545 §3.3.11 TEXT escaping.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 5545 §3.1: lines of at most 75 octets, continued with a space, never inside a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn stamp(ms: i64) -> String {
    iso(ms - ms.rem_euclid(1000)).replace(['-', ':'], "")
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_between_characters() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "é".repeat(60));
        fold(&long, &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), long);
        assert_eq!(text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }
}
