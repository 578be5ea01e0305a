//! Every route over HTTP against the real server on a fresh SQLite file: answers, each error
//! code, nothing written on an error, roles, and no private field in a public answer.

mod common;

use common::*;
use serde_json::{json, Value};

async fn team_of_two(c: &Client) {
    c.put_ok("/members/ana", always("Ana", "Europe/Paris"))
        .await;
    c.put_ok("/members/bob", always("Bob", "America/New_York"))
        .await;
}

fn page(members: &[&str], event: Value) -> Value {
    json!({ "title": "Intro call", "timezone": "UTC", "event": event,
            "members": members.iter().map(|m| json!({ "id": m })).collect::<Vec<_>>() })
}

#[tokio::test]
async fn healthz_names_the_database() {
    let s = Server::start(&Database::sqlite());
    let a = s.client().get("/healthz", None).await;
    assert_eq!(
        (a.status, a.body.clone()),
        (200, json!({ "status": "ok", "database": "sqlite" }))
    );
}

#[tokio::test]
async fn member_bodies_are_read_by_the_engine_with_paths_inside_the_body() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    let cases = [
        (
            json!({ "name": "Ana", "timezone": "Europe/Paris", "weekly": { "mon": [["09:00", "25:00"]] } }),
            "invalid_time",
            "weekly.mon[0]",
        ),
        (
            json!({ "name": "Ana", "timezone": "Mars/Olympus" }),
            "invalid_timezone",
            "timezone",
        ),
        (
            json!({ "timezone": "Europe/Paris" }),
            "missing_field",
            "name",
        ),
        (json!({ "name": "Ana" }), "missing_field", "timezone"),
        (
            json!({ "name": "Ana", "timezone": "UTC", "id": "x" }),
            "unknown_field",
            "id",
        ),
        (
            json!({ "name": "Ana", "timezone": "UTC", "bookings": [] }),
            "unknown_field",
            "bookings",
        ),
        (
            json!({ "name": "Ana", "timezone": "UTC", "email": "not-an-email" }),
            "invalid_value",
            "email",
        ),
        (
            json!({ "name": "Ana", "timezone": "UTC", "capacity": { "max": -1 } }),
            "invalid_value",
            "capacity.max",
        ),
        (
            json!({ "name": "Ana", "timezone": "UTC", "timeOff": [{ "from": "2026-12-10", "to": "2026-12-01" }] }),
            "invalid_interval",
            "timeOff[0]",
        ),
        (
            json!({ "name": "Ana", "timezone": "UTC", "calendars": [{ "ics": "not a calendar" }] }),
            "invalid_calendar",
            "calendars[0]",
        ),
    ];
    for (body, code, path) in cases {
        let a = c.admin("PUT", "/members/ana", Some(body.clone())).await;
        assert_eq!(
            (a.status, a.code(), a.path()),
            (400, code, path),
            "{body} → {}",
            a.body
        );
    }
    // A key twice is invalid_json; a body that is not JSON-typed is 415; nothing was written.
    let dup = c
        .http
        .put(format!("{}/api/admin/members/ana", c.base))
        .bearer_auth(OWNER)
        .header("content-type", "application/json")
        .body(r#"{"name":"A","name":"B","timezone":"UTC"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(dup.status(), 400);
    assert_eq!(
        dup.json::<Value>().await.unwrap()["error"]["code"],
        "invalid_json"
    );
    let plain = c
        .http
        .put(format!("{}/api/admin/members/ana", c.base))
        .bearer_auth(OWNER)
        .header("content-type", "text/plain")
        .body(r#"{"name":"A","timezone":"UTC"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 415);
    assert_eq!(c.admin("GET", "/members/ana", None).await.status, 404);
    assert_eq!(s.db.sql("SELECT COUNT(*) FROM members"), "0");
    // A good one is stored as given, with its feed address shown once.
    let ok = c
        .put_ok("/members/ana", always("Ana", "Europe/Paris"))
        .await;
    assert!(ok["member"]["feedUrl"]
        .as_str()
        .unwrap()
        .contains("/feeds/"));
    let again = c.admin("GET", "/members/ana", None).await;
    assert_eq!(
        again.body["member"]["weekly"]["mon"],
        json!([["00:00", "24:00"]])
    );
    assert!(
        again.body["member"].get("feedUrl").is_none(),
        "the feed key is stored hashed"
    );
}

#[tokio::test]
async fn page_bodies_and_the_members_they_name() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    team_of_two(&c).await;
    let cases = [
        (
            page(&["ana"], json!({ "duration": 0 })),
            "invalid_value",
            "event.duration",
        ),
        (page(&["ana"], json!({})), "missing_field", "event.duration"),
        (
            page(&["carol"], json!({ "duration": 30 })),
            "invalid_value",
            "members[0].id",
        ),
        (
            page(&["ana", "ana"], json!({ "duration": 30 })),
            "invalid_value",
            "members[1].id",
        ),
        (
            json!({ "title": "x", "timezone": "UTC", "event": { "duration": 30 }, "members": [{ "id": "ana", "timezone": "UTC" }] }),
            "unknown_field",
            "members[0].timezone",
        ),
        (
            json!({ "title": "x", "timezone": "UTC", "event": { "duration": 30 }, "members": [{ "id": "ana" }], "policy": { "cancelNotice": -5 } }),
            "invalid_value",
            "policy.cancelNotice",
        ),
        (
            json!({ "title": "x", "timezone": "UTC", "event": { "duration": 30 }, "team": { "mode": "everyone" }, "members": [{ "id": "ana" }] }),
            "invalid_value",
            "team.mode",
        ),
    ];
    for (body, code, path) in cases {
        let a = c.admin("PUT", "/pages/intro", Some(body.clone())).await;
        assert_eq!(
            (a.status, a.code(), a.path()),
            (400, code, path),
            "{body} → {}",
            a.body
        );
    }
    assert_eq!(s.db.sql("SELECT COUNT(*) FROM pages"), "0");
    c.put_ok("/pages/intro", page(&["ana"], json!({ "duration": 30 })))
        .await;
    assert_eq!(
        c.admin("GET", "/pages", None).await.body["pages"][0]["id"],
        "intro"
    );
    // A member a page lists cannot go; one no page lists can.
    let a = c.admin("DELETE", "/members/ana", None).await;
    assert_eq!((a.status, a.code()), (409, "conflict"));
    assert_eq!(c.admin("DELETE", "/members/bob", None).await.status, 204);
    assert_eq!(c.admin("DELETE", "/pages/intro", None).await.status, 204);
    assert_eq!(c.admin("DELETE", "/pages/intro", None).await.status, 404);
    assert_eq!(c.admin("DELETE", "/members/ana", None).await.status, 204);
}

