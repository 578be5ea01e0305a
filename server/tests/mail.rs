//! Mail (SPEC §12 guarantees 4 and 5) against a real SMTP server (aiosmtpd, started here): every
//! message parsed back (MIME by `mail-parser`, the invitation by Python's `icalendar` and by the
//! engine's own calendar reader); confirmations, reschedules and cancellations to the attendee and
//! each host with an email; the page's language; reminders at the page's offsets, never for a
//! cancelled or moved booking, once across two processes; SMTP down during 20 bookings.

mod common;

use std::time::{Duration, Instant};

use common::{smtp::*, *};
use mail_parser::{MessageParser, MimeHeaders};
use serde_json::json;

const FROM: &str = "Bookings <bookings@example.com>";

/// One received message, read back.
#[derive(Debug)]
struct Mail {
    to: String,
    subject: String,
    top: String,
    plain: String,
    html: String,
    /// The `text/calendar` part and its `method` parameter.
    ics: Option<(String, String)>,
}

fn parse(raw: &[u8]) -> Mail {
    let m = MessageParser::default().parse(raw).expect("a MIME message");
    let to = m
        .to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .expect("a To address")
        .to_string();
    let ct = m.content_type().expect("a content type");
    let top = format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or_default());
    let (mut plain, mut html, mut ics) = (String::new(), String::new(), None);
    for part in m.parts.iter() {
        let Some(ct) = part.content_type() else {
            continue;
        };
        let text = part.text_contents().unwrap_or_default().to_string();
        match (ct.ctype(), ct.subtype().unwrap_or_default()) {
            ("text", "plain") => plain = text,
            ("text", "html") => html = text,
            ("text", "calendar") => {
                ics = Some((text, ct.attribute("method").unwrap_or_default().to_string()))
            }
            _ => {}
        }
    }
    Mail {
        to,
        subject: m.subject().unwrap_or_default().to_string(),
        top,
        plain,
        html,
        ics,
    }
}

fn mail_options(smtp: &str, extra: &[(&str, &str)]) -> Options {
    let mut env = vec![
        ("BOOKABLE_BOOKINGS_PER_MINUTE".to_string(), "0".to_string()),
        ("BOOKABLE_RETRY_SECONDS".into(), "1".into()),
        ("BOOKABLE_SMTP_URL".into(), smtp.to_string()),
        ("BOOKABLE_MAIL_FROM".into(), FROM.into()),
        // the tests wait for mail between requests: keep-alive connections stay open meanwhile
        ("BOOKABLE_CLIENT_TIMEOUT_SECONDS".into(), "300".into()),
    ];
    env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Options {
        env,
        ..Default::default()
    }
}

/// The invitation checked as iCalendar text: CRLF lines of at most 75 octets.
fn check_lines(ics: &str) {
    assert!(ics.ends_with("\r\n"), "CRLF line ends: {ics:?}");
    for line in ics.split("\r\n") {
        assert!(!line.contains('\n'), "a bare LF in {line:?}");
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
    }
}

/// The engine's own calendar reader: the invitation's busy intervals around `start`.
fn engine_busy(ics: &str, start: &str) -> Vec<(String, String)> {
    let t = bookable::Instant::parse(start, "start").unwrap().0;
    let request = json!({ "source": { "ics": ics }, "timezone": "UTC",
        "range": { "start": iso(t - 86_400_000), "end": iso(t + 86_400_000) } });
    let busy = bookable::busy_from_json(&request.to_string()).expect("the engine reads it");
    busy.busy
        .iter()
        .map(|b| (b.start.to_string(), b.end.to_string()))
        .collect()
}

async fn team(c: &Client) {
    c.put_ok("/members/ana", always("Ana", "Europe/Paris"))
        .await;
    c.put_ok("/members/bo", always("Bo", "Asia/Tokyo")).await;
    let mut cy = always("Cy", "UTC");
    cy.as_object_mut().unwrap().remove("email");
    c.put_ok("/members/cy", cy).await;
}

