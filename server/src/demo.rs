//! `--demo`: the sample team (Paris, New York, Kolkata) with hours, a day off and busy times
//! placed around the day the database is filled, two pages (one host, round robin) and an inbox
//! team — the same team as `www/demo-data.js`, written through the service's own readers.

use serde_json::{json, Value};

use crate::{
    service::{inbox, members, pages, App},
    store::{self, lock_key},
    time::{iso, DAY},
};

const HOUR: i64 = 3_600_000;

fn weekdays(pairs: Value, extra: Value) -> Value {
    let mut w = json!({ "mon": pairs, "tue": pairs, "wed": pairs, "thu": pairs, "fri": pairs });
    if let (Some(w), Some(extra)) = (w.as_object_mut(), extra.as_object()) {
        w.extend(extra.clone());
    }
    w
}

fn date(ms: i64) -> String {
    iso(ms)[..10].to_string()
}

/// Bodies of the admin API by id.
type Bodies = Vec<(&'static str, Value)>;

/// The demo's members, pages and team as the admin API's bodies, relative to `now`.
pub fn bodies(now: i64) -> (Bodies, Bodies, Value) {
    let day0 = now - now.rem_euclid(DAY);
    let at = |days: i64, hours: f64| day0 + days * DAY + (hours * HOUR as f64) as i64;
    let busy = |days: i64, from: f64, to: f64| json!({ "start": iso(at(days, from)), "end": iso(at(days, to)) });
    let members = vec![
        (
            "camille",
            json!({
                "name": "Camille Martin", "email": "camille@example.com", "timezone": "Europe/Paris",
                "weekly": weekdays(json!([["09:00", "12:30"], ["13:30", "17:30"]]), json!({})),
                "timeOff": [{ "from": date(at(2, 12.0)), "to": date(at(2, 12.0)) }],
                "busy": [busy(1, 8.0, 9.5), busy(3, 12.0, 14.0), busy(4, 9.0, 10.0), busy(8, 13.0, 16.0)],
                "capacity": { "max": 5 },
            }),
        ),
        (
            "jordan",
            json!({
                "name": "Jordan Lee", "email": "jordan@example.com", "timezone": "America/New_York",
                "weekly": weekdays(json!([["09:00", "17:00"]]), json!({})),
                "busy": [busy(1, 15.0, 16.5), busy(2, 18.0, 20.0), busy(5, 14.0, 15.0)],
                "capacity": { "max": 5 },
            }),
        ),
        (
            "priya",
            json!({
                "name": "Priya Natarajan", "email": "priya@example.com", "timezone": "Asia/Kolkata",
                "weekly": weekdays(json!([["10:00", "18:00"]]), json!({ "sat": [["10:00", "13:00"]] })),
                "timeOff": [{ "start": iso(at(1, 4.0)), "end": iso(at(1, 9.0)) }],
                "busy": [busy(2, 5.0, 6.0), busy(3, 8.0, 9.5)],
                "capacity": { "max": 3 },
            }),
        ),
    ];
    let pages = vec![
        (
            "single",
            json!({
                "title": "Intro call with Camille",
                "description": "A 30-minute video call to talk about your project.",
                "timezone": "Europe/Paris",
                "event": { "duration": 30, "step": 30, "bufferAfter": 10, "minNotice": 120, "maxDaysAhead": 60 },
                "members": [{ "id": "camille" }],
                "policy": { "cancelNotice": 60, "rescheduleNotice": 60 },
                "reminders": [1440, 60],
            }),
        ),
        (
            "team",
            json!({
                "title": "Talk to our support team",
                "description": "Whoever of Camille, Jordan and Priya is free takes the call.",
                "timezone": "UTC",
                "event": { "duration": 30, "step": 30, "bufferBefore": 5, "bufferAfter": 5, "minNotice": 60, "maxDaysAhead": 45 },
                "team": { "mode": "roundRobin", "minAvailable": 1, "assignment": "leastRecentlyBooked" },
                "members": [{ "id": "camille" }, { "id": "jordan" }, { "id": "priya" }],
            }),
        ),
    ];
    let team = json!({ "members": ["camille", "jordan", "priya"], "assignment": "leastLoaded" });
    (members, pages, team)
}

/// Fills an empty database with the demo, through the same readers as the admin API.
pub async fn fill(app: &App, now: i64) -> Result<(), String> {
    let (member_bodies, page_bodies, team) = bodies(now);
    let fail = |what: &str, e: crate::error::ApiError| {
        format!("demo {what}: {} at {}: {}", e.code, e.path, e.message)
    };
    let mut w = app
        .db
        .write(vec![lock_key("demo", "")])
        .await
        .map_err(|e| e.to_string())?;
    for (id, body) in &member_bodies {
        let b = members::read(id, &body.to_string()).map_err(|e| fail(id, e))?;
        store::members::put(
            &mut w.tx,
            store::members::MemberWrite {
                id,
                name: &b.name,
                email: b.email.as_deref(),
                timezone: &b.timezone,
                config: &b.config,
                capacity_max: b.capacity_max,
                now,
            },
        )
        .await
        .map_err(|e| e.to_string())?;
    }
    for (id, body) in &page_bodies {
        let config = pages::read(&body.to_string()).map_err(|e| fail(id, e))?;
        let stored = serde_json::to_string(&config).map_err(|e| e.to_string())?;
        store::pages::put(&mut w.tx, id, &stored, &config.member_ids(), now)
            .await
            .map_err(|e| e.to_string())?;
    }
    let (ids, assignment) = inbox::read_team(&team.to_string()).map_err(|e| fail("support", e))?;
    store::pages::put_team(&mut w.tx, "support", &assignment, &ids, now)
        .await
        .map_err(|e| e.to_string())?;
    w.commit().await.map_err(|e| e.to_string())
}