#[tokio::test]
async fn a_booking_lives_and_its_manage_token_opens_it() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    team_of_two(&c).await;
    c.put_ok(
        "/pages/intro",
        page(&["ana"], json!({ "duration": 30, "minNotice": 60 })),
    )
    .await;
    let slots = offered(&c, "intro").await;
    let (first, later) = (
        slots[0]["start"].as_str().unwrap().to_string(),
        slots[4]["start"].as_str().unwrap().to_string(),
    );
    let a = c.book("intro", &first, "Vis Itor").await;
    assert_eq!(a.status, 201, "{}", a.body);
    let b = &a.body["booking"];
    assert_eq!(
        (b["start"].as_str(), b["hosts"].clone(), b["names"].clone()),
        (Some(first.as_str()), json!(["ana"]), json!(["Ana"]))
    );
    assert_eq!(
        (b["status"].as_str(), b["sequence"].as_i64()),
        (Some("confirmed"), Some(0))
    );
    let manage = b["manageUrl"].as_str().unwrap();
    let (url, token) = manage
        .split_once('#')
        .expect("the token is in the fragment");
    let id = b["id"].as_str().unwrap();
    assert!(
        url.ends_with(&format!("/manage/{id}")) && token.len() >= 22,
        "{manage}"
    );
    // The time is taken now.
    assert!(!offered(&c, "intro")
        .await
        .iter()
        .any(|s| s["start"] == first));
    let again = c.book("intro", &first, "Someone Else").await;
    assert_eq!((again.status, again.code()), (409, "slot_taken"));
    assert!(again.body["reasons"].is_array());
    // The manage token opens it; anything else is 404.
    assert_eq!(
        c.get(&format!("/api/bookings/{id}"), Some(token))
            .await
            .body["booking"]["id"],
        id
    );
    assert_eq!(
        c.get(&format!("/api/bookings/{id}"), Some("wrong"))
            .await
            .status,
        404
    );
    assert_eq!(
        c.get(&format!("/api/bookings/{id}"), None).await.status,
        404
    );
    assert_eq!(c.get("/api/bookings/nope", Some(token)).await.status, 404);
    // The page as this booking may move: its own time is not busy for it (only for others).
    let page_path = format!("/api/bookings/{id}/page");
    let movable = offered_at(&c, &page_path, Some(token)).await;
    assert!(movable.iter().any(|s| s["start"] == first));
    let answer = c.get(&page_path, Some(token)).await;
    assert_eq!(answer.headers["cache-control"], "private, no-store");
    assert_eq!(c.get(&page_path, Some("wrong")).await.status, 404);
    assert_eq!(c.get(&page_path, None).await.status, 404);
    // Reschedule: same id, one more sequence, the old time free again.
    let moved = c
        .send(
            "POST",
            &format!("/api/bookings/{id}/reschedule"),
            Some(token),
            Some(&json!({ "start": later })),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    assert_eq!(
        (
            moved.body["booking"]["id"].as_str(),
            moved.body["booking"]["start"].as_str(),
            moved.body["booking"]["sequence"].as_i64()
        ),
        (Some(id), Some(later.as_str()), Some(1))
    );
    let now_offered = offered(&c, "intro").await;
    assert!(
        now_offered.iter().any(|s| s["start"] == first)
            && !now_offered.iter().any(|s| s["start"] == later)
    );
    // A start that is not offered is slot_taken, and nothing moves.
    let bad = c
        .send(
            "POST",
            &format!("/api/bookings/{id}/reschedule"),
            Some(token),
            Some(&json!({ "start": "2020-01-01T10:00:00Z" })),
        )
        .await;
    assert_eq!((bad.status, bad.code()), (409, "slot_taken"));
    assert_eq!(
        c.get(&format!("/api/bookings/{id}"), Some(token))
            .await
            .body["booking"]["start"],
        later.as_str()
    );
    // Cancel, once.
    let cancelled = c
        .send(
            "POST",
            &format!("/api/bookings/{id}/cancel"),
            Some(token),
            Some(&json!({ "reason": "ill" })),
        )
        .await;
    assert_eq!(
        (
            cancelled.status,
            cancelled.body["booking"]["status"].as_str(),
            cancelled.body["booking"]["reason"].as_str()
        ),
        (200, Some("cancelled"), Some("ill"))
    );
    assert!(offered(&c, "intro")
        .await
        .iter()
        .any(|s| s["start"] == later));
    let twice = c
        .send(
            "POST",
            &format!("/api/bookings/{id}/cancel"),
            Some(token),
            None,
        )
        .await;
    assert_eq!((twice.status, twice.code()), (409, "conflict"));
    let moved = c
        .send(
            "POST",
            &format!("/api/bookings/{id}/reschedule"),
            Some(token),
            Some(&json!({ "start": first })),
        )
        .await;
    assert_eq!((moved.status, moved.code()), (409, "conflict"));
    // The attendee's fields are checked where they stand.
    for (attendee, code, path) in [
        (
            json!({ "email": "a@example.com" }),
            "missing_field",
            "attendee.name",
        ),
        (
            json!({ "name": "A", "email": "nope" }),
            "invalid_value",
            "attendee.email",
        ),
        (
            json!({ "name": "A\nB", "email": "a@example.com" }),
            "invalid_value",
            "attendee.name",
        ),
        (
            json!({ "name": "A", "email": "a@example.com", "timezone": "Nowhere/City" }),
            "invalid_timezone",
            "attendee.timezone",
        ),
        (
            json!({ "name": "A", "email": "a@example.com", "phone": "1" }),
            "unknown_field",
            "attendee.phone",
        ),
    ] {
        let a = c
            .send(
                "POST",
                "/api/pages/intro/bookings",
                None,
                Some(&json!({ "start": first, "attendee": attendee })),
            )
            .await;
        assert_eq!(
            (a.status, a.code(), a.path()),
            (400, code, path),
            "{}",
            a.body
        );
    }
    let a = c.send("POST", "/api/pages/intro/bookings", None, Some(&json!({ "start": "tomorrow", "attendee": { "name": "A", "email": "a@example.com" } }))).await;
    assert_eq!(
        (a.status, a.code(), a.path()),
        (400, "invalid_instant", "start")
    );
    assert_eq!(c.book("nope", &first, "A").await.status, 404);
    assert_eq!(s.db.sql("SELECT COUNT(*) FROM bookings"), "1");
}

