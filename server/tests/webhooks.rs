//! Webhooks through the delivery queue (SPEC §12 guarantees 4 and 6) against a real receiver on
//! loopback: retried with doubling delays and the same `Bookable-Event-Id`, signed with the
//! secret, `410` ending the subscription, a receiver that is down never slowing a booking, and
//! on two processes sharing PostgreSQL every event delivered once.

mod common;

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::{body::Bytes, http::HeaderMap, http::StatusCode, routing::post, Router};
use common::*;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

const SECRET: &str = "whsec-0123456789abcdef";

#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<(HeaderMap, String)>>>,
    /// answers for the first requests, then 200
    script: Arc<Mutex<Vec<u16>>>,
}

async fn start_receiver(script: Vec<u16>) -> (String, Receiver) {
    let r = Receiver {
        script: Arc::new(Mutex::new(script)),
        ..Default::default()
    };
    let state = r.clone();
    let app = Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: Bytes| {
            let state = state.clone();
            async move {
                state
                    .got
                    .lock()
                    .unwrap()
                    .push((headers, String::from_utf8_lossy(&body).to_string()));
                let mut script = state.script.lock().unwrap();
                let code = if script.is_empty() {
                    200
                } else {
                    script.remove(0)
                };
                StatusCode::from_u16(code).unwrap()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, r)
}

fn verify(headers: &HeaderMap, body: &str) -> bool {
    let sig = headers["bookable-signature"].to_str().unwrap();
    let (t, v1) = sig.split_once(",v1=").unwrap();
    let t = t.strip_prefix("t=").unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(format!("{t}.{body}").as_bytes());
    let want: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    want == v1 && (now_ms() / 1000 - t.parse::<i64>().unwrap()).abs() < 120
}

async fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let t0 = Instant::now();
    while !done() {
        assert!(
            t0.elapsed() < Duration::from_secs(30),
            "waited 30 s for {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn fast_retries() -> Options {
    Options {
        env: vec![
            ("BOOKABLE_BOOKINGS_PER_MINUTE".into(), "0".into()),
            ("BOOKABLE_RETRY_SECONDS".into(), "1".into()),
        ],
        ..Default::default()
    }
}

async fn setup(c: &Client, url: &str) {
    c.put_ok("/members/ana", always("Ana", "UTC")).await;
    c.put_ok("/pages/intro", json!({ "title": "Intro", "timezone": "UTC", "event": { "duration": 30 }, "members": [{ "id": "ana" }] })).await;
    let a = c
        .admin(
            "PUT",
            "/webhooks/main",
            Some(json!({ "url": url, "secret": SECRET })),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert!(
        a.body["webhook"].get("secret").is_none(),
        "the secret is never answered"
    );
}

#[tokio::test]
async fn a_receiver_that_fails_twice_gets_the_event_once_signed_with_one_id() {
    let (url, rx) = start_receiver(vec![500, 503]).await;
    let s = Server::start_with(&Database::sqlite(), fast_retries());
    let c = s.client();
    setup(&c, &url).await;
    let body = json!({ "start": day_at(2, 10), "attendee": { "name": "V", "email": "v@example.com", "notes": "private" } });
    let booked = c
        .send("POST", "/api/pages/intro/bookings", None, Some(&body))
        .await;
    assert_eq!(booked.status, 201);
    let t0 = Instant::now();
    wait_for("three attempts", || rx.got.lock().unwrap().len() >= 3).await;
    let elapsed = t0.elapsed();
    let got = rx.got.lock().unwrap().clone();
    assert_eq!(
        got.len(),
        3,
        "two failures, then delivered, then nothing more"
    );
    let ids: Vec<&str> = got
        .iter()
        .map(|(h, _)| h["bookable-event-id"].to_str().unwrap())
        .collect();
    assert!(
        ids.iter().all(|i| *i == ids[0]),
        "a redelivery keeps its event id: {ids:?}"
    );
    for (headers, body) in &got {
        assert!(
            verify(headers, body),
            "signature over t.body with the secret"
        );
        let event: Value = serde_json::from_str(body).unwrap();
        assert_eq!(
            (event["id"].as_str(), event["type"].as_str()),
            (Some(ids[0]), Some("booking.created"))
        );
        assert_eq!(event["booking"]["id"], booked.body["booking"]["id"]);
        assert!(event["booking"]["attendee"].get("notes").is_none() && !body.contains("private"));
    }
    // 1 s, then 2 s: the delays double.
    assert!(elapsed >= Duration::from_millis(2500), "{elapsed:?}");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(rx.got.lock().unwrap().len(), 3);
    let list = c.admin("GET", "/deliveries?state=delivered", None).await;
    assert_eq!(list.body["deliveries"][0]["attempts"], 3);
    // A cancellation is an event of its own.
    let token = booked.body["booking"]["manageUrl"]
        .as_str()
        .unwrap()
        .split_once('#')
        .unwrap()
        .1
        .to_string();
    let id = booked.body["booking"]["id"].as_str().unwrap();
    assert_eq!(
        c.send(
            "POST",
            &format!("/api/bookings/{id}/cancel"),
            Some(&token),
            None
        )
        .await
        .status,
        200
    );
    wait_for("the cancellation", || rx.got.lock().unwrap().len() >= 4).await;
    let (_, body) = rx.got.lock().unwrap()[3].clone();
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["type"],
        "booking.cancelled"
    );
}

#[tokio::test]
async fn gone_ends_the_subscription_and_a_dead_receiver_slows_no_booking() {
    let (url, rx) = start_receiver(vec![410]).await;
    let s = Server::start_with(&Database::sqlite(), fast_retries());
    let c = s.client();
    setup(&c, &url).await;
    assert_eq!(c.book("intro", &day_at(2, 9), "V").await.status, 201);
    wait_for("the 410", || rx.got.lock().unwrap().len() == 1).await;
    wait_for("the subscription ended", || {
        s.db.sql("SELECT active FROM webhooks WHERE id = 'main'") == "0"
    })
    .await;
    assert_eq!(c.book("intro", &day_at(2, 11), "W").await.status, 201);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(rx.got.lock().unwrap().len(), 1, "nothing after 410");
    let failed = c.admin("GET", "/deliveries?state=failed", None).await;
    assert!(failed.body["deliveries"][0]["error"]
        .as_str()
        .unwrap()
        .contains("410"));
    // A receiver that does not answer: bookings are as quick as without it, none refused.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}/hook", dead.local_addr().unwrap());
    drop(dead);
    c.admin(
        "PUT",
        "/webhooks/down",
        Some(json!({ "url": dead_url, "secret": SECRET })),
    )
    .await;
    let mut slowest = Duration::ZERO;
    for i in 0..20 {
        let t0 = Instant::now();
        let a = c.book("intro", &day_at(5 + i / 8, 1 + (i % 8)), "X").await;
        slowest = slowest.max(t0.elapsed());
        assert_eq!(a.status, 201, "{}", a.body);
    }
    assert!(
        slowest < Duration::from_secs(2),
        "a booking waited on the receiver: {slowest:?}"
    );
    wait_for("retries recorded", || {
        s.db.sql("SELECT COUNT(*) FROM deliveries WHERE target = 'down' AND state = 'pending' AND attempts >= 1") == "20"
    })
    .await;
    let pending = c.admin("GET", "/deliveries?state=pending", None).await;
    assert!(
        pending.body["deliveries"][0]["error"]
            .as_str()
            .unwrap()
            .starts_with("no answer"),
        "{}",
        pending.body
    );
}

#[tokio::test]
async fn two_processes_on_postgres_deliver_each_event_once() {
    let (url, rx) = start_receiver(vec![]).await;
    let db = Database::postgres().await;
    let a = Server::start_with(&db, fast_retries());
    let b = Server::start_with(&db, fast_retries());
    let (ca, cb) = (a.client(), b.client());
    setup(&ca, &url).await;
    let mut tasks = Vec::new();
    for i in 0..20 {
        let c = if i % 2 == 0 { ca.clone() } else { cb.clone() };
        tasks.push(tokio::spawn(async move {
            c.book("intro", &day_at(3 + i / 8, 1 + (i % 8)), "V")
                .await
                .status
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 201);
    }
    wait_for("20 events", || rx.got.lock().unwrap().len() >= 20).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let got = rx.got.lock().unwrap().clone();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (h, _) in &got {
        *by_id
            .entry(h["bookable-event-id"].to_str().unwrap().to_string())
            .or_default() += 1;
    }
    assert_eq!(got.len(), 20, "each delivered once: {by_id:?}");
    assert_eq!(by_id.len(), 20);
    assert_eq!(
        db.sql("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'"),
        "20"
    );
}
