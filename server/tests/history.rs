//! History (issue 18, SPEC §12: answers whose cost follows the horizon, never the history): a
//! host with 100,000 past bookings, written straight into the database, answers the public page
//! config and a new booking exactly as the same setup without them. The time of public config
//! GETs with and without the history is printed (a figure, not asserted).

mod common;

use std::time::{Duration, Instant};

use common::{always, day_at, now_ms, Client, Database, Server};
use serde_json::{json, Value};

const HISTORY: i64 = 100_000;
const DAY: i64 = 86_400_000;

async fn setup(c: &Client) {
    c.put_ok("/members/host", always("Host", "Europe/Paris"))
        .await;
    c.put_ok(
        "/pages/consult",
        json!({ "title": "Consult", "timezone": "Europe/Paris",
                "event": { "duration": 30, "bufferAfter": 10, "maxPerDay": 8, "maxPerWeek": 30 },
                "members": [{ "id": "host" }] }),
    )
    .await;
}

/// The host's counters as 100,000 bookings leave them (the public request carries them for
/// round-robin balance): on both servers, so that only the stored history differs.
fn count_history(db: &Database) {
    db.sql(&format!(
        "UPDATE members SET booking_count = {HISTORY}, last_booked_at = {} WHERE id = 'host'",
        last_day() - DAY
    ));
    db.sql("UPDATE generation SET value = value + 1 WHERE id = 1");
}

/// The day of the newest past booking: 40 days ago, outside every window a public answer or a
/// booking reads (they reach 32 days back).
fn last_day() -> i64 {
    let day0 = now_ms() - now_ms().rem_euclid(DAY);
    day0 - 40 * DAY
}

/// 100,000 bookings of `host` on the page, one every two hours back from [`last_day`], with
/// their host rows — one statement each.
fn write_history(db: &Database) {
    let last = last_day();
    let series = match db {
        Database::Sqlite(_) => format!(
            "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {})",
            HISTORY - 1
        ),
        Database::Postgres(_) => {
            format!(
                "WITH s(i) AS (SELECT generate_series(0::bigint, {}))",
                HISTORY - 1
            )
        }
    };
    let start = format!("({last} - i * 7200000)");
    db.sql(&format!(
        "{series} INSERT INTO bookings (id, page, title, start_at, end_at, buffer_before, buffer_after, hosts, names, \
         attendee, status, sequence, manage_token_hash, created_at, updated_at) \
         SELECT 'past' || i, 'consult', 'Consult', {start}, {start} + 1800000, 0, 10, '[\"host\"]', '[\"Host\"]', \
         '{{\"name\":\"Past Guest\",\"email\":\"past@example.com\"}}', 'confirmed', 0, \
         '{hash}', {start} - {DAY}, {start} - {DAY} FROM s",
        hash = "0".repeat(64)
    ));
    db.sql(&format!(
        "{series} INSERT INTO booking_hosts (booking, member, start_at, end_at, lo, hi, active) \
         SELECT 'past' || i, 'host', {start}, {start} + 1800000, {start}, {start} + 2400000, 1 FROM s"
    ));
    db.sql("UPDATE generation SET value = value + 1 WHERE id = 1");
    if let Database::Postgres(_) = db {
        // Statistics as autovacuum keeps them for a history that grew over years. Without them
        // (until autovacuum's next run after one big statement) the planner reads a host's
        // bookings through the exclusion constraint's index, all 100,000 of them: ~40 ms a GET.
        db.sql("ANALYZE bookings, booking_hosts");
        assert_ne!(
            db.sql("SELECT COUNT(*) FROM pg_stats WHERE tablename = 'booking_hosts'"),
            "0"
        );
    }
    assert_eq!(
        db.sql("SELECT COUNT(*) FROM booking_hosts WHERE member = 'host' AND active = 1"),
        HISTORY.to_string()
    );
}

