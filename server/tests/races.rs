//! Races (issue 18, SPEC §12 guarantees 1, 2 and 9): requests sent at one instant — each task
//! on its own open connection, released together by a barrier — on SQLite (one process) and on
//! two server processes sharing one PostgreSQL database, requests spread over both. What the
//! database holds afterwards is read with SQL, not through the server.

mod common;

use std::sync::Arc;

use common::{always, day_at, offered, Database, Server, OWNER};
use serde_json::{json, Value};
use tokio::sync::Barrier;

/// The servers of one scenario: one process on SQLite, two processes on one PostgreSQL.
async fn servers(postgres: bool) -> (Database, Vec<Server>) {
    if postgres {
        let db = Database::postgres().await;
        let first = Server::start(&db);
        let second = Server::start(&db);
        (db, vec![first, second])
    } else {
        let db = Database::sqlite();
        let server = Server::start(&db);
        (db, vec![server])
    }
}

/// One request of a race: `(method, path, owner token?, body)`.
struct Request {
    method: &'static str,
    path: String,
    owner: bool,
    body: Value,
}

/// Sends `requests` at once, request `i` to server `i % servers.len()`: every task opens its
/// own connection first (a `GET /healthz`), then all wait at one barrier and send together.
/// Answers `(status, body)` in the order of `requests`.
async fn race(servers: &[Server], requests: Vec<Request>) -> Vec<(u16, Value)> {
    let barrier = Arc::new(Barrier::new(requests.len()));
    let mut tasks = Vec::new();
    for (i, r) in requests.into_iter().enumerate() {
        let base = servers[i % servers.len()].url.clone();
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            let http = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .build()
                .unwrap();
            let warm = http
                .get(format!("{base}/healthz"))
                .send()
                .await
                .expect("healthz");
            assert_eq!(warm.status().as_u16(), 200);
            warm.bytes().await.unwrap();
            barrier.wait().await;
            let mut req = http
                .request(r.method.parse().unwrap(), format!("{base}{}", r.path))
                .header("content-type", "application/json")
                .body(r.body.to_string());
            if r.owner {
                req = req.bearer_auth(OWNER);
            }
            let res = req.send().await.expect("the server answers");
            let status = res.status().as_u16();
            let text = res.text().await.unwrap();
            (
                status,
                serde_json::from_str(&text).unwrap_or(Value::String(text)),
            )
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

fn booking(page: &str, start: &str, i: usize) -> Request {
    Request {
        method: "POST",
        path: format!("/api/pages/{page}/bookings"),
        owner: false,
        body: json!({ "start": start, "attendee": { "name": format!("Racer {i}"), "email": format!("racer{i}@example.com") } }),
    }
}

fn starts_offered(slots: &[Value]) -> Vec<String> {
    slots
        .iter()
        .filter_map(|s| s["start"].as_str().map(String::from))
        .collect()
}

/// `n` of `answers` have `status`; every other one is a 409 `slot_taken`.
fn count_created(answers: &[(u16, Value)]) -> usize {
    for (status, body) in answers {
        assert!(
            *status == 201 || (*status == 409 && body["error"]["code"] == "slot_taken"),
            "a racing booking is answered 201 or 409 slot_taken, got {status}: {body}"
        );
    }
    answers.iter().filter(|(s, _)| *s == 201).count()
}

fn count(db: &Database, sql: &str) -> usize {
    db.sql(sql)
        .parse()
        .unwrap_or_else(|_| panic!("{sql}: not a count"))
}

async fn one_slot(postgres: bool) {
    let (db, servers) = servers(postgres).await;
    let c = servers[0].client();
    c.put_ok("/members/ana", always("Ana", "UTC")).await;
    c.put_ok(
        "/pages/intro",
        json!({ "title": "Intro", "timezone": "UTC", "event": { "duration": 30 }, "members": [{ "id": "ana" }] }),
    )
    .await;
    let start = day_at(2, 10);
    assert!(
        starts_offered(&offered(&c, "intro").await).contains(&start),
        "{start} is offered before the race"
    );
    let answers = race(
        &servers,
        (0..50).map(|i| booking("intro", &start, i)).collect(),
    )
    .await;
    assert_eq!(
        count_created(&answers),
        1,
        "exactly one of 50 racing bookings of one slot is made: {answers:?}"
    );
    let (_, made) = answers.iter().find(|(s, _)| *s == 201).unwrap();
    assert_eq!(made["booking"]["start"], json!(start));
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM bookings WHERE status = 'confirmed'"
        ),
        1
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM booking_hosts WHERE active = 1"),
        1
    );
    assert_eq!(
        db.sql("SELECT id FROM bookings"),
        made["booking"]["id"].as_str().unwrap(),
        "the one stored booking is the one answered 201"
    );
    assert!(
        !starts_offered(&offered(&c, "intro").await).contains(&start),
        "the slot is no longer offered"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_bookings_of_one_slot_make_one_sqlite() {
    one_slot(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_bookings_of_one_slot_make_one_on_two_postgres_processes() {
    one_slot(true).await;
}

async fn max_per_day(postgres: bool) {
    let (db, servers) = servers(postgres).await;
    let c = servers[0].client();
    c.put_ok("/members/ana", always("Ana", "UTC")).await;
    c.put_ok(
        "/pages/daily",
        json!({ "title": "Daily", "timezone": "UTC", "event": { "duration": 30, "maxPerDay": 3 }, "members": [{ "id": "ana" }] }),
    )
    .await;
    // 30 different slots of one day (UTC, the page's zone), 08:00 to 22:30
    let day = &day_at(3, 0)[..10];
    let starts: Vec<String> = starts_offered(&offered(&c, "daily").await)
        .into_iter()
        .filter(|s| s.starts_with(day) && s[11..13] >= *"08")
        .take(30)
        .collect();
    assert_eq!(starts.len(), 30, "the day offers 30 slots from 08:00");
    let answers = race(
        &servers,
        starts
            .iter()
            .enumerate()
            .map(|(i, s)| booking("daily", s, i))
            .collect(),
    )
    .await;
    assert_eq!(
        count_created(&answers),
        3,
        "maxPerDay 3: three of 30 racing bookings of one day are made"
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM bookings WHERE status = 'confirmed'"
        ),
        3,
        "the database holds 3 bookings of the day"
    );
    let later = starts_offered(&offered(&c, "daily").await);
    assert!(
        !later.iter().any(|s| s.starts_with(day)),
        "the full day offers nothing more"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_into_max_per_day_never_passes_it_sqlite() {
    max_per_day(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_into_max_per_day_never_passes_it_on_two_postgres_processes() {
    max_per_day(true).await;
}

async fn shared_buffer(postgres: bool) {
    let (db, servers) = servers(postgres).await;
    let c = servers[0].client();
    c.put_ok("/members/ana", always("Ana", "UTC")).await;
    let event = json!({ "duration": 30, "bufferAfter": 15 });
    for page in ["first", "second"] {
        c.put_ok(
            &format!("/pages/{page}"),
            json!({ "title": page, "timezone": "UTC", "event": event, "members": [{ "id": "ana" }] }),
        )
        .await;
    }
    let offered_now = starts_offered(&offered(&c, "first").await);
    // Eight rounds on eight days: 10:00 and 10:30 share 10:30–10:45 (the 10:00 booking's buffer
    // after); even rounds both on one page, odd rounds 10:30 on the host's other page.
    for round in 0..8 {
        let early = day_at(2 + round, 10);
        let late = day_at(2 + round, 10).replace("T10:00", "T10:30");
        assert!(
            offered_now.contains(&early) && offered_now.contains(&late),
            "{early} and {late} are offered"
        );
        let late_page = if round % 2 == 0 { "first" } else { "second" };
        let requests = (0..10)
            .map(|i| {
                if i % 2 == 0 {
                    booking("first", &early, i)
                } else {
                    booking(late_page, &late, i)
                }
            })
            .collect();
        let answers = race(&servers, requests).await;
        assert_eq!(
            count_created(&answers),
            1,
            "round {round}: one of the two adjacent slots is booked, never both: {answers:?}"
        );
        let day = (day_at(2 + round, 0), day_at(3 + round, 0));
        let ms = |s: &str| bookable::Instant::parse(s, "start").unwrap().0;
        let stored = count(
            &db,
            &format!(
                "SELECT COUNT(*) FROM bookings WHERE status = 'confirmed' AND start_at >= {} AND start_at < {}",
                ms(&day.0),
                ms(&day.1)
            ),
        );
        assert_eq!(
            stored, 1,
            "round {round}: the database holds one booking of the day"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn adjacent_slots_sharing_a_buffer_are_never_both_booked_sqlite() {
    shared_buffer(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn adjacent_slots_sharing_a_buffer_are_never_both_booked_on_two_postgres_processes() {
    shared_buffer(true).await;
}

async fn assign_capacity(postgres: bool) {
    let (db, servers) = servers(postgres).await;
    let c = servers[0].client();
    for (id, name) in [("ana", "Ana"), ("bo", "Bo")] {
        let mut m = always(name, "UTC");
        m["capacity"] = json!({ "max": 3 });
        c.put_ok(&format!("/members/{id}"), m).await;
    }
    c.put_ok("/teams/support", json!({ "members": ["ana", "bo"] }))
        .await;
    let requests = (0..50)
        .map(|_| Request {
            method: "POST",
            path: "/api/admin/teams/support/assign".into(),
            owner: true,
            body: json!({}),
        })
        .collect();
    let answers = race(&servers, requests).await;
    let mut named = std::collections::BTreeMap::<String, usize>::new();
    for (status, body) in &answers {
        match status {
            200 => {
                if let Some(m) = body["member"].as_str() {
                    *named.entry(m.to_string()).or_default() += 1;
                } else {
                    assert!(body["member"].is_null(), "{body}");
                }
            }
            409 => assert_eq!(body["error"]["code"], "conflict", "{body}"),
            _ => panic!("assign answers 200 or 409, got {status}: {body}"),
        }
    }
    for id in ["ana", "bo"] {
        let assigned = count(
            &db,
            &format!("SELECT assigned FROM members WHERE id = '{id}'"),
        );
        assert!(
            assigned <= 3,
            "{id}: {assigned} conversations over capacity 3"
        );
        assert_eq!(
            named.get(id).copied().unwrap_or(0),
            assigned,
            "{id}: the answers naming it are what the database counts"
        );
    }
    // Nobody left off while capacity remained: both are full.
    assert_eq!(named.values().sum::<usize>(), 6, "{named:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_assigns_never_pass_capacity_sqlite() {
    assign_capacity(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_assigns_never_pass_capacity_on_two_postgres_processes() {
    assign_capacity(true).await;
}
