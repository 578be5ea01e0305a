//! Durability (issue 18, SPEC §12 guarantee 1): a server killed with SIGKILL in the middle of a
//! burst of bookings and started again on the same database — every 201 its clients saw is
//! stored, and every stored booking is whole (its hosts' rows, its manage token), none half-made.

mod common;

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use common::{always, offered, Database, Server};
use serde_json::{json, Value};

/// A page with thousands of free slots: two members, either may host, 15-minute slots.
async fn setup(server: &Server) -> Vec<String> {
    let c = server.client();
    c.put_ok("/members/ana", always("Ana", "UTC")).await;
    c.put_ok("/members/bo", always("Bo", "Europe/Berlin")).await;
    c.put_ok(
        "/pages/burst",
        json!({ "title": "Burst", "timezone": "UTC", "event": { "duration": 15, "bufferAfter": 5 },
                "team": { "mode": "roundRobin" }, "members": [{ "id": "ana" }, { "id": "bo" }] }),
    )
    .await;
    // Slots at least an hour ahead (the burst must not outrun `now`).
    let soon = common::now_ms() + 3_600_000;
    offered(&c, "burst")
        .await
        .iter()
        .filter_map(|s| s["start"].as_str().map(String::from))
        .filter(|s| bookable::Instant::parse(s, "start").unwrap().0 > soon)
        .collect()
}

/// Books `starts` from 16 concurrent clients until the server stops answering; returns the
/// booking ids answered 201.
fn burst(
    url: String,
    starts: Arc<Vec<String>>,
    made: Arc<Mutex<Vec<String>>>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let next = Arc::new(AtomicUsize::new(0));
    (0..16)
        .map(|_| {
            let (url, starts, made, next) = (url.clone(), starts.clone(), made.clone(), next.clone());
            tokio::spawn(async move {
                let http = reqwest::Client::new();
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(start) = starts.get(i) else { return };
                    let body = json!({ "start": start, "attendee": { "name": format!("Guest {i}"), "email": format!("guest{i}@example.com") } });
                    let sent = http
                        .post(format!("{url}/api/pages/burst/bookings"))
                        .header("content-type", "application/json")
                        .body(body.to_string())
                        .send()
                        .await;
                    // The server is gone: stop (an answer cut off by the kill is no answer).
                    let Ok(res) = sent else { return };
                    let status = res.status().as_u16();
                    let Ok(text) = res.text().await else { return };
                    if status == 201 {
                        let v: Value = serde_json::from_str(&text).unwrap();
                        made.lock().unwrap().push(v["booking"]["id"].as_str().unwrap().to_string());
                    } else {
                        assert_eq!(status, 409, "a burst booking is made or refused: {text}");
                    }
                }
            })
        })
        .collect()
}

/// Every booking in `db` is whole; the ids of the confirmed ones.
fn whole_bookings(db: &Database) -> BTreeSet<String> {
    let mut hosts_rows: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in db
        .sql("SELECT booking, member, active, start_at, end_at FROM booking_hosts")
        .lines()
    {
        let f: Vec<&str> = line.split('|').collect();
        assert_eq!(
            f[2], "1",
            "a confirmed burst booking's host row is active: {line}"
        );
        hosts_rows
            .entry(f[0].to_string())
            .or_default()
            .insert(f[1].to_string());
    }
    let mut confirmed = BTreeSet::new();
    for line in db
        .sql("SELECT id, status, hosts, names, manage_token_hash, start_at, end_at FROM bookings")
        .lines()
    {
        let f: Vec<&str> = line.split('|').collect();
        let (id, status, hosts, names, token) = (f[0], f[1], f[2], f[3], f[4]);
        assert_eq!(status, "confirmed", "{line}");
        assert_eq!(
            token.len(),
            64,
            "booking {id} has its manage token's hash: {line}"
        );
        let hosts: BTreeSet<String> = serde_json::from_str(hosts).unwrap();
        let names: Vec<String> = serde_json::from_str(names).unwrap();
        assert!(
            !hosts.is_empty() && names.len() == hosts.len(),
            "booking {id} names its hosts: {line}"
        );
        assert_eq!(
            hosts_rows.get(id),
            Some(&hosts),
            "booking {id}: its hosts' rows are the hosts it names"
        );
        confirmed.insert(id.to_string());
    }
    for id in hosts_rows.keys() {
        assert!(
            confirmed.contains(id),
            "host rows of booking {id} without the booking"
        );
    }
    confirmed
}

async fn killed_mid_burst(db: Database) {
    let mut server = Server::start(&db);
    let starts = Arc::new(setup(&server).await);
    assert!(
        starts.len() > 2000,
        "the page offers thousands of slots ({})",
        starts.len()
    );
    let made = Arc::new(Mutex::new(Vec::new()));
    let tasks = burst(server.url.clone(), starts.clone(), made.clone());
    // Kill once bookings are flowing (at least 40 made), with 16 requests in flight.
    let began = Instant::now();
    while made.lock().unwrap().len() < 40 {
        assert!(
            began.elapsed() < Duration::from_secs(30),
            "the burst makes bookings"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // …at a moment that varies from run to run (0–24 ms later), not just after an answer.
    tokio::time::sleep(Duration::from_millis(common::now_ms().rem_euclid(25) as u64)).await;
    server.kill(); // SIGKILL: no shutdown, no flush
    for t in tasks {
        t.await.unwrap();
    }
    let made: Vec<String> = made.lock().unwrap().clone();
    let server = Server::start(&db);
    let stored = whole_bookings(&db);
    let missing: Vec<&String> = made.iter().filter(|id| !stored.contains(*id)).collect();
    assert!(
        missing.is_empty(),
        "bookings answered 201 but not stored after the kill: {missing:?}"
    );
    assert!(
        stored.len() <= made.len() + 16,
        "at most the 16 in-flight bookings were stored unanswered"
    );
    eprintln!(
        "durability ({}): {} answered 201 before the kill, {} stored",
        db.url(),
        made.len(),
        stored.len()
    );
    if let Database::Sqlite(_) = db {
        assert_eq!(db.sql("PRAGMA integrity_check"), "ok");
    }
    // The restarted server serves what was stored: a slot both hosts hold is no longer offered
    // and is refused, a free one books.
    let c = server.client();
    let full: Vec<String> = db
        .sql("SELECT start_at FROM bookings WHERE status = 'confirmed' GROUP BY start_at HAVING COUNT(*) = 2")
        .lines()
        .map(|ms| common::iso(ms.parse().unwrap()))
        .collect();
    let now_offered: BTreeSet<String> = offered(&c, "burst")
        .await
        .iter()
        .filter_map(|s| s["start"].as_str().map(String::from))
        .collect();
    for start in &full {
        assert!(
            !now_offered.contains(start),
            "{start} is held by both hosts and still offered"
        );
    }
    if let Some(start) = full.first() {
        let again = c.book("burst", start, "Late Guest").await;
        assert_eq!(
            (again.status, again.code()),
            (409, "slot_taken"),
            "{}",
            again.body
        );
    }
    let free = starts.last().unwrap();
    assert!(now_offered.contains(free));
    let booked = c.book("burst", free, "Last Guest").await;
    assert_eq!(booked.status, 201, "{}", booked.body);
    let id = booked.body["booking"]["id"].as_str().unwrap();
    assert!(whole_bookings(&db).contains(id));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_during_a_burst_loses_no_answered_booking_sqlite() {
    killed_mid_burst(Database::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_during_a_burst_loses_no_answered_booking_postgres() {
    killed_mid_burst(Database::postgres().await).await;
}