/// The public answers of both servers, fetched within one minute (the horizon follows `now`).
async fn both(empty: &Client, history: &Client, query: &str) -> (Value, Value) {
    loop {
        let minute = now_ms() / 60_000;
        let a = empty.get(&format!("/api/pages/consult{query}"), None).await;
        let b = history
            .get(&format!("/api/pages/consult{query}"), None)
            .await;
        assert_eq!((a.status, b.status), (200, 200), "{} {}", a.body, b.body);
        if now_ms() / 60_000 == minute {
            return (a.body, b.body);
        }
    }
}

/// The time of one public config GET.
async fn timed_get(c: &Client, query: &str) -> Duration {
    let began = Instant::now();
    let a = c.get(&format!("/api/pages/consult{query}"), None).await;
    assert_eq!(a.status, 200, "{}", a.body);
    began.elapsed()
}

/// Mean milliseconds of `n` public config GETs on each server, taken in turns (so that the
/// machine's other load falls on both alike): computed ones (each from another date, so none is
/// cached) and repeated ones (cached).
async fn time_gets(empty: &Client, history: &Client, n: i64) -> [f64; 4] {
    let mut total = [Duration::ZERO; 4];
    for i in 0..n {
        let from = format!("?from={}", &day_at(i, 0)[..10]);
        total[0] += timed_get(empty, &from).await;
        total[1] += timed_get(history, &from).await;
    }
    for _ in 0..n {
        total[2] += timed_get(empty, "").await;
        total[3] += timed_get(history, "").await;
    }
    total.map(|t| t.as_secs_f64() * 1000.0 / n as f64)
}

async fn same_answers(empty_db: Database, history_db: Database) {
    let empty = Server::start(&empty_db);
    let history = Server::start(&history_db);
    let (ce, ch) = (empty.client(), history.client());
    setup(&ce).await;
    setup(&ch).await;
    count_history(&empty_db);
    count_history(&history_db);
    let began = Instant::now();
    write_history(&history_db);
    eprintln!(
        "history ({}): {HISTORY} bookings written in {:?}",
        history_db.kind(),
        began.elapsed()
    );

    let (a, b) = both(&ce, &ch, "").await;
    assert!(a["request"]["members"].is_array(), "{a}");
    assert_eq!(
        a, b,
        "the public config with 100,000 past bookings is the one without"
    );
    let (a, b) = both(&ce, &ch, &format!("?from={}", &day_at(20, 0)[..10])).await;
    assert_eq!(a, b, "the public config from a later date is the same too");

    // A booking: the same answer on both, and the same public config after it.
    let start = day_at(3, 9);
    let (x, y) = (
        ce.book("consult", &start, "New Guest").await,
        ch.book("consult", &start, "New Guest").await,
    );
    assert_eq!((x.status, y.status), (201, 201), "{} {}", x.body, y.body);
    let strip = |mut v: Value| {
        for k in ["id", "createdAt", "updatedAt", "manageUrl"] {
            v["booking"].as_object_mut().unwrap().remove(k);
        }
        v
    };
    assert_eq!(strip(x.body), strip(y.body));
    let (a, b) = both(&ce, &ch, "").await;
    assert_eq!(a, b, "after a booking, the public configs are still equal");
    let (x, y) = (
        ce.book("consult", &start, "Second Guest").await,
        ch.book("consult", &start, "Second Guest").await,
    );
    assert_eq!(
        (x.status, x.code(), y.status, y.code()),
        (409, "slot_taken", 409, "slot_taken")
    );

    // Figures, not asserted.
    let n = 60;
    let [te, th, ke, kh] = time_gets(&ce, &ch, n).await;
    eprintln!(
        "history ({}): {n} computed public config GETs: {te:.2} ms each without history, {th:.2} ms with \
         {HISTORY} past bookings; {n} cached: {ke:.3} ms / {kh:.3} ms",
        history_db.kind(),
    );
}

trait Kind {
    fn kind(&self) -> &'static str;
}

impl Kind for Database {
    fn kind(&self) -> &'static str {
        match self {
            Database::Sqlite(_) => "sqlite",
            Database::Postgres(_) => "postgres",
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_thousand_past_bookings_change_no_answer_sqlite() {
    same_answers(Database::sqlite(), Database::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_thousand_past_bookings_change_no_answer_postgres() {
    same_answers(Database::postgres().await, Database::postgres().await).await;
}
