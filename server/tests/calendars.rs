//! Fetched calendars (SPEC §12: `icsUrl`, `caldav`) against real servers: ICS feeds served over
//! loopback by the test (one that changes between refreshes, one that times out, one of 20 MB,
//! one that answers 500) and a real CalDAV server (Radicale, from `.venv-servers`) — busy time
//! read, bookings written, moved and deleted, a concurrent edit (412) handled, Basic auth.

mod common;

use std::{
    sync::{
        atomic::{AtomicBool, AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use axum::{
    body::Body,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use common::{caldav::Radicale, *};
use serde_json::{json, Value};

const REFRESH: &str = "2";

fn options() -> Options {
    Options {
        env: vec![
            ("BOOKABLE_BOOKINGS_PER_MINUTE".into(), "0".into()),
            ("BOOKABLE_RETRY_SECONDS".into(), "1".into()),
            ("BOOKABLE_CALENDAR_REFRESH_SECONDS".into(), REFRESH.into()),
        ],
        ..Default::default()
    }
}

/// `2026-12-05T10:00:00Z` → `20261205T100000Z`
fn basic(instant: &str) -> String {
    instant.replace(['-', ':'], "")[..15].to_string() + "Z"
}

fn ics(uid_prefix: &str, busy: &[(String, String)]) -> String {
    let mut s = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n");
    for (i, (start, end)) in busy.iter().enumerate() {
        s += &format!(
            "BEGIN:VEVENT\r\nUID:{uid_prefix}-{i}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{}\r\nDTEND:{}\r\nSUMMARY:busy\r\nEND:VEVENT\r\n",
            basic(start),
            basic(end)
        );
    }
    s + "END:VCALENDAR\r\n"
}

#[derive(Clone, Default)]
struct Feeds {
    /// The changing feed's text.
    changing: Arc<Mutex<String>>,
    changing_gets: Arc<AtomicUsize>,
    not_modified: Arc<AtomicUsize>,
    /// The flaky feed answers 500 once this is set.
    broken: Arc<AtomicBool>,
    flaky_text: Arc<Mutex<String>>,
    /// Bytes of the 20 MB and the 1 GB feed one response handed to its connection, at most.
    big_sent: Arc<AtomicUsize>,
    huge_sent: Arc<AtomicUsize>,
}

async fn changing(State(f): State<Feeds>, headers: HeaderMap) -> Response {
    f.changing_gets.fetch_add(1, Ordering::SeqCst);
    let text = f.changing.lock().unwrap().clone();
    let etag = format!(
        "\"{}-{}\"",
        text.len(),
        text.bytes().map(u64::from).sum::<u64>()
    );
    if headers
        .get("if-none-match")
        .is_some_and(|v| v.to_str().unwrap() == etag)
    {
        f.not_modified.fetch_add(1, Ordering::SeqCst);
        return StatusCode::NOT_MODIFIED.into_response();
    }
    (
        [("etag", etag), ("content-type", "text/calendar".into())],
        text,
    )
        .into_response()
}

async fn flaky(State(f): State<Feeds>) -> Response {
    if f.broken.load(Ordering::SeqCst) {
        return (StatusCode::INTERNAL_SERVER_ERROR, "down").into_response();
    }
    f.flaky_text.lock().unwrap().clone().into_response()
}

async fn slow() -> Response {
    tokio::time::sleep(Duration::from_secs(30)).await;
    "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into_response()
}

/// `size` bytes of iCalendar, streamed without a length: a well-formed start and endless events.
fn streamed(size: usize, sent_most: Arc<AtomicUsize>) -> Response {
    const CHUNK: usize = 64 * 1024;
    let line = "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101T000000Z\r\nEND:VEVENT\r\n";
    let chunk: String = line.repeat(CHUNK / line.len());
    let stream = futures_util::stream::unfold(0usize, move |sent| {
        let (chunk, sent_most) = (chunk.clone(), sent_most.clone());
        async move {
            if sent >= size {
                return None;
            }
            let piece = if sent == 0 {
                format!("BEGIN:VCALENDAR\r\n{chunk}")
            } else {
                chunk
            };
            let next = sent + piece.len();
            sent_most.fetch_max(next, Ordering::SeqCst);
            Some((Ok::<_, std::io::Error>(piece), next))
        }
    });
    Response::builder()
        .header("content-type", "text/calendar")
        .body(Body::from_stream(stream))
        .unwrap()
}

async fn big(State(f): State<Feeds>) -> Response {
    streamed(20 << 20, f.big_sent)
}

async fn huge(State(f): State<Feeds>) -> Response {
    streamed(1 << 30, f.huge_sent)
}

async fn start_feeds(f: Feeds) -> String {
    let app = Router::new()
        .route("/changing.ics", get(changing))
        .route("/flaky.ics", get(flaky))
        .route("/slow.ics", get(slow))
        .route("/big.ics", get(big))
        .route("/huge.ics", get(huge))
        .with_state(f);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("127.0.0.1:{}", listener.local_addr().unwrap().port());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    base
}

async fn wait_until<F, Fut>(what: &str, limit: Duration, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let t0 = Instant::now();
    while !done().await {
        assert!(t0.elapsed() < limit, "waited {limit:?} for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn starts(c: &Client, page: &str) -> Vec<String> {
    offered(c, page)
        .await
        .iter()
        .map(|s| s["start"].as_str().unwrap().to_string())
        .collect()
}

async fn member(c: &Client, id: &str) -> Value {
    let a = c.admin("GET", &format!("/members/{id}"), None).await;
    assert_eq!(a.status, 200, "{}", a.body);
    a.body["member"].clone()
}

async fn one_page(c: &Client, id: &str, member: Value) {
    c.put_ok(&format!("/members/{id}"), member).await;
    c.put_ok(
        &format!("/pages/{id}"),
        json!({ "title": "Talk", "timezone": "UTC", "event": { "duration": 60, "step": 30 }, "members": [{ "id": id }] }),
    )
    .await;
}

fn with_calendars(name: &str, calendars: Value) -> Value {
    let mut m = always(name, "UTC");
    m["calendars"] = calendars;
    m
}

#[tokio::test]
async fn feeds_follow_changes_and_failures_keep_the_last_good_copy() {
    let feeds = Feeds::default();
    let (ten, eleven, twelve, one) = (day_at(2, 10), day_at(2, 11), day_at(2, 12), day_at(2, 13));
    *feeds.changing.lock().unwrap() = ics("a", &[(ten.clone(), eleven.clone())]);
    *feeds.flaky_text.lock().unwrap() = ics("d", &[(ten.clone(), eleven.clone())]);
    let host = start_feeds(feeds.clone()).await;
    let db = Database::sqlite();
    let mut s = Server::start_with(&db, options());
    let c = s.client();
    let url = |path: &str| format!("http://{host}/{path}");
    one_page(
        &c,
        "ana",
        with_calendars("Ana", json!([{ "icsUrl": url("changing.ics") }])),
    )
    .await;
    // userinfo in a feed's URL is a password: never answered, never in calendarErrors
    let flaky_url = format!("http://reader:feed-secret-42@{host}/flaky.ics");
    one_page(
        &c,
        "dan",
        with_calendars("Dan", json!([{ "icsUrl": flaky_url }])),
    )
    .await;
    one_page(
        &c,
        "bea",
        with_calendars("Bea", json!([{ "icsUrl": url("slow.ics") }])),
    )
    .await;
    one_page(
        &c,
        "cy",
        with_calendars(
            "Cy",
            json!([{ "ics": ics("c", &[]) }, { "icsUrl": url("big.ics") }]),
        ),
    )
    .await;
    one_page(
        &c,
        "eve",
        with_calendars("Eve", json!([{ "icsUrl": url("huge.ics") }])),
    )
    .await;

    // Read at once after the PUT, in the background: Ana's busy hour is not offered, the rest is.
    wait_until("Ana's feed read", Duration::from_secs(10), || async {
        let s = starts(&c, "ana").await;
        !s.is_empty() && !s.contains(&ten)
    })
    .await;
    let ana = starts(&c, "ana").await;
    assert!(ana.contains(&twelve) && ana.contains(&eleven), "{ana:?}");
    assert_eq!(c.book("ana", &ten, "V").await.status, 409);
    assert_eq!(member(&c, "ana").await["calendarErrors"], json!([]));

    // Unchanged between refreshes: the ETag is sent and 304 keeps the copy.
    wait_until("a 304", Duration::from_secs(10), || async {
        feeds.not_modified.load(Ordering::SeqCst) >= 2
    })
    .await;
    assert!(!starts(&c, "ana").await.contains(&ten));

    // The feed changes: within a refresh (2 s) and a fetch the slots follow.
    *feeds.changing.lock().unwrap() = ics("a", &[(twelve.clone(), one.clone())]);
    let changed = Instant::now();
    wait_until("the changed feed", Duration::from_secs(10), || async {
        let s = starts(&c, "ana").await;
        s.contains(&ten) && !s.contains(&twelve)
    })
    .await;
    let followed = changed.elapsed();
    eprintln!("slots followed the changed feed after {followed:?}");
    assert!(
        followed < Duration::from_secs(4),
        "followed after {followed:?}"
    );
    assert_eq!(c.book("ana", &twelve, "V").await.status, 409);
    let booked = c.book("ana", &ten, "V").await;
    assert_eq!(booked.status, 201);

    // The feed now also holds the booking (a calendar the member writes it into): an event whose
    // UID is the booking's id is not busy time again, so the booking moves over its own hour.
    let id = booked.body["booking"]["id"].as_str().unwrap().to_string();
    let token = booked.body["booking"]["manageUrl"]
        .as_str()
        .unwrap()
        .split_once('#')
        .unwrap()
        .1
        .to_string();
    let own = ics("a", &[(twelve.clone(), one.clone())]).replace(
        "END:VCALENDAR",
        &format!(
            "BEGIN:VEVENT\r\nUID:{id}\r\nDTSTART:{}\r\nDTEND:{}\r\nEND:VEVENT\r\nEND:VCALENDAR",
            basic(&ten),
            basic(&eleven)
        ),
    );
    let gets = feeds.changing_gets.load(Ordering::SeqCst);
    *feeds.changing.lock().unwrap() = own;
    wait_until("the feed read again", Duration::from_secs(10), || async {
        feeds.changing_gets.load(Ordering::SeqCst) >= gets + 2
    })
    .await;
    let half = iso(bookable::Instant::parse(&ten, "start").unwrap().0 + 30 * 60_000);
    let moved = c
        .send(
            "POST",
            &format!("/api/bookings/{id}/reschedule"),
            Some(&token),
            Some(&json!({ "start": half })),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.body);

    // Dan's feed was read, then answers 500: the last good copy stays, the error is shown.
    wait_until("Dan's feed read", Duration::from_secs(10), || async {
        let s = starts(&c, "dan").await;
        !s.is_empty() && !s.contains(&ten)
    })
    .await;
    feeds.broken.store(true, Ordering::SeqCst);
    wait_until("Dan's error", Duration::from_secs(10), || async {
        member(&c, "dan").await["calendarErrors"]
            .as_array()
            .is_some_and(|l| !l.is_empty())
    })
    .await;
    let dan = member(&c, "dan").await;
    let err = &dan["calendarErrors"][0];
    assert_eq!(err["source"], 0);
    assert!(err["error"].as_str().unwrap().contains("500"), "{err}");
    assert!(
        err["at"].is_string() && err.get("neverRead").is_none(),
        "{err}"
    );
    assert_eq!(err["url"], json!(format!("http://{host}/flaky.ics")));
    assert!(!dan.to_string().contains("feed-secret-42"), "{dan}");
    let dan_slots = starts(&c, "dan").await;
    assert!(!dan_slots.contains(&ten) && dan_slots.contains(&twelve));
    assert_eq!(c.book("dan", &ten, "V").await.status, 409);

    // 20 MB: refused after 10 MB, without the rest being read. Never read: Cy is not offered.
    wait_until("Cy's error", Duration::from_secs(15), || async {
        member(&c, "cy").await["calendarErrors"][0]["error"].is_string()
    })
    .await;
    let cy = member(&c, "cy").await;
    assert!(
        cy["calendarErrors"][0]["error"]
            .as_str()
            .unwrap()
            .contains("10 MB"),
        "{cy}"
    );
    assert_eq!(cy["calendarErrors"][0]["source"], 1);
    assert_eq!(cy["calendarErrors"][0]["neverRead"], true);
    assert!(feeds.big_sent.load(Ordering::SeqCst) > 10 << 20);
    // The cap holds while the text streams in: of a 1 GB feed, a response hands its connection
    // the 10 MB read and what the loopback's socket buffers hold, no more.
    wait_until("Eve's error", Duration::from_secs(15), || async {
        member(&c, "eve").await["calendarErrors"][0]["error"]
            .as_str()
            .is_some_and(|e| e.contains("10 MB"))
    })
    .await;
    let sent = feeds.huge_sent.load(Ordering::SeqCst);
    eprintln!("of the 1 GB feed, one response handed out {sent} bytes at most");
    assert!(sent < 48 << 20, "the 1 GB feed was read to {sent} bytes");
    assert!(starts(&c, "eve").await.is_empty());
    assert!(
        starts(&c, "cy").await.is_empty(),
        "a never-read member is not offered"
    );
    assert_eq!(c.book("cy", &twelve, "V").await.status, 409);

    // A feed that never answers: 10 s, then an error; never read, so Bea is not offered.
    assert!(starts(&c, "bea").await.is_empty());
    wait_until("Bea's timeout", Duration::from_secs(25), || async {
        member(&c, "bea").await["calendarErrors"][0]["at"].is_string()
    })
    .await;
    let bea = member(&c, "bea").await;
    assert!(
        bea["calendarErrors"][0]["error"]
            .as_str()
            .unwrap()
            .contains("10 s"),
        "{bea}"
    );
    assert!(starts(&c, "bea").await.is_empty());
    assert_eq!(c.book("bea", &twelve, "V").await.status, 409);

    // A restart reads the last good copy from the database (the feed still answers 500).
    s.kill();
    let s = Server::start_with(&db, options());
    let c = s.client();
    let dan_slots = starts(&c, "dan").await;
    assert!(
        !dan_slots.contains(&ten) && dan_slots.contains(&twelve),
        "after a restart: {dan_slots:?}"
    );
}

#[tokio::test]
async fn a_bad_source_is_refused_with_its_path() {
    let s = Server::start_with(&Database::sqlite(), options());
    let c = s.client();
    for (calendars, path) in [
        (
            json!([{ "ics": ics("x", &[]) }, { "icsUrl": "ftp://example.com/a.ics" }]),
            "calendars[1].icsUrl",
        ),
        (
            json!([{ "caldav": { "url": "https://example.com/c/", "write": "yes" } }]),
            "calendars[0].caldav.write",
        ),
        (
            json!([{ "caldav": { "url": "https://example.com/c/", "color": 1 } }]),
            "calendars[0].caldav.color",
        ),
        (
            json!([{ "icsUrl": "https://example.com/a.ics" }, { "ics": "not a calendar" }]),
            "calendars[1]",
        ),
    ] {
        let a = c
            .admin(
                "PUT",
                "/members/x",
                Some(with_calendars("X", calendars.clone())),
            )
            .await;
        assert_eq!(a.status, 400, "{calendars}: {}", a.body);
        assert_eq!(a.path(), path, "{}", a.body);
    }
}

#[tokio::test]
async fn caldav_busy_read_bookings_written_moved_and_deleted() {
    let radicale = Radicale::start("ana", "pw-ana-7f3c");
    let http = reqwest::Client::new();
    let work = radicale.mkcalendar(&http, "work").await;
    let (nine, ten, eleven, twelve) = (day_at(2, 9), day_at(2, 10), day_at(2, 11), day_at(2, 12));
    let (status, _) = radicale
        .put(
            &http,
            &format!("{work}busy-1.ics"),
            &ics("dentist", &[(ten.clone(), eleven.clone())]),
            None,
        )
        .await;
    assert_eq!(status, 201);

    let mut o = options();
    o.env.push(("BOOKABLE_LOG".into(), "info".into()));
    let s = Server::start_with(&Database::sqlite(), o);
    let c = s.client();
    let source = json!([{ "caldav": { "url": work, "username": "ana", "password": "pw-ana-7f3c", "write": true } }]);
    one_page(&c, "ana", with_calendars("Ana", source)).await;
    let answer = member(&c, "ana").await;
    assert!(!answer.to_string().contains("pw-ana-7f3c"), "{answer}");
    assert!(answer["calendars"][0]["caldav"].get("password").is_none());
    assert_eq!(answer["calendars"][0]["caldav"]["username"], "ana");
    // Wrong password: the error is shown and the member is never offered.
    one_page(
        &c,
        "bob",
        with_calendars(
            "Bob",
            json!([{ "caldav": { "url": work, "username": "ana", "password": "wrong" } }]),
        ),
    )
    .await;

    wait_until("the CalDAV busy time", Duration::from_secs(10), || async {
        let s = starts(&c, "ana").await;
        !s.is_empty() && !s.contains(&ten)
    })
    .await;
    assert!(starts(&c, "ana").await.contains(&nine));
    assert_eq!(c.book("ana", &ten, "V").await.status, 409);
    wait_until("Bob's error", Duration::from_secs(10), || async {
        member(&c, "bob").await["calendarErrors"][0]["error"].is_string()
    })
    .await;
    let bob = member(&c, "bob").await;
    assert!(
        bob["calendarErrors"][0]["error"]
            .as_str()
            .unwrap()
            .contains("401"),
        "{bob}"
    );
    assert!(starts(&c, "bob").await.is_empty());

    // A booking is written as {id}.ics.
    let booked = c.book("ana", &twelve, "Vera").await;
    assert_eq!(booked.status, 201, "{}", booked.body);
    let id = booked.body["booking"]["id"].as_str().unwrap().to_string();
    let token = booked.body["booking"]["manageUrl"]
        .as_str()
        .unwrap()
        .split_once('#')
        .unwrap()
        .1
        .to_string();
    let href = format!("{work}{id}.ics");
    let t0 = Instant::now();
    wait_until("the event written", Duration::from_secs(10), || async {
        radicale.get(&http, &href).await.0 == 200
    })
    .await;
    let written_after = t0.elapsed();
    let (_, text, etag) = radicale.get(&http, &href).await;
    assert!(
        text.contains(&format!("UID:{id}"))
            && text.contains(&format!("DTSTART:{}", basic(&twelve))),
        "{text}"
    );
    let etag = etag.expect("Radicale gives an ETag");

    // Read back over two refreshes, the written event is not busy time again: moving the
    // booking half an hour (over its own old time) is allowed.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let half = iso(bookable::Instant::parse(&twelve, "start").unwrap().0 + 30 * 60_000);
    let moved = c
        .send(
            "POST",
            &format!("/api/bookings/{id}/reschedule"),
            Some(&token),
            Some(&json!({ "start": half })),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    wait_until("the event moved", Duration::from_secs(10), || async {
        radicale
            .get(&http, &href)
            .await
            .1
            .contains(&format!("DTSTART:{}", basic(&half)))
    })
    .await;
    let (_, _, moved_etag) = radicale.get(&http, &href).await;
    assert_ne!(
        moved_etag.as_deref(),
        Some(etag.as_str()),
        "moved over its ETag"
    );

    // A concurrent edit: another client changes the event; the next move meets a 412, reads the
    // ETag again and writes over it (the booking is the truth).
    let (_, text, now_etag) = radicale.get(&http, &href).await;
    let edited = text.replace("SUMMARY:", "SUMMARY:edited elsewhere ");
    let (status, _) = radicale
        .put(&http, &href, &edited, now_etag.as_deref())
        .await;
    assert!(status == 201 || status == 204, "{status}");
    // Radicale holds the ETag the server knows to be stale now.
    let (status, _) = radicale.put(&http, &href, &text, now_etag.as_deref()).await;
    assert_eq!(status, 412);
    let later = day_at(2, 15);
    let moved = c
        .send(
            "POST",
            &format!("/api/bookings/{id}/reschedule"),
            Some(&token),
            Some(&json!({ "start": later })),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    wait_until(
        "the event moved over the edit",
        Duration::from_secs(10),
        || async {
            radicale
                .get(&http, &href)
                .await
                .1
                .contains(&format!("DTSTART:{}", basic(&later)))
        },
    )
    .await;
    assert!(!radicale
        .get(&http, &href)
        .await
        .1
        .contains("edited elsewhere"));
    assert!(
        s.output
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.contains("412 Precondition Failed") && l.contains(&id)),
        "the 412 was met and handled"
    );
    // made, moved, moved over the edit: three calendar deliveries, all delivered
    assert_eq!(
        s.db.sql("SELECT state || ' ' || COUNT(*) FROM deliveries WHERE kind = 'calendar' GROUP BY state"),
        "delivered 3"
    );
    let listed = c.admin("GET", "/deliveries?state=delivered", None).await;
    let writes: Vec<&Value> = listed.body["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "calendar")
        .collect();
    assert_eq!(writes.len(), 3, "{}", listed.body);
    assert!(writes
        .iter()
        .all(|d| d["member"] == "ana" && d["booking"] == id.as_str()));

    // Cancelled: the event is deleted.
    let cancelled = c
        .send(
            "POST",
            &format!("/api/bookings/{id}/cancel"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.body);
    wait_until("the event deleted", Duration::from_secs(10), || async {
        radicale.get(&http, &href).await.0 == 404
    })
    .await;
    // The other client's event is still there, and still busy.
    assert_eq!(
        radicale.get(&http, &format!("{work}busy-1.ics")).await.0,
        200
    );
    assert!(!starts(&c, "ana").await.contains(&ten));
    eprintln!("calendar write after booking: {written_after:?}");
}

#[tokio::test]
async fn two_processes_on_postgres_fetch_a_feed_once_per_refresh() {
    let feeds = Feeds::default();
    let (ten, eleven, twelve, one) = (day_at(2, 10), day_at(2, 11), day_at(2, 12), day_at(2, 13));
    *feeds.changing.lock().unwrap() = ics("a", &[(ten.clone(), eleven.clone())]);
    let times: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let host = start_feeds(feeds.clone()).await;
    let db = Database::postgres().await;
    let a = Server::start_with(&db, options());
    let b = Server::start_with(&db, options());
    let (ca, cb) = (a.client(), b.client());
    let url = format!("http://{host}/changing.ics");
    one_page(
        &ca,
        "ana",
        with_calendars("Ana", json!([{ "icsUrl": url }])),
    )
    .await;
    for c in [&ca, &cb] {
        wait_until("the feed read", Duration::from_secs(10), || async {
            let s = starts(c, "ana").await;
            !s.is_empty() && !s.contains(&ten)
        })
        .await;
    }
    // Watch the feed's requests for 6 s: one process takes each refresh (a lease), so they come
    // once per half refresh (1 s), never two at once.
    let before = feeds.changing_gets.load(Ordering::SeqCst);
    let t0 = Instant::now();
    let mut last = before;
    while t0.elapsed() < Duration::from_secs(6) {
        let n = feeds.changing_gets.load(Ordering::SeqCst);
        for _ in last..n {
            times.lock().unwrap().push(Instant::now());
        }
        last = n;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let gets = last - before;
    assert!(
        (2..=8).contains(&gets),
        "{gets} fetches in 6 s by two processes"
    );
    let times = times.lock().unwrap().clone();
    let closest = times.windows(2).map(|w| w[1] - w[0]).min().unwrap();
    eprintln!("two processes: {gets} fetches in 6 s, the closest {closest:?} apart");
    assert!(
        closest >= Duration::from_millis(700),
        "two fetches {closest:?} apart"
    );
    // A change read by one process is what both offer (the copy is in the database).
    *feeds.changing.lock().unwrap() = ics("a", &[(twelve.clone(), one.clone())]);
    for c in [&ca, &cb] {
        wait_until("the changed feed", Duration::from_secs(10), || async {
            let s = starts(c, "ana").await;
            s.contains(&ten) && !s.contains(&twelve)
        })
        .await;
    }
    assert_eq!(cb.book("ana", &twelve, "V").await.status, 409);
    assert_eq!(ca.book("ana", &ten, "V").await.status, 201);
}

#[tokio::test]
async fn a_team_whose_feeds_pass_10_mb_together_is_still_offered() {
    // Two members, a 5.3 MB feed each: more iCalendar than one engine request takes (10 MB), so
    // the copies are kept as busy time, read by the engine when fetched.
    let (ten, eleven) = (day_at(2, 10), day_at(2, 11));
    let mut text = ics("six", &[(ten.clone(), eleven.clone())]);
    let old = "BEGIN:VEVENT\r\nUID:old-{}\r\nDTSTART:19900101T000000Z\r\nDTEND:19900101T010000Z\r\nEND:VEVENT\r\n";
    let filler: String = (0..66_000)
        .map(|i| old.replace("{}", &i.to_string()))
        .collect();
    text = text.replace("END:VCALENDAR", &format!("{filler}END:VCALENDAR"));
    assert!(
        text.len() > 5 << 20 && text.len() < 10 << 20,
        "{}",
        text.len()
    );
    let app = Router::new().route("/six.ics", get(move || async move { text.clone() }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/six.ics", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let s = Server::start_with(&Database::sqlite(), options());
    let c = s.client();
    for id in ["ana", "ben"] {
        c.put_ok(
            &format!("/members/{id}"),
            with_calendars(id, json!([{ "icsUrl": url }])),
        )
        .await;
    }
    c.put_ok(
        "/pages/both",
        json!({ "title": "Both", "timezone": "UTC", "event": { "duration": 60 },
                "team": { "mode": "collective" }, "members": [{ "id": "ana" }, { "id": "ben" }] }),
    )
    .await;
    wait_until("both feeds read", Duration::from_secs(60), || async {
        let s = starts(&c, "both").await;
        !s.is_empty() && !s.contains(&ten)
    })
    .await;
    assert!(starts(&c, "both").await.contains(&eleven));
    assert_eq!(c.book("both", &ten, "V").await.status, 409);
    assert_eq!(c.book("both", &eleven, "V").await.status, 201);
}

#[tokio::test]
async fn a_member_saved_again_is_read_again_at_once() {
    // A long refresh (300 s): only the save makes the feed be read again, whole (no 304), the
    // source's `allDay` now applied.
    let feeds = Feeds::default();
    let (day3, next_day) = (day_at(3, 0), day_at(4, 0));
    *feeds.changing.lock().unwrap() = format!(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:trip\r\nDTSTART;VALUE=DATE:{}\r\nDTEND;VALUE=DATE:{}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        &basic(&day3)[..8],
        &basic(&next_day)[..8]
    );
    let host = start_feeds(feeds.clone()).await;
    let mut o = options();
    o.env
        .retain(|(k, _)| k != "BOOKABLE_CALENDAR_REFRESH_SECONDS");
    let s = Server::start_with(&Database::sqlite(), o);
    let c = s.client();
    let url = format!("http://{host}/changing.ics");
    let noon = day_at(3, 12);
    one_page(&c, "ana", with_calendars("Ana", json!([{ "icsUrl": url }]))).await;
    wait_until("the feed read", Duration::from_secs(10), || async {
        let s = starts(&c, "ana").await;
        !s.is_empty() && !s.contains(&noon)
    })
    .await;
    let gets = feeds.changing_gets.load(Ordering::SeqCst);
    c.put_ok(
        "/members/ana",
        with_calendars("Ana", json!([{ "icsUrl": url, "allDay": "free" }])),
    )
    .await;
    wait_until("the feed read again", Duration::from_secs(10), || async {
        starts(&c, "ana").await.contains(&noon)
    })
    .await;
    assert_eq!(feeds.changing_gets.load(Ordering::SeqCst), gets + 1);
    assert_eq!(feeds.not_modified.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn private_addresses_are_not_reached_unless_allowed() {
    // The feed server listens on loopback, as a service behind a booking server would; members
    // point calendars at it by IP and by a name that resolves to it, one at a cloud's metadata
    // address, and the owner a webhook at it.
    let feeds = Feeds::default();
    *feeds.changing.lock().unwrap() = ics("p", &[(day_at(2, 10), day_at(2, 11))]);
    let base = start_feeds(feeds.clone()).await;
    let port = base.rsplit(':').next().unwrap().to_string();
    let mut guarded = options();
    guarded
        .env
        .push(("BOOKABLE_ALLOW_PRIVATE_ADDRESSES".into(), "false".into()));
    let s = Server::start_with(&Database::sqlite(), guarded);
    let c = s.client();
    let sources = [
        (
            "ip",
            json!([{ "icsUrl": format!("http://{base}/changing.ics") }]),
        ),
        (
            "name",
            json!([{ "icsUrl": format!("http://localhost:{port}/changing.ics") }]),
        ),
        (
            "v6",
            json!([{ "icsUrl": format!("http://[::1]:{port}/changing.ics") }]),
        ),
        (
            "metadata",
            json!([{ "caldav": { "url": "http://169.254.169.254/latest/" } }]),
        ),
    ];
    for (id, calendars) in &sources {
        one_page(&c, id, with_calendars(id, calendars.clone())).await;
    }
    for (id, _) in &sources {
        wait_until(
            &format!("{id}'s calendarErrors"),
            Duration::from_secs(10),
            || async { member(&c, id).await["calendarErrors"][0]["error"].is_string() },
        )
        .await;
        let m = member(&c, id).await;
        let error = m["calendarErrors"][0]["error"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(error.contains("is not a public address"), "{id}: {error}");
        assert_eq!(m["calendarErrors"][0]["neverRead"], true, "{id}");
        // never read: the member is not offered
        assert!(starts(&c, id).await.is_empty(), "{id} offered");
    }
    assert_eq!(
        feeds.changing_gets.load(Ordering::SeqCst),
        0,
        "the feed was never asked"
    );

    // a webhook to loopback: the booking is made, the call is not, and the deliveries say why
    c.put_ok("/members/open", always("Open", "UTC")).await;
    c.put_ok(
        "/pages/open",
        json!({ "title": "Open", "timezone": "UTC", "event": { "duration": 30 }, "members": [{ "id": "open" }] }),
    )
    .await;
    let hook = c
        .admin(
            "PUT",
            "/webhooks/local",
            Some(json!({ "url": format!("http://{base}/hook"), "secret": "s3cret-s3cret-s3cret" })),
        )
        .await;
    assert_eq!(hook.status, 200, "{}", hook.body);
    let booked = c.book("open", &day_at(2, 10), "V").await;
    assert_eq!(booked.status, 201, "{}", booked.body);
    wait_until(
        "the webhook's refused attempt",
        Duration::from_secs(10),
        || async {
            c.admin("GET", "/deliveries?state=pending", None).await.body["deliveries"][0]["error"]
                .is_string()
        },
    )
    .await;
    let pending = c.admin("GET", "/deliveries?state=pending", None).await;
    let error = pending.body["deliveries"][0]["error"].as_str().unwrap();
    assert!(
        error.contains("127.0.0.1 is not a public address"),
        "{error}"
    );

    // the same sources with the setting: read
    drop(s);
    let allowed = Server::start_with(&Database::sqlite(), options());
    let c = allowed.client();
    one_page(&c, "ip", with_calendars("ip", sources[0].1.clone())).await;
    wait_until(
        "the feed read with the setting",
        Duration::from_secs(10),
        || async { feeds.changing_gets.load(Ordering::SeqCst) > 0 },
    )
    .await;
}
