//! A letter as a message: `multipart/alternative` of plain text, HTML (every name and note
//! escaped; `dir="rtl"` for Arabic and Hebrew) and, for a booking made, moved or cancelled, the
//! iTIP invitation. Times are shown in the recipient's zone and in the page's, by the engine's
//! time zone data.

use bookable::{format_local, tzdb::TimeZone};
use html_escape::{encode_double_quoted_attribute, encode_text};
use lettre::{
    message::{header::ContentType, Mailbox, MultiPart, SinglePart},
    Message,
};

use super::{invitation, lang, Letter, Occasion, Role};

/// `2026-12-01 09:00–09:30 (Europe/Paris, UTC+01:00)`: the span as the clocks of `zone` show it.
fn span(start: i64, end: i64, zone: &str) -> String {
    let tz = TimeZone::from_name(zone).unwrap_or_else(TimeZone::utc);
    let local = |ms: i64| {
        let offset = tz.offset_at(ms.div_euclid(1000)) as i64;
        (format_local(ms + offset * 1000).replace('T', " "), offset)
    };
    let ((a, offset), (b, _)) = (local(start), local(end));
    let b = match (a.split_once(' '), b.split_once(' ')) {
        (Some((da, _)), Some((db, tb))) if da == db => tb.to_string(),
        _ => b,
    };
    let sign = if offset < 0 { '-' } else { '+' };
    let minutes = offset.abs() / 60;
    format!(
        "{a}–{b} ({}, UTC{sign}{:02}:{:02})",
        tz.name(),
        minutes / 60,
        minutes % 60
    )
}

/// The zones a recipient reads times in: theirs (when known) and the page's.
fn zones(letter: &Letter) -> Vec<&str> {
    let mut out = Vec::new();
    if let Some(z) = letter.to.timezone.as_deref() {
        out.push(z);
    }
    if !out.contains(&letter.page_timezone.as_str()) {
        out.push(&letter.page_timezone);
    }
    out
}

/// The message for `letter`, from `from`, stamped `now`; `id` its Message-ID's left part (the
/// same at every attempt).
pub fn compose(letter: &Letter, from: &Mailbox, now: i64, id: &str) -> Result<Message, String> {
    let words = lang::words(&letter.language);
    let fill = |s: &str| {
        s.replace("{title}", &letter.title)
            .replace("{name}", &letter.attendee.name)
    };
    let subject = fill(match letter.occasion {
        Occasion::Created => words.subject_created,
        Occasion::Rescheduled => words.subject_rescheduled,
        Occasion::Cancelled => words.subject_cancelled,
        Occasion::Reminder => words.subject_reminder,
    });
    let lead = fill(match (letter.occasion, letter.role) {
        (Occasion::Created, Role::Attendee) => words.created_attendee,
        (Occasion::Created, Role::Host) => words.created_host,
        (Occasion::Rescheduled, _) => words.rescheduled,
        (Occasion::Cancelled, _) => words.cancelled,
        (Occasion::Reminder, _) => words.reminder,
    });
    let duration = letter.end - letter.start;
    // (label, value) rows, plain text; HTML escapes each.
    let mut rows: Vec<(&str, String)> = Vec::new();
    for z in zones(letter) {
        rows.push((words.when, span(letter.start, letter.end, z)));
    }
    if let Some(p) = letter.previous_start {
        for z in zones(letter) {
            rows.push((words.before, span(p, p + duration, z)));
        }
    }
    let hosts: Vec<&str> = letter.hosts.iter().map(|h| h.name.as_str()).collect();
    if !hosts.is_empty() {
        rows.push((words.with, hosts.join(", ")));
    }
    if letter.role == Role::Host {
        let who = match &letter.attendee.email {
            Some(e) => format!("{} <{e}>", letter.attendee.name),
            None => letter.attendee.name.clone(),
        };
        rows.push((words.booked_by, who));
    }
    if let Some(n) = &letter.notes {
        rows.push((words.notes, n.clone()));
    }
    if let Some(r) = &letter.reason {
        rows.push((words.reason, r.clone()));
    }
    let manage_later = letter.role == Role::Attendee
        && letter.manage_url.is_none()
        && letter.occasion != Occasion::Cancelled;

    let mut plain = format!("{lead}\n\n{}\n", letter.title);
    for (label, value) in &rows {
        plain.push_str(&format!("{label}: {value}\n"));
    }
    if let Some(url) = &letter.manage_url {
        plain.push_str(&format!("\n{}: {url}\n", words.manage));
    } else if manage_later {
        plain.push_str(&format!("\n{}\n", words.manage_later));
    }

    let dir = if words.rtl { "rtl" } else { "ltr" };
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{dir}\">\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n<p>{}</p>\n<h1>{}</h1>\n<table>\n",
        words.code,
        encode_text(&subject),
        encode_text(&lead),
        encode_text(&letter.title)
    );
    for (label, value) in &rows {
        html.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n",
            encode_text(label),
            encode_text(value).replace('\n', "<br>")
        ));
    }
    html.push_str("</table>\n");
    if let Some(url) = &letter.manage_url {
        html.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p>\n",
            encode_double_quoted_attribute(url),
            encode_text(words.manage)
        ));
    } else if manage_later {
        html.push_str(&format!("<p>{}</p>\n", encode_text(words.manage_later)));
    }
    html.push_str("</body>\n</html>\n");

    let to_address = letter
        .to
        .email
        .as_deref()
        .ok_or("the letter has no address")?;
    let to = Mailbox::new(
        Some(letter.to.name.clone()),
        to_address
            .parse()
            .map_err(|e| format!("{to_address:?} is not an address: {e}"))?,
    );
    let mut parts = MultiPart::alternative()
        .singlepart(SinglePart::plain(plain))
        .singlepart(SinglePart::html(html));
    if letter.occasion != Occasion::Reminder {
        let method = invitation::method(letter);
        let content_type =
            ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
                .map_err(|e| e.to_string())?;
        parts = parts.singlepart(
            SinglePart::builder()
                .header(content_type)
                .body(invitation::calendar(letter, from, now)),
        );
    }
    Message::builder()
        .message_id(Some(format!("<{id}@{}>", from.email.domain())))
        .from(from.clone())
        .to(to)
        .subject(subject)
        .multipart(parts)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_reads_in_the_zone_with_its_offset() {
        // 2026-12-01T08:00Z is 09:00 in Paris (UTC+1)
        assert_eq!(
            span(1_796_112_000_000, 1_796_113_800_000, "Europe/Paris"),
            "2026-12-01 09:00–09:30 (Europe/Paris, UTC+01:00)"
        );
        assert_eq!(
            span(1_796_112_000_000, 1_796_113_800_000, "America/St_Johns"),
            "2026-12-01 04:30–05:00 (America/St_Johns, UTC-03:30)"
        );
    }
}