#[tokio::test]
async fn notice_windows_and_policies_bind_visitors_not_the_team() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    team_of_two(&c).await;
    let mut body = page(&["ana"], json!({ "duration": 30 }));
    body["policy"] =
        json!({ "cancelNotice": 525600, "rescheduleNotice": 0, "allowReschedule": false });
    c.put_ok("/pages/strict", body).await;
    let slots = offered(&c, "strict").await;
    let a = c
        .book("strict", slots[0]["start"].as_str().unwrap(), "V")
        .await;
    let id = a.body["booking"]["id"].as_str().unwrap().to_string();
    let token = a.body["booking"]["manageUrl"]
        .as_str()
        .unwrap()
        .split_once('#')
        .unwrap()
        .1
        .to_string();
    // The visitor's page reads the policy before acting (it explains the window first).
    let seen = c.get(&format!("/api/bookings/{id}"), Some(&token)).await;
    assert_eq!(
        seen.body["policy"],
        json!({ "cancelNotice": 525600, "rescheduleNotice": 0, "allowCancel": true, "allowReschedule": false }),
        "{}",
        seen.body
    );
    let late = c
        .send(
            "POST",
            &format!("/api/bookings/{id}/cancel"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(
        (late.status, late.code()),
        (409, "too_late"),
        "{}",
        late.body
    );
    let no = c
        .send(
            "POST",
            &format!("/api/bookings/{id}/reschedule"),
            Some(&token),
            Some(&json!({ "start": slots[3]["start"] })),
        )
        .await;
    assert_eq!((no.status, no.code()), (409, "conflict"));
    // The team may: no window, no policy.
    let moved = c
        .admin(
            "POST",
            &format!("/bookings/{id}/reschedule"),
            Some(json!({ "start": slots[3]["start"] })),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    let gone = c
        .admin("POST", &format!("/bookings/{id}/cancel"), Some(json!({})))
        .await;
    assert_eq!(
        (gone.status, gone.body["booking"]["status"].as_str()),
        (200, Some("cancelled"))
    );
    let list = c.admin("GET", "/bookings?status=cancelled", None).await;
    assert_eq!(list.body["bookings"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn idempotency_keys_answer_once_and_refusals_keep_no_key() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    team_of_two(&c).await;
    c.put_ok("/pages/intro", page(&["ana"], json!({ "duration": 30 })))
        .await;
    let slots = offered(&c, "intro").await;
    let post = |key: &str, start: &str, name: &str| {
        let body =
            json!({ "start": start, "attendee": { "name": name, "email": "v@example.com" } })
                .to_string();
        c.http
            .post(format!("{}/api/pages/intro/bookings", c.base))
            .header("content-type", "application/json")
            .header("idempotency-key", key)
            .body(body)
            .send()
    };
    let s0 = slots[0]["start"].as_str().unwrap();
    let first = post("k1", s0, "V").await.unwrap();
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let second = post("k1", s0, "V").await.unwrap();
    assert_eq!(second.status(), 201);
    assert_eq!(
        second.json::<Value>().await.unwrap(),
        first,
        "the same answer, booked once"
    );
    assert_eq!(s.db.sql("SELECT COUNT(*) FROM bookings"), "1");
    let other = post("k1", s0, "W").await.unwrap();
    assert_eq!(other.status(), 422);
    assert_eq!(
        other.json::<Value>().await.unwrap()["error"]["code"],
        "idempotency_mismatch"
    );
    // A refused request keeps no key: the key works again with a bookable start.
    assert_eq!(post("k2", s0, "X").await.unwrap().status(), 409);
    assert_eq!(
        post("k2", slots[2]["start"].as_str().unwrap(), "X")
            .await
            .unwrap()
            .status(),
        201
    );
    assert_eq!(s.db.sql("SELECT COUNT(*) FROM bookings"), "2");
}

#[tokio::test]
async fn the_feed_is_private_to_its_secret_address() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    let created = c.put_ok("/members/ana", always("Ana", "UTC")).await;
    let url = created["member"]["feedUrl"].as_str().unwrap().to_string();
    let path = url.trim_start_matches(&c.base).to_string();
    c.put_ok("/pages/intro", page(&["ana"], json!({ "duration": 30 })))
        .await;
    let slots = offered(&c, "intro").await;
    let b = c
        .book("intro", slots[0]["start"].as_str().unwrap(), "Zoë; Visitor")
        .await;
    let id = b.body["booking"]["id"].as_str().unwrap();
    let feed = c
        .http
        .get(format!("{}{path}", c.base))
        .send()
        .await
        .unwrap();
    assert_eq!(feed.status(), 200);
    assert!(feed.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let text = feed.text().await.unwrap();
    assert!(
        text.contains(&format!("UID:{id}")) && text.contains("Zoë\\; Visitor"),
        "{text}"
    );
    let events = bookable::busy_from_json(&json!({ "source": { "ics": text }, "range": { "start": day_at(-2, 0), "end": day_at(300, 0) }, "timezone": "UTC" }).to_string()).unwrap();
    assert_eq!(events.busy.len(), 1, "the engine reads the feed back");
    assert_eq!(c.get("/feeds/wrong.ics", None).await.status, 404);
    let rotated = c.admin("POST", "/members/ana/feed-key", None).await;
    let new_path = rotated.body["feedUrl"]
        .as_str()
        .unwrap()
        .trim_start_matches(&c.base)
        .to_string();
    assert_eq!(
        c.http
            .get(format!("{}{path}", c.base))
            .send()
            .await
            .unwrap()
            .status(),
        404,
        "the old address stops at once"
    );
    assert_eq!(
        c.http
            .get(format!("{}{new_path}", c.base))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn bookings_per_address_are_rate_limited() {
    let options = Options {
        env: vec![("BOOKABLE_BOOKINGS_PER_MINUTE".into(), "2".into())],
        ..Default::default()
    };
    let s = Server::start_with(&Database::sqlite(), options);
    let c = s.client();
    c.put_ok("/members/ana", always("Ana", "UTC")).await;
    c.put_ok("/pages/intro", page(&["ana"], json!({ "duration": 30 })))
        .await;
    let slots = offered(&c, "intro").await;
    for slot in &slots[..2] {
        assert_eq!(
            c.book("intro", slot["start"].as_str().unwrap(), "V")
                .await
                .status,
            201
        );
    }
    let a = c
        .book("intro", slots[2]["start"].as_str().unwrap(), "V")
        .await;
    assert_eq!((a.status, a.code()), (429, "rate_limited"));
    let wait: u64 = a.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    assert_eq!(s.db.sql("SELECT COUNT(*) FROM bookings"), "2");
}

/// Every string anywhere in a JSON value.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(m) => m.iter().for_each(|(k, x)| {
            out.push(k.clone());
            strings(x, out)
        }),
        _ => {}
    }
}

#[tokio::test]
async fn no_private_field_reaches_a_public_answer() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:secret-1\r\nDTSTART:20300101T100000Z\r\nDTEND:20300101T110000Z\r\nSUMMARY:Secret board meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let mut ana = always("Ana", "UTC");
    ana["email"] = json!("ana.private@example.com");
    ana["calendars"] = json!([{ "ics": ics }]);
    ana["busy"] = json!([{ "start": day_at(1, 9), "end": day_at(1, 10) }]);
    let created = c.put_ok("/members/ana", ana).await;
    let feed_key = created["member"]["feedUrl"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .trim_end_matches(".ics")
        .to_string();
    c.put_ok("/pages/intro", page(&["ana"], json!({ "duration": 30 })))
        .await;
    let slots = offered(&c, "intro").await;
    let body = json!({ "start": slots[0]["start"], "attendee": { "name": "First Visitor", "email": "first@visitor.example", "notes": "my private note" } });
    let first = c
        .send("POST", "/api/pages/intro/bookings", None, Some(&body))
        .await;
    let token = first.body["booking"]["manageUrl"]
        .as_str()
        .unwrap()
        .split_once('#')
        .unwrap()
        .1
        .to_string();
    let second = c
        .book(
            "intro",
            slots[3]["start"].as_str().unwrap(),
            "Second Visitor",
        )
        .await;
    let mut answers = vec![
        c.get("/api/pages/intro", None).await.body,
        c.get("/api/pages", None).await.body,
        c.get("/demo/intro.json", None).await.body,
        second.body.clone(),
    ];
    // The second visitor's answers carry no trace of the first's booking.
    let id2 = second.body["booking"]["id"].as_str().unwrap();
    let token2 = second.body["booking"]["manageUrl"]
        .as_str()
        .unwrap()
        .split_once('#')
        .unwrap()
        .1;
    answers.push(
        c.get(&format!("/api/bookings/{id2}"), Some(token2))
            .await
            .body,
    );
    let hash = s.db.sql("SELECT manage_token_hash FROM bookings LIMIT 1");
    let forbidden = [
        "ana.private@example.com",
        "Secret",
        "secret-1",
        "first@visitor.example",
        "First Visitor",
        "my private note",
        &feed_key,
        &token,
        &hash,
        "calendars",
        "email\":\"ana",
    ];
    for a in &answers {
        let mut all = Vec::new();
        strings(a, &mut all);
        let text = a.to_string();
        for f in forbidden {
            assert!(
                !all.iter().any(|s| s.contains(f)) && !text.contains(f),
                "{f:?} in a public answer: {text}"
            );
        }
    }
    // The page answers have no private keys at all.
    fn keys(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Array(a) => a.iter().for_each(|x| keys(x, out)),
            Value::Object(m) => m.iter().for_each(|(k, x)| {
                out.push(k.clone());
                keys(x, out)
            }),
            _ => {}
        }
    }
    for a in &answers[..3] {
        let mut all = Vec::new();
        keys(a, &mut all);
        for k in [
            "bookings",
            "email",
            "notes",
            "calendars",
            "attendee",
            "feedUrl",
            "capacity",
            "bookingCount",
        ] {
            assert!(
                !all.iter().any(|x| x == k),
                "key {k:?} in a page answer: {a}"
            );
        }
    }
    // The public request is the page's answer: same slots, nothing more.
    assert!(answers[0]["request"]["members"][0]
        .get("calendars")
        .is_none());
}

/// (method, path, body, status for the owner, a manager, the member `ana`)
type Route = (&'static str, String, Option<Value>, u16, u16, u16);

#[tokio::test]
async fn tokens_and_roles() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    team_of_two(&c).await;
    let mut capped = always("Cy", "UTC");
    capped["capacity"] = json!({ "max": 1 });
    c.put_ok("/members/cy", capped).await;
    c.put_ok(
        "/pages/intro",
        page(&["ana", "bob"], json!({ "duration": 30 })),
    )
    .await;
    c.put_ok("/pages/solo", page(&["bob"], json!({ "duration": 30 })))
        .await;
    c.put_ok("/teams/inbox", json!({ "members": ["ana", "cy"] }))
        .await;
    let manager = c
        .admin("POST", "/tokens", Some(json!({ "role": "manager" })))
        .await;
    assert_eq!(manager.status, 201);
    let manager = manager.body["token"].as_str().unwrap().to_string();
    let member = c
        .admin(
            "POST",
            "/tokens",
            Some(json!({ "role": "member", "member": "ana" })),
        )
        .await;
    let member_id = member.body["id"].as_str().unwrap().to_string();
    let member = member.body["token"].as_str().unwrap().to_string();
    assert_eq!(
        s.db.sql("SELECT COUNT(*) FROM tokens WHERE hash = '' OR hash LIKE 'bk_%'"),
        "0",
        "only hashes kept"
    );
    for (body, code) in [
        (json!({ "role": "owner" }), "invalid_value"),
        (json!({ "role": "member" }), "missing_field"),
        (
            json!({ "role": "member", "member": "zed" }),
            "invalid_value",
        ),
    ] {
        assert_eq!(c.admin("POST", "/tokens", Some(body)).await.code(), code);
    }
    let slots = offered(&c, "intro").await;
    let booked = c
        .book("intro", slots[0]["start"].as_str().unwrap(), "V")
        .await;
    let booking = booked.body["booking"]["id"].as_str().unwrap().to_string();
    let host = booked.body["booking"]["hosts"][0]
        .as_str()
        .unwrap()
        .to_string();
    let status = json!({ "status": "away", "reason": "lunch" });
    // (method, path, body, owner, manager, member ana)
    let routes: Vec<Route> = vec![
        ("GET", "/members".into(), None, 200, 200, 200),
        ("GET", "/members/bob".into(), None, 200, 200, 403),
        ("GET", "/members/ana".into(), None, 200, 200, 200),
        (
            "PUT",
            "/members/bob".into(),
            Some(always("Bob", "UTC")),
            200,
            403,
            403,
        ),
        (
            "PUT",
            "/members/ana".into(),
            Some(always("Ana", "Asia/Tokyo")),
            200,
            403,
            200,
        ),
        ("DELETE", "/members/zed".into(), None, 404, 403, 403),
        ("GET", "/members/bob/status".into(), None, 200, 200, 403),
        (
            "PUT",
            "/members/bob/status".into(),
            Some(status.clone()),
            200,
            200,
            403,
        ),
        (
            "PUT",
            "/members/ana/status".into(),
            Some(status.clone()),
            200,
            200,
            200,
        ),
        ("POST", "/members/bob/feed-key".into(), None, 200, 403, 403),
        ("POST", "/members/ana/feed-key".into(), None, 200, 403, 200),
        ("POST", "/members/cy/release".into(), None, 200, 200, 403),
        ("GET", "/pages".into(), None, 200, 200, 200),
        ("GET", "/pages/intro".into(), None, 200, 200, 200),
        ("GET", "/pages/solo".into(), None, 200, 200, 403),
        (
            "PUT",
            "/pages/intro".into(),
            Some(page(&["ana", "bob"], json!({ "duration": 30 }))),
            200,
            403,
            403,
        ),
        ("DELETE", "/pages/zed".into(), None, 404, 403, 403),
        ("GET", "/teams/inbox".into(), None, 200, 200, 403),
        (
            "PUT",
            "/teams/inbox".into(),
            Some(json!({ "members": ["ana", "cy"] })),
            200,
            403,
            403,
        ),
        ("GET", "/teams/inbox/status".into(), None, 200, 200, 403),
        (
            "POST",
            "/teams/inbox/assign".into(),
            Some(json!({})),
            200,
            200,
            403,
        ),
        ("GET", "/tokens".into(), None, 200, 200, 403),
        (
            "POST",
            "/tokens".into(),
            Some(json!({ "role": "manager" })),
            201,
            403,
            403,
        ),
        (
            "GET",
            format!("/bookings/{booking}"),
            None,
            200,
            200,
            if host == "ana" { 200 } else { 404 },
        ),
    ];
    for (method, path, body, owner_s, manager_s, member_s) in routes {
        for (token, want) in [
            (OWNER, owner_s),
            (manager.as_str(), manager_s),
            (member.as_str(), member_s),
        ] {
            let a = c
                .send(
                    method,
                    &format!("/api/admin{path}"),
                    Some(token),
                    body.as_ref(),
                )
                .await;
            assert_eq!(
                a.status,
                want,
                "{method} {path} as {} → {}",
                if token == OWNER {
                    "owner"
                } else if token == manager {
                    "manager"
                } else {
                    "member"
                },
                a.body
            );
            if want == 403 {
                assert_eq!(a.code(), "forbidden");
            }
        }
        let none = c
            .send(method, &format!("/api/admin{path}"), None, body.as_ref())
            .await;
        assert_eq!(
            (none.status, none.code()),
            (401, "unauthorized"),
            "{method} {path} without a token"
        );
    }
    // A member reads only the pages that list it.
    let pages = c.send("GET", "/api/admin/pages", Some(&member), None).await;
    let ids: Vec<&str> = pages.body["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["intro"], "{}", pages.body);
    // A member sees only itself and its own bookings.
    let list = c
        .send("GET", "/api/admin/members", Some(&member), None)
        .await;
    assert_eq!(
        list.body["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].clone())
            .collect::<Vec<_>>(),
        vec![json!("ana")]
    );
    let theirs = c
        .send("GET", "/api/admin/bookings", Some(&member), None)
        .await;
    assert!(theirs.body["bookings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|b| b["hosts"].as_array().unwrap().contains(&json!("ana"))));
    assert_eq!(
        c.send("GET", "/api/admin/bookings?member=bob", Some(&member), None)
            .await
            .status,
        403
    );
    // The team's app asks who a token is.
    for (token, want) in [
        (None, json!({ "role": "owner" })),
        (Some(&manager), json!({ "role": "manager" })),
        (Some(&member), json!({ "role": "member", "member": "ana" })),
    ] {
        let a = match token {
            None => c.admin("GET", "/session", None).await,
            Some(t) => {
                c.send("GET", "/api/admin/session", Some(t.as_str()), None)
                    .await
            }
        };
        assert_eq!((a.status, a.body), (200, want));
    }
    assert_eq!(
        c.send("GET", "/api/admin/session", Some("bk_nobody"), None)
            .await
            .status,
        401
    );
    // A revoked token stops at once.
    assert_eq!(
        c.admin("DELETE", &format!("/tokens/{member_id}"), None)
            .await
            .status,
        204
    );
    assert_eq!(
        c.send("GET", "/api/admin/members/ana", Some(&member), None)
            .await
            .status,
        401
    );
}

#[tokio::test]
async fn status_assign_and_release() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    let mut ana = always("Ana", "UTC");
    ana["capacity"] = json!({ "max": 2 });
    c.put_ok("/members/ana", ana).await;
    let mut off = always("Off", "UTC");
    off["weekly"] = json!({});
    c.put_ok("/members/off", off).await;
    c.put_ok(
        "/teams/inbox",
        json!({ "members": ["ana", "off"], "assignment": "leastLoaded" }),
    )
    .await;
    let st = c.admin("GET", "/members/ana/status", None).await;
    assert_eq!(
        (st.body["status"].as_str(), st.body["source"].as_str()),
        (Some("available"), Some("schedule"))
    );
    assert_eq!(
        c.admin("GET", "/members/off/status", None).await.body["reason"],
        "outsideWorkingHours"
    );
    // Two conversations fit Ana's capacity; the third finds nobody.
    for want in [json!("ana"), json!("ana"), Value::Null] {
        assert_eq!(
            c.admin("POST", "/teams/inbox/assign", Some(json!({})))
                .await
                .body["member"],
            want
        );
    }
    let team = c.admin("GET", "/teams/inbox/status", None).await;
    assert_eq!(
        team.body["members"][0]["capacity"],
        json!({ "max": 2, "assigned": 2 })
    );
    assert_eq!(team.body["next"], Value::Null);
    // What the engine read besides hours, for a browser to recompute the table: the recorded
    // lastAssignedAt, and no manual choice yet.
    assert!(team.body["members"][0]["lastAssignedAt"].is_string());
    assert!(team.body["members"][1].get("lastAssignedAt").is_none());
    assert!(team.body["members"][0].get("manual").is_none());
    assert_eq!(
        c.admin("POST", "/members/ana/release", None).await.body["capacity"]["assigned"],
        1
    );
    assert_eq!(
        c.admin("GET", "/teams/inbox/status", None).await.body["next"],
        "ana"
    );
    // A manual Away holds (no boundary before the next one), with its reason.
    let away = c
        .admin(
            "PUT",
            "/members/ana/status",
            Some(json!({ "status": "away", "reason": "lunch" })),
        )
        .await;
    assert_eq!(
        (
            away.body["status"].as_str(),
            away.body["source"].as_str(),
            away.body["reason"].as_str()
        ),
        (Some("away"), Some("manual"), Some("lunch"))
    );
    let manual = &c.admin("GET", "/teams/inbox/status", None).await.body["members"][0]["manual"];
    assert_eq!(
        (manual["status"].as_str(), manual["reason"].as_str()),
        (Some("away"), Some("lunch"))
    );
    assert!(manual["since"].is_string());
    assert_eq!(
        c.admin("POST", "/teams/inbox/assign", Some(json!({})))
            .await
            .body["member"],
        Value::Null
    );
    let bad = c
        .admin(
            "PUT",
            "/members/ana/status",
            Some(json!({ "status": "busy" })),
        )
        .await;
    assert_eq!(
        (bad.status, bad.code(), bad.path()),
        (400, "invalid_value", "status")
    );
    for _ in 0..3 {
        c.admin("POST", "/members/ana/release", None).await;
    }
    assert_eq!(
        s.db.sql("SELECT assigned FROM members WHERE id = 'ana'"),
        "0",
        "never below 0"
    );
}

#[tokio::test]
async fn a_bookings_buffers_hold_on_every_page_of_its_hosts() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    c.put_ok("/members/ana", always("Ana", "UTC")).await;
    c.put_ok(
        "/pages/long",
        page(&["ana"], json!({ "duration": 60, "bufferAfter": 30 })),
    )
    .await;
    c.put_ok("/pages/short", page(&["ana"], json!({ "duration": 30 })))
        .await;
    let start = day_at(2, 10);
    assert_eq!(c.book("long", &start, "V").await.status, 201);
    let short = offered(&c, "short").await;
    let has = |t: &str| short.iter().any(|s| s["start"] == t);
    assert!(
        !has(&day_at(2, 11)),
        "11:00 is inside the booking's 30-minute buffer"
    );
    assert!(!has(&start));
    assert!(has(&common::iso(
        common::now_ms() - common::now_ms().rem_euclid(86_400_000)
            + 2 * 86_400_000
            + 11 * 3_600_000
            + 30 * 60_000
    )));
    let a = c.book("short", &day_at(2, 11), "W").await;
    assert_eq!((a.status, a.code()), (409, "slot_taken"));
}

#[tokio::test]
async fn a_long_horizon_and_a_later_month() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    c.put_ok("/members/ana", always("Ana", "UTC")).await;
    c.put_ok(
        "/pages/far",
        page(
            &["ana"],
            json!({ "duration": 60, "step": 1440, "maxDaysAhead": 3650 }),
        ),
    )
    .await;
    let a = c.get("/api/pages/far", None).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let range = &a.body["request"]["range"];
    let start = bookable::Instant::parse(range["start"].as_str().unwrap(), "s")
        .unwrap()
        .0;
    let end = bookable::Instant::parse(range["end"].as_str().unwrap(), "e")
        .unwrap()
        .0;
    assert_eq!(end - start, 366 * 86_400_000, "at most 366 days");
    let later = c.get("/api/pages/far?from=2031-05-01", None).await;
    assert_eq!(later.status, 200);
    assert!(
        later.body["request"]["range"]["start"].as_str().unwrap() < "2031-05-01"
            && later.body["request"]["range"]["end"].as_str().unwrap() > "2031-06-01"
    );
    let bad = c.get("/api/pages/far?from=May", None).await;
    assert_eq!(
        (bad.status, bad.code(), bad.path()),
        (400, "invalid_date", "from")
    );
}

#[tokio::test]
async fn http_errors_are_json_and_cors_is_open_on_public_routes() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    c.put_ok("/members/ana", always("Ana", "UTC")).await;
    c.put_ok("/pages/intro", page(&["ana"], json!({ "duration": 30 })))
        .await;
    let a = c.get("/api/nothing/here", None).await;
    assert_eq!((a.status, a.code()), (404, "not_found"));
    let a = c.send("DELETE", "/api/pages/intro", None, None).await;
    assert_eq!((a.status, a.code()), (405, "method_not_allowed"));
    let big = json!({ "start": "x", "attendee": { "name": "a".repeat(20_000), "email": "a@example.com" } });
    let a = c
        .send("POST", "/api/pages/intro/bookings", None, Some(&big))
        .await;
    assert_eq!((a.status, a.code()), (413, "limit_exceeded"));
    let pre = c
        .http
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/api/pages/intro/bookings", c.base),
        )
        .header("origin", "https://example.org")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type,idempotency-key",
        )
        .send()
        .await
        .unwrap();
    assert!(pre.status().is_success());
    assert_eq!(pre.headers()["access-control-allow-origin"], "*");
    let got = c
        .http
        .get(format!("{}/api/pages/intro", c.base))
        .header("origin", "https://example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(got.headers()["access-control-allow-origin"], "*");
    // The booking page is served under a strict CSP; a title is text, not markup.
    let mut evil = page(&["ana"], json!({ "duration": 30 }));
    evil["title"] = json!("<script>alert(1)</script>");
    c.put_ok("/pages/evil", evil).await;
    let html = c
        .http
        .get(format!("{}/p/evil", c.base))
        .send()
        .await
        .unwrap();
    let csp = html.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    let text = html.text().await.unwrap();
    assert!(
        text.contains("&lt;script&gt;") && !text.contains("<script>alert"),
        "{text}"
    );
    // The visitor's language is preloaded with the element (a round trip less before the first
    // slot); English is built in, a language without a table has nothing to preload.
    for (accept, preload) in [
        (
            "fr-CH, fr;q=0.9, en;q=0.8",
            Some("<link rel=\"modulepreload\" href=\"/pkg/shared/i18n/fr.js\">"),
        ),
        (
            "ja",
            Some("<link rel=\"modulepreload\" href=\"/pkg/shared/i18n/ja.js\">"),
        ),
        ("en-US,en;q=0.9", None),
        ("ko-KR, fr;q=0.5", None),
        ("../../x", None),
    ] {
        let res = c
            .http
            .get(format!("{}/p/evil", c.base))
            .header("accept-language", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()["vary"], "Accept-Language");
        let text = res.text().await.unwrap();
        assert_eq!(
            text.matches("/pkg/shared/i18n/").count(),
            usize::from(preload.is_some()),
            "{accept}: {text}"
        );
        if let Some(link) = preload {
            assert!(text.contains(link), "{accept}: {text}");
        }
    }
    assert_eq!(
        c.http
            .get(format!("{}/p/nope", c.base))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn whole_numbers_written_as_floats_keep_their_meaning() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    c.put_ok("/members/ana", always("Ana", "UTC")).await;
    c.put_ok(
        "/pages/float",
        page(&["ana"], json!({ "duration": 30.0, "bufferAfter": 6e1 })),
    )
    .await;
    c.put_ok("/pages/plain", page(&["ana"], json!({ "duration": 30 })))
        .await;
    let a = c.book("float", &day_at(3, 12), "V").await;
    assert_eq!(a.status, 201, "{}", a.body);
    assert_eq!(
        a.body["booking"]["end"],
        json!(day_at(3, 12).replace("T12:00", "T12:30"))
    );
    // 12:30–13:30 is the float page's buffer after it, on every page of its host.
    let b = c
        .book("plain", &day_at(3, 12).replace("T12:00", "T12:30"), "W")
        .await;
    assert_eq!((b.status, b.code()), (409, "slot_taken"), "{}", b.body);
    assert_eq!(
        c.book("plain", &day_at(3, 12).replace("T12:00", "T13:30"), "W")
            .await
            .status,
        201
    );
}

#[tokio::test]
async fn a_members_own_limits_count_its_bookings_on_every_page() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    let mut lim = always("Lim", "UTC");
    lim["limits"] = json!({ "maxPerDay": 1 });
    c.put_ok("/members/lim", lim.clone()).await;
    c.put_ok("/pages/a", page(&["lim"], json!({ "duration": 30 })))
        .await;
    c.put_ok("/pages/b", page(&["lim"], json!({ "duration": 30 })))
        .await;
    assert_eq!(c.book("a", &day_at(4, 10), "V").await.status, 201);
    let second = c.book("b", &day_at(4, 14), "W").await;
    assert_eq!(
        (second.status, second.code()),
        (409, "slot_taken"),
        "{}",
        second.body
    );
    assert!(second.body["members"][0]["reasons"]
        .as_array()
        .unwrap()
        .contains(&json!("maxPerDay")));
    // Its own token may change its hours, not the limits the team set.
    let token = c
        .admin(
            "POST",
            "/tokens",
            Some(json!({ "role": "member", "member": "lim" })),
        )
        .await
        .body["token"]
        .as_str()
        .unwrap()
        .to_string();
    let mut unlimited = lim.clone();
    unlimited.as_object_mut().unwrap().remove("limits");
    let a = c
        .send(
            "PUT",
            "/api/admin/members/lim",
            Some(&token),
            Some(&unlimited),
        )
        .await;
    assert_eq!((a.status, a.code()), (403, "forbidden"));
    lim["weekly"] = json!({ "mon": [["09:00", "17:00"]] });
    assert_eq!(
        c.send("PUT", "/api/admin/members/lim", Some(&token), Some(&lim))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn odd_paths_and_queries_get_json_errors() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    c.put_ok("/members/ana", always("Ana", "UTC")).await;
    c.put_ok("/pages/intro", page(&["ana"], json!({ "duration": 30 })))
        .await;
    for (path, status, code) in [
        ("/api/bookings/a%00b", 404, "not_found"),
        ("/api/pages/a%00b", 404, "not_found"),
        (
            "/api/pages/intro?from=2026-12-10&from=2026-12-11",
            400,
            "invalid_value",
        ),
        ("/api/pages/%FF", 400, "invalid_value"),
        ("/feeds/%FF.ics", 400, "invalid_value"),
    ] {
        let a = c.get(path, None).await;
        assert_eq!((a.status, a.code()), (status, code), "{path}: {}", a.body);
    }
    let a = c.get("/api/admin/bookings?limit=abc", Some(OWNER)).await;
    assert_eq!((a.status, a.code()), (400, "invalid_value"), "{}", a.body);
    let nul = c
        .admin(
            "POST",
            "/tokens",
            Some(json!({ "role": "member", "member": "a\u{0}" })),
        )
        .await;
    assert_eq!((nul.status, nul.code()), (400, "invalid_json"));
    assert_eq!(
        c.admin(
            "PUT",
            "/pages/...",
            Some(page(&["ana"], json!({ "duration": 30 })))
        )
        .await
        .status,
        400
    );
}

/// The engine's slots of a page answer's own request from `from` to `to` (the answer's
/// `firstSlots` bounds), as `{start, end, hosts}`.
fn engine_slots(answer: &Value, from: &str, to: &str) -> Vec<Value> {
    let mut request = answer["request"].clone();
    request["now"] = json!(from);
    request["range"] = json!({ "start": from, "end": to });
    let response = bookable::slots_from_value(&request, 0).expect("the public request is valid");
    serde_json::to_value(&response).unwrap()["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| json!({ "start": s["start"], "end": s["end"], "hosts": s["hosts"] }))
        .collect()
}

fn ms(v: &Value) -> i64 {
    bookable::Instant::parse(v.as_str().unwrap(), "t")
        .unwrap()
        .0
}

#[tokio::test]
async fn first_slots_are_the_engines_own_from_the_minute_of_the_answer() {
    let s = Server::start(&Database::sqlite());
    let c = s.client();
    team_of_two(&c).await;
    let mut page_body = page(&["ana", "bob"], json!({ "duration": 30, "step": 60 }));
    page_body["team"] = json!({ "mode": "roundRobin" });
    c.put_ok("/pages/intro", page_body).await;
    let first = offered(&c, "intro").await[0]["start"].clone();
    let booked = c.book("intro", first.as_str().unwrap(), "A Visitor").await;
    assert_eq!(booked.status, 201, "{}", booked.body);

    let a = c.get("/api/pages/intro", None).await.body;
    let sent = &a["firstSlots"];
    let (from, to) = (sent["from"].as_str().unwrap(), sent["to"].as_str().unwrap());
    assert_eq!(
        ms(&sent["from"]) % 60_000,
        0,
        "from is a whole minute: {from}"
    );
    assert!(
        (common::now_ms() - ms(&sent["from"])).abs() < 120_000,
        "from is now: {from}"
    );
    let slots = sent["slots"].as_array().unwrap();
    assert!(!slots.is_empty() && slots.len() <= 1000);
    assert_eq!(
        ms(&sent["to"]) - ms(&slots[0]["start"]),
        33 * 86_400_000,
        "33 days after the first slot"
    );
    assert_eq!(*slots, engine_slots(&a, from, to));
    let host = &booked.body["booking"]["hosts"][0];
    assert!(host.is_string(), "{}", booked.body);
    assert!(
        slots
            .iter()
            .all(|s| s["start"] != first || !s["hosts"].as_array().unwrap().contains(host)),
        "the booked time is not offered with its host"
    );

    // Every 5 minutes, round the clock, for two: the first 1,000, and `to` is the next one's start.
    c.put_ok(
        "/pages/busy",
        page(&["ana", "bob"], json!({ "duration": 5, "step": 5 })),
    )
    .await;
    let b = c.get("/api/pages/busy", None).await.body;
    let sent = &b["firstSlots"];
    let slots = sent["slots"].as_array().unwrap();
    assert_eq!(slots.len(), 1000);
    assert_eq!(ms(&sent["to"]) - ms(&slots[999]["start"]), 5 * 60_000);
    let (from, to) = (sent["from"].as_str().unwrap(), sent["to"].as_str().unwrap());
    assert_eq!(*slots, engine_slots(&b, from, to));

    // Not in a later month's answer (the picker asks for those with the engine loaded).
    let later = c
        .get(
            &format!("/api/pages/intro?from={}", &day_at(20, 0)[..10]),
            None,
        )
        .await;
    assert_eq!(later.status, 200);
    assert!(later.body.get("firstSlots").is_none(), "{}", later.body);
}