#[tokio::test]
async fn a_booking_mails_attendee_and_hosts_then_reschedule_and_cancel_follow() {
    let sink = SmtpSink::start();
    let s = Server::start_with(&Database::sqlite(), mail_options(&sink.url(), &[]));
    let c = s.client();
    team(&c).await;
    c.put_ok("/pages/intro", json!({ "title": "Intro; call, \"first\"", "timezone": "Europe/Paris",
        "event": { "duration": 30 }, "members": [{ "id": "ana" }, { "id": "bo" }, { "id": "cy" }] }))
        .await;
    let start = day_at(3, 10);
    let name = "<script>alert(1)</script> & Co";
    let booked = c
        .send("POST", "/api/pages/intro/bookings", None, Some(&json!({ "start": start,
            "attendee": { "name": name, "email": "visitor@example.com", "timezone": "America/New_York",
                          "notes": "<b>bold</b>\nsecond line" } })))
        .await;
    assert_eq!(booked.status, 201, "{}", booked.body);
    let id = booked.body["booking"]["id"].as_str().unwrap().to_string();
    let manage = booked.body["booking"]["manageUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let token = manage.split_once('#').unwrap().1.to_string();
    let end = booked.body["booking"]["end"].as_str().unwrap().to_string();

    // created: one each to the attendee, Ana and Bo (Cy has no email)
    let got: Vec<Mail> = sink
        .wait_for(3, Duration::from_secs(30))
        .await
        .iter()
        .map(|m| parse(m))
        .collect();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(sink.messages().len(), 3, "one message each, no more");
    let mut to: Vec<&str> = got.iter().map(|m| m.to.as_str()).collect();
    to.sort();
    assert_eq!(
        to,
        ["ana@example.com", "bo@example.com", "visitor@example.com"]
    );
    for m in &got {
        assert_eq!(m.top, "multipart/alternative", "{m:?}");
        assert_eq!(m.subject, "Confirmed: Intro; call, \"first\"");
        let (ics, method) = m.ics.as_ref().expect("a text/calendar part");
        assert_eq!(method, "REQUEST");
        check_lines(ics);
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("\r\nMETHOD:REQUEST\r\n"));
        assert!(
            unfolded.contains("SUMMARY:Intro\\; call\\, \"first\"\r\n"),
            "{unfolded}"
        );
        let f = ics_fields(ics);
        assert_eq!(f["method"], "REQUEST");
        assert_eq!(f["uid"], id.as_str());
        assert_eq!(f["sequence"], 0);
        assert_eq!(f["dtstart"], start.as_str());
        assert_eq!(f["dtend"], end.as_str());
        assert_eq!(f["status"], "CONFIRMED");
        assert_eq!(f["summary"], "Intro; call, \"first\"");
        assert_eq!(f["organizer"], "mailto:bookings@example.com");
        assert_eq!(
            f["attendees"],
            json!([
                "mailto:ana@example.com",
                "mailto:bo@example.com",
                "mailto:visitor@example.com"
            ])
        );
        assert_eq!(engine_busy(ics, &start), [(start.clone(), end.clone())]);
        // names and notes are text in HTML, never markup
        assert!(
            !m.html.contains("<script>") && !m.html.contains("<b>bold"),
            "{}",
            m.html
        );
        assert!(m.html.contains("&lt;b&gt;bold&lt;/b&gt;"), "{}", m.html);
        assert!(m.html.contains("dir=\"ltr\"") && m.html.contains("lang=\"en\""));
        assert!(
            m.plain.contains("Europe/Paris"),
            "the page's zone: {}",
            m.plain
        );
        let has_link = m.plain.contains(&manage) && m.html.contains(&token);
        assert_eq!(
            has_link,
            m.to == "visitor@example.com",
            "the manage link is the attendee's only: {m:?}"
        );
    }
    let visitor = got.iter().find(|m| m.to == "visitor@example.com").unwrap();
    // 10:00Z is 05:00 in New York (EST) and 11:00 in Paris
    assert!(
        visitor.plain.contains(&format!(
            "{} 05:00–05:30 (America/New_York, UTC-05:00)",
            &start[..10]
        )),
        "{}",
        visitor.plain
    );
    assert!(
        visitor.plain.contains(&format!(
            "{} 11:00–11:30 (Europe/Paris, UTC+01:00)",
            &start[..10]
        )),
        "{}",
        visitor.plain
    );
    let ana = got.iter().find(|m| m.to == "ana@example.com").unwrap();
    assert!(
        ana.html
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co booked a time with you."),
        "{}",
        ana.html
    );
    assert!(ana.plain.contains("visitor@example.com") && ana.plain.contains("<b>bold</b>"));
    // the manage token left the queue once the confirmation was sent
    let payloads =
        s.db.sql("SELECT payload FROM deliveries WHERE kind = 'mail'");
    assert!(
        !payloads.contains(&token),
        "the token stays in the queue: {payloads}"
    );
    assert_eq!(
        s.db.sql("SELECT count(*) FROM deliveries WHERE kind = 'mail' AND state = 'delivered'"),
        "3"
    );

    // rescheduled: SEQUENCE 1, the old time shown, the link from the first message still works
    let new_start = day_at(3, 12);
    let moved = c
        .admin(
            "POST",
            &format!("/bookings/{id}/reschedule"),
            Some(json!({ "start": new_start })),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    let all = sink.wait_for(6, Duration::from_secs(30)).await;
    let got: Vec<Mail> = all[3..].iter().map(|m| parse(m)).collect();
    for m in &got {
        assert_eq!(m.subject, "New time: Intro; call, \"first\"");
        let (ics, method) = m.ics.as_ref().unwrap();
        assert_eq!(method, "REQUEST");
        let f = ics_fields(ics);
        assert_eq!(
            (f["method"].as_str(), f["sequence"].as_i64()),
            (Some("REQUEST"), Some(1))
        );
        assert_eq!(f["uid"], id.as_str());
        assert_eq!(f["dtstart"], new_start.as_str());
        assert!(!m.plain.contains(&token) && !m.html.contains(&token));
        assert!(m.plain.contains("Before: "), "{}", m.plain);
        let new_end = moved.body["booking"]["end"].as_str().unwrap();
        assert_eq!(
            engine_busy(ics, &new_start),
            [(new_start.clone(), new_end.to_string())]
        );
    }
    let visitor = got
        .iter()
        .find(|m| m.to == "visitor@example.com")
        .expect("the attendee is told");
    assert!(
        visitor
            .plain
            .contains("The link in your confirmation still lets you change or cancel"),
        "{}",
        visitor.plain
    );

    // cancelled: METHOD:CANCEL, STATUS:CANCELLED, SEQUENCE 2; the engine sees nothing busy
    let cancelled = c
        .admin(
            "POST",
            &format!("/bookings/{id}/cancel"),
            Some(json!({ "reason": "ill <today>" })),
        )
        .await;
    assert_eq!(cancelled.status, 200);
    let all = sink.wait_for(9, Duration::from_secs(30)).await;
    let got: Vec<Mail> = all[6..].iter().map(|m| parse(m)).collect();
    let mut to: Vec<&str> = got.iter().map(|m| m.to.as_str()).collect();
    to.sort();
    assert_eq!(
        to,
        ["ana@example.com", "bo@example.com", "visitor@example.com"]
    );
    for m in &got {
        assert_eq!(m.subject, "Cancelled: Intro; call, \"first\"");
        let (ics, method) = m.ics.as_ref().unwrap();
        assert_eq!(method, "CANCEL");
        check_lines(ics);
        let f = ics_fields(ics);
        assert_eq!(
            (
                f["method"].as_str(),
                f["status"].as_str(),
                f["sequence"].as_i64()
            ),
            (Some("CANCEL"), Some("CANCELLED"), Some(2))
        );
        assert_eq!(f["uid"], id.as_str());
        assert!(
            engine_busy(ics, &new_start).is_empty(),
            "a cancelled event is not busy"
        );
        assert!(m.html.contains("ill &lt;today&gt;"), "{}", m.html);
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(sink.messages().len(), 9);
}

#[tokio::test]
async fn each_language_once() {
    let sink = SmtpSink::start();
    let s = Server::start_with(&Database::sqlite(), mail_options(&sink.url(), &[]));
    let c = s.client();
    c.put_ok("/members/ana", always("Ana", "UTC")).await;
    let bad = c
        .admin(
            "PUT",
            "/pages/x",
            Some(
                json!({ "title": "X", "timezone": "UTC", "event": { "duration": 30 },
            "members": [{ "id": "ana" }], "language": "en-US" }),
            ),
        )
        .await;
    assert_eq!(
        (bad.status, bad.code(), bad.path()),
        (400, "invalid_value", "language")
    );
    // (language, the subject's first word, a word of the body, right to left)
    let cases = [
        ("en", "Confirmed:", "Your booking is confirmed.", false),
        ("ar", "تم التأكيد:", "تم تأكيد حجزك.", true),
        ("de", "Bestätigt:", "Ihre Buchung ist bestätigt.", false),
        ("es", "Confirmada:", "Tu reserva está confirmada.", false),
        (
            "fr",
            "Confirmé :",
            "Votre réservation est confirmée.",
            false,
        ),
        ("he", "אושר:", "ההזמנה שלך אושרה.", true),
        (
            "it",
            "Confermato:",
            "La tua prenotazione è confermata.",
            false,
        ),
        ("ja", "予約確定:", "ご予約が確定しました。", false),
        ("nl", "Bevestigd:", "Uw afspraak is bevestigd.", false),
        ("pt", "Confirmado:", "A sua reunião está confirmada.", false),
    ];
    for (i, (lang, _, _, _)) in cases.iter().enumerate() {
        let page = c
            .put_ok(
                &format!("/pages/p-{lang}"),
                json!({ "title": format!("Talk {lang}"), "timezone": "UTC",
                "event": { "duration": 30 }, "members": [{ "id": "ana" }], "language": lang }),
            )
            .await;
        assert_eq!(page["page"]["language"], *lang);
        let a = c
            .send("POST", &format!("/api/pages/p-{lang}/bookings"), None, Some(&json!({
                "start": day_at(2, i as i64), "attendee": { "name": "V", "email": format!("v-{lang}@example.com") } })))
            .await;
        assert_eq!(a.status, 201, "{}", a.body);
    }
    let got: Vec<Mail> = sink
        .wait_for(20, Duration::from_secs(60))
        .await
        .iter()
        .map(|m| parse(m))
        .collect();
    for (lang, subject, body, rtl) in cases {
        let m = got
            .iter()
            .find(|m| m.to == format!("v-{lang}@example.com"))
            .unwrap_or_else(|| panic!("no message in {lang}"));
        assert_eq!(m.subject, format!("{subject} Talk {lang}"));
        assert!(m.plain.starts_with(body), "{lang}: {}", m.plain);
        assert!(
            m.html.contains(&format!(
                "lang=\"{lang}\" dir=\"{}\"",
                if rtl { "rtl" } else { "ltr" }
            )),
            "{}",
            m.html
        );
        assert!(m.html.contains(body));
    }
}

/// The first two starts offered at least `after` from now on `page`.
async fn soon(c: &Client, page: &str, after: i64, n: usize) -> Vec<String> {
    let t = now_ms() + after;
    offered(c, page)
        .await
        .iter()
        .filter_map(|s| s["start"].as_str().map(String::from))
        .filter(|s| bookable::Instant::parse(s, "start").unwrap().0 >= t)
        .take(n)
        .collect()
}

/// Reminders on PostgreSQL with two processes sharing the queue: one at the page's offset to
/// the attendee of a confirmed booking, once; none for a booking cancelled or moved away (their
/// deliveries end `failed` with the reason); none for an offset already past at booking time.
#[tokio::test]
async fn reminders_once_across_two_processes_never_for_cancelled_or_moved() {
    let sink = SmtpSink::start();
    let db = Database::postgres().await;
    let s1 = Server::start_with(&db, mail_options(&sink.url(), &[]));
    let s2 = Server::start_with(&db, mail_options(&sink.url(), &[]));
    let c = s1.client();
    // three hosts without email (only the attendees get mail), one chosen per booking
    for name in ["Ana", "Bo", "Cy"] {
        let mut m = always(name, "UTC");
        m.as_object_mut().unwrap().remove("email");
        c.put_ok(&format!("/members/{}", name.to_lowercase()), m)
            .await;
    }
    // starts every minute; reminders 1 minute before (and 10 hours before: already past)
    c.put_ok(
        "/pages/quick",
        json!({ "title": "Quick", "timezone": "UTC",
        "event": { "duration": 1, "step": 1, "maxDaysAhead": 1 }, "team": { "mode": "roundRobin" },
        "members": [{ "id": "ana" }, { "id": "bo" }, { "id": "cy" }], "reminders": [1, 600] }),
    )
    .await;
    let starts = soon(&c, "quick", 75_000, 2).await;
    assert_eq!(starts.len(), 2, "{starts:?}");
    let mut ids = Vec::new();
    for i in 0..3 {
        let st = &starts[0];
        let a = c
            .send(
                "POST",
                "/api/pages/quick/bookings",
                None,
                Some(&json!({ "start": st,
                "attendee": { "name": format!("V{i}"), "email": format!("v{i}@example.com") } })),
            )
            .await;
        assert_eq!(a.status, 201, "{}", a.body);
        ids.push(a.body["booking"]["id"].as_str().unwrap().to_string());
    }
    let c2 = s2.client();
    assert_eq!(
        c2.admin(
            "POST",
            &format!("/bookings/{}/cancel", ids[1]),
            Some(json!({}))
        )
        .await
        .status,
        200
    );
    let moved = c2
        .admin(
            "POST",
            &format!("/bookings/{}/reschedule", ids[2]),
            Some(json!({ "start": starts[1] })),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    let reminders =
        "SELECT count(*) FROM deliveries WHERE kind = 'mail' AND event_type = 'booking.reminder'";
    // one per booking made or moved, each at 1 minute before (600 minutes before had passed)
    assert_eq!(db.sql(reminders), "4");
    // confirmations (3) + reschedule (1) + cancellation (1) + reminders (v0, v2 at its new time)
    let t0 = Instant::now();
    while db.sql(&format!("{reminders} AND state = 'pending'")) != "0" {
        assert!(
            t0.elapsed() < Duration::from_secs(240),
            "reminders still pending at {}: {starts:?}\n{}",
            now_ms(),
            db.sql(&reminders.replace(
                "count(*)",
                "next_at, state, attempts, last_error, locked_until"
            ))
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let got: Vec<Mail> = sink.messages().iter().map(|m| parse(m)).collect();
    // (one booking's messages may arrive in any order: SEQUENCE orders them for calendars)
    let subjects = |to: &str| -> Vec<String> {
        let mut v: Vec<String> = got
            .iter()
            .filter(|m| m.to == to)
            .map(|m| m.subject.clone())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        subjects("v0@example.com"),
        ["Confirmed: Quick", "Reminder: Quick"]
    );
    assert_eq!(
        subjects("v1@example.com"),
        ["Cancelled: Quick", "Confirmed: Quick"]
    );
    assert_eq!(
        subjects("v2@example.com"),
        ["Confirmed: Quick", "New time: Quick", "Reminder: Quick"]
    );
    let reminder = got
        .iter()
        .find(|m| m.to == "v2@example.com" && m.subject.starts_with("Reminder"))
        .unwrap();
    assert!(reminder.ics.is_none(), "a reminder is no invitation");
    assert!(
        reminder
            .plain
            .starts_with("A reminder of your upcoming booking."),
        "{}",
        reminder.plain
    );
    assert!(
        reminder
            .plain
            .contains(&format!("{}–", starts[1][..16].replace('T', " "))),
        "the new time: {}",
        reminder.plain
    );
    let ended = db.sql(&format!(
        "{} AND state = 'failed'",
        reminders.replace("count(*)", "last_error")
    ));
    let mut ended: Vec<&str> = ended.lines().collect();
    ended.sort();
    assert_eq!(
        ended,
        [
            "not sent: the booking was cancelled",
            "not sent: the booking was moved (its new time has its own reminders)"
        ]
    );
}

/// Confirmations, latency measured: booking answered 201 → the message at the SMTP server.
async fn book_and_time(
    c: &Client,
    sink: &SmtpSink,
    page: &str,
    starts: &[String],
    wait: bool,
) -> (Vec<u128>, Vec<u128>) {
    let (mut answer, mut latency) = (Vec::new(), Vec::new());
    for (i, st) in starts.iter().enumerate() {
        let before = sink.messages().len();
        let t0 = Instant::now();
        let a = c
            .send("POST", &format!("/api/pages/{page}/bookings"), None, Some(&json!({ "start": st,
                "attendee": { "name": format!("V{i}"), "email": format!("{page}-{i}@example.com") } })))
            .await;
        assert_eq!(a.status, 201, "no booking is refused: {}", a.body);
        answer.push(t0.elapsed().as_micros());
        if wait {
            let t1 = Instant::now();
            sink.wait_for(before + 2, Duration::from_secs(30)).await;
            latency.push(t1.elapsed().as_micros());
        }
    }
    (answer, latency)
}

fn median(v: &mut [u128]) -> u128 {
    v.sort();
    v[v.len() / 2]
}

#[tokio::test]
async fn smtp_down_during_20_bookings_then_up_all_arrive_and_none_is_slower() {
    let port = free_port();
    let mut sink = SmtpSink::start_on(port, None);
    let s = Server::start_with(
        &Database::sqlite(),
        mail_options(&format!("smtp://127.0.0.1:{port}"), &[]),
    );
    let c = s.client();
    c.put_ok("/members/ana", always("Ana", "UTC")).await;
    c.put_ok("/pages/up", json!({ "title": "Up", "timezone": "UTC", "event": { "duration": 30 }, "members": [{ "id": "ana" }] })).await;
    c.put_ok("/pages/down", json!({ "title": "Down", "timezone": "UTC", "event": { "duration": 30 }, "members": [{ "id": "ana" }] })).await;
    let starts: Vec<String> = (0..40).map(|i| day_at(2 + i / 24, i % 24)).collect();
    // baseline with the SMTP server up; each booking's two messages awaited: the latency
    let (mut base, mut latency) = book_and_time(&c, &sink, "up", &starts[..20], true).await;
    assert_eq!(sink.messages().len(), 40);
    let dir = sink.dir.clone();
    sink.stop();
    let (mut down, _) = book_and_time(&c, &sink, "down", &starts[20..], false).await;
    let (b50, d50) = (median(&mut base), median(&mut down));
    let (bmax, dmax) = (*base.last().unwrap(), *down.last().unwrap());
    let lat50 = median(&mut latency);
    let latmax = *latency.last().unwrap();
    println!(
        "mail: booking answered in p50 {b50} µs / max {bmax} µs with SMTP up, p50 {d50} µs / max {dmax} µs with SMTP down; \
         201 → message at the SMTP server p50 {lat50} µs, max {latmax} µs (20 bookings, 40 messages)"
    );
    assert!(
        d50 <= b50 * 3 + 20_000,
        "bookings slower with SMTP down: p50 {d50} µs against {b50} µs"
    );
    assert!(dmax < 2_000_000, "a booking waited for SMTP: {dmax} µs");
    // nothing went out: the queue holds the 40 (attendee + host each), each tried and failed
    let t0 = Instant::now();
    while s.db.sql("SELECT count(*) FROM deliveries WHERE kind = 'mail' AND state = 'pending' AND attempts > 0") != "40" {
        assert!(t0.elapsed() < Duration::from_secs(20), "the 40 were not tried");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let sink = SmtpSink::start_on(port, Some(dir));
    let got = sink.wait_for(80, Duration::from_secs(60)).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(sink.messages().len(), 80, "each once");
    let mut to: Vec<String> = got
        .iter()
        .map(|m| parse(m).to)
        .filter(|t| t.starts_with("down-"))
        .collect();
    to.sort();
    to.dedup();
    assert_eq!(to.len(), 20, "all 20 confirmations arrived");
}

#[tokio::test]
async fn postgres_two_processes_deliver_every_message_once() {
    let sink = SmtpSink::start();
    let db = Database::postgres().await;
    let s1 = Server::start_with(&db, mail_options(&sink.url(), &[]));
    let s2 = Server::start_with(&db, mail_options(&sink.url(), &[]));
    let (c1, c2) = (s1.client(), s2.client());
    c1.put_ok("/members/ana", always("Ana", "UTC")).await;
    c1.put_ok("/members/bo", always("Bo", "UTC")).await;
    c1.put_ok(
        "/pages/two",
        json!({ "title": "Two", "timezone": "UTC", "event": { "duration": 30 },
        "members": [{ "id": "ana" }, { "id": "bo" }] }),
    )
    .await;
    let mut tasks = Vec::new();
    for i in 0..20i64 {
        let c = if i % 2 == 0 { c1.clone() } else { c2.clone() };
        tasks.push(tokio::spawn(async move {
            let a = c
                .send("POST", "/api/pages/two/bookings", None, Some(&json!({ "start": day_at(2 + i / 12, i % 12),
                    "attendee": { "name": format!("V{i}"), "email": format!("v{i}@example.com") } })))
                .await;
            assert_eq!(a.status, 201, "{}", a.body);
            a.body["booking"]["id"].as_str().unwrap().to_string()
        }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        ids.push(t.await.unwrap());
    }
    // 20 × (attendee, Ana, Bo)
    let got = sink.wait_for(60, Duration::from_secs(60)).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(sink.messages().len(), 60, "every message once");
    let mut seen: Vec<(String, String)> = got
        .iter()
        .map(|m| {
            let m = parse(m);
            let f = ics_fields(&m.ics.as_ref().unwrap().0);
            (m.to, f["uid"].as_str().unwrap().to_string())
        })
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 60, "no message twice");
    for id in &ids {
        assert_eq!(seen.iter().filter(|(_, u)| u == id).count(), 3);
    }
    assert_eq!(db.sql("SELECT count(*) FROM deliveries WHERE kind = 'mail' AND state = 'delivered' AND attempts = 1"), "60");
}

#[tokio::test]
async fn without_smtp_nothing_is_queued_and_a_bad_mail_setting_stops_the_start() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    c.put_ok("/members/ana", always("Ana", "UTC")).await;
    c.put_ok(
        "/pages/p",
        json!({ "title": "P", "timezone": "UTC", "event": { "duration": 30 },
        "members": [{ "id": "ana" }], "reminders": [60] }),
    )
    .await;
    assert_eq!(c.book("p", &day_at(2, 10), "V").await.status, 201);
    assert_eq!(
        s.db.sql("SELECT count(*) FROM deliveries WHERE kind = 'mail'"),
        "0"
    );

    let db = Database::sqlite();
    for (url, from, says) in [
        ("smtp://127.0.0.1:2525", None, "BOOKABLE_MAIL_FROM: needed"),
        (
            "smtp://127.0.0.1:2525",
            Some("not an address"),
            "BOOKABLE_MAIL_FROM: not an address",
        ),
        ("smtp://:2525", Some(FROM), "BOOKABLE_SMTP_URL"),
    ] {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_bookable-server"));
        cmd.args(["--listen", "127.0.0.1:0", "--database", &db.url()])
            .env("BOOKABLE_ADMIN_TOKEN", OWNER)
            .env("BOOKABLE_SMTP_URL", url)
            .env_remove("BOOKABLE_MAIL_FROM");
        if let Some(f) = from {
            cmd.env("BOOKABLE_MAIL_FROM", f);
        }
        let out = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(says), "{err}");
    }
}
