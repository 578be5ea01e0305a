//! The `text/calendar` part (RFC 5546 iTIP over RFC 5545): `METHOD:REQUEST` for a booking made or
//! moved, `METHOD:CANCEL` for one cancelled; `UID` the booking's id, `SEQUENCE` its sequence,
//! times in UTC, the From address the `ORGANIZER`, the attendee and the hosts the `ATTENDEE`s.

use lettre::message::Mailbox;

use super::{Letter, Occasion};
use crate::ical::{fold, param, stamp, text};

/// `REQUEST` or `CANCEL`: the part's `method` parameter and the calendar's `METHOD`.
pub fn method(letter: &Letter) -> &'static str {
    if letter.occasion == Occasion::Cancelled {
        "CANCEL"
    } else {
        "REQUEST"
    }
}

pub fn calendar(letter: &Letter, organizer: &Mailbox, now: i64) -> String {
    let method = method(letter);
    let mut out = String::new();
    let mut line = |l: String| fold(&l, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//bookable//bookable-server//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line(format!("METHOD:{method}"));
    line("BEGIN:VEVENT".into());
    line(format!("UID:{}", text(&letter.booking)));
    line(format!("SEQUENCE:{}", letter.sequence));
    line(format!("DTSTAMP:{}", stamp(now)));
    line(format!("DTSTART:{}", stamp(letter.start)));
    line(format!("DTEND:{}", stamp(letter.end)));
    line(format!("SUMMARY:{}", text(&letter.title)));
    let cn = organizer
        .name
        .as_deref()
        .map(|n| format!(";CN={}", param(n)))
        .unwrap_or_default();
    line(format!("ORGANIZER{cn}:mailto:{}", organizer.email));
    let people = std::iter::once(&letter.attendee).chain(&letter.hosts);
    for p in people {
        let Some(email) = &p.email else { continue };
        // the booking is made: everyone in it has accepted (a CANCEL names whom it removes)
        let partstat = if method == "CANCEL" {
            ""
        } else {
            ";PARTSTAT=ACCEPTED"
        };
        line(format!(
            "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT{partstat}:mailto:{email}",
            param(&p.name)
        ));
    }
    if method == "CANCEL" {
        line("STATUS:CANCELLED".into());
    } else {
        line("STATUS:CONFIRMED".into());
        line("TRANSP:OPAQUE".into());
    }
    line("END:VEVENT".into());
    line("END:VCALENDAR".into());
    out
}
