//! Fetched calendars (SPEC §12): a task that keeps each member's `icsUrl` and `caldav` copy at
//! most `BOOKABLE_CALENDAR_REFRESH_SECONDS` old. Each copy is due again half that time after it
//! was read (so a fetch of up to 10 s still lands before the copy is too old), taken with a
//! lease (a conditional update: with several processes one of them fetches it), fetched in the
//! background, and stored: a changed copy in a write (it bumps the generation, so cached public
//! answers are made again), an unchanged one or a failure quietly. A failure keeps the last good
//! copy and is shown as the member's `calendarErrors`.

pub mod caldav;
mod feed;

use std::{sync::Arc, time::Duration};

use serde_json::{json, Value};

use crate::{
    service::{
        calendars::{self, Remote},
        App,
    },
    store::{self, lock_key},
    time::{now_ms, DAY, MINUTE},
};

/// How long a process holds a source it took: a fetch lasts at most 10 s, and storing it a
/// little more; a process that dies mid-fetch holds it no longer than this.
const LEASE_MS: i64 = 20_000;
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(10);
/// How far a calendar is read into busy time: from 2 days back to 730 days ahead (a public
/// horizon reaches 366 days; a page's `from` asks further), as two of the engine's ranges of
/// at most 366 days.
const BEHIND: i64 = 2 * DAY;
const AHEAD: i64 = 730 * DAY;
const SPLIT: i64 = 364 * DAY;

pub fn spawn(app: Arc<App>, refresh: Duration, allow_private: bool) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let client = match crate::egress::Http::new(FETCH_TIMEOUT, allow_private) {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "no HTTP client: fetched calendars are not read");
                return;
            }
        };
        let refresh_ms = refresh.as_millis() as i64;
        let tick = (refresh / 4).clamp(Duration::from_millis(100), Duration::from_secs(1));
        loop {
            tokio::select! {
                _ = app.calendars.notified() => {}
                _ = tokio::time::sleep(tick) => {}
            }
            let now = now_ms();
            let taken = async {
                let mut q = app.db.quiet().await?;
                let due = store::calendars::due(&mut q.conn, now, 64).await?;
                let mut taken = Vec::new();
                for (member, source) in due {
                    if store::calendars::claim(&mut q.conn, &member, &source, now, now + LEASE_MS)
                        .await?
                    {
                        taken.push((member, source));
                    }
                }
                Ok::<_, sqlx::Error>(taken)
            }
            .await;
            match taken {
                Ok(taken) => {
                    for (member, source) in taken {
                        let (app, client) = (app.clone(), client.clone());
                        tokio::spawn(async move {
                            refresh_one(&app, &client, &member, &source, refresh_ms).await
                        });
                    }
                }
                Err(e) => tracing::warn!(error = %e, "fetched calendars cannot be read"),
            }
        }
    })
}

/// What one fetch of a source brought.
enum Read {
    New {
        body: String,
        etag: Option<String>,
        last_modified: Option<String>,
    },
    Same,
}

async fn refresh_one(
    app: &App,
    client: &crate::egress::Http,
    member: &str,
    source: &str,
    refresh_ms: i64,
) {
    let found = async {
        let mut conn = app.db.pool().acquire().await?;
        let m = store::members::get(&mut conn, member).await?;
        let copy = store::calendars::get(&mut conn, member, source).await?;
        Ok::<_, sqlx::Error>((m, copy))
    }
    .await;
    let (Some(m), Some(copy)) = (match found {
        Ok(f) => f,
        Err(e) => {
            tracing::warn!(error = %e, "a fetched calendar's member cannot be read");
            return;
        }
    }) else {
        return;
    };
    let config: Value = serde_json::from_str(&m.config).unwrap_or_default();
    let Some(remote) = calendars::remotes(&config)
        .into_iter()
        .map(|(_, r)| r)
        .find(|r| r.key() == source)
    else {
        return;
    };
    let started = now_ms();
    let options = config["calendars"]
        .as_array()
        .and_then(|l| {
            l.iter()
                .find(|s| calendars::read_source(s, "").ok().flatten().as_ref() == Some(&remote))
        })
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let read = match &remote {
        Remote::Feed { url } => {
            // The busy time kept is the text's over a window that moves with the clock: once
            // a day the text is read whole again, whatever the validators say.
            let fresh = copy.window_from.is_some_and(|w| w + DAY > started - BEHIND);
            let (etag, modified) = match fresh {
                true => (copy.etag.as_deref(), copy.last_modified.as_deref()),
                false => (None, None),
            };
            match feed::fetch(client, url, etag, modified).await {
                Ok(feed::Got::NotModified) => Ok(Read::Same),
                Ok(feed::Got::New {
                    body,
                    etag,
                    last_modified,
                }) => match ours(app, &caldav::uids(&body)).await {
                    // A feed of a calendar the server writes into holds its bookings too.
                    Ok(ours) => {
                        let body = if ours.is_empty() {
                            body
                        } else {
                            caldav::without_events(&body, &ours)
                        };
                        busy(&body, &options, &m.timezone, started).map(|items| Read::New {
                            body: json!(items).to_string(),
                            etag,
                            last_modified,
                        })
                    }
                    Err(e) => Err(e),
                },
                Err(e) => Err(e),
            }
        }
        Remote::CalDav {
            url,
            username,
            password,
            ..
        } => {
            let c = caldav::Collection {
                url,
                username: username.as_deref(),
                password: password.as_deref(),
            };
            match caldav::events(client, &c, started - BEHIND, started + AHEAD).await {
                Ok(objects) => own_events_left_out(app, objects, &options, &m.timezone, started)
                    .await
                    .map(|items| Read::New {
                        body: json!(items).to_string(),
                        etag: None,
                        last_modified: None,
                    }),
                Err(e) => Err(e),
            }
        }
    };
    let now = now_ms();
    let next = now + (refresh_ms / 2).max(1);
    let shown = calendars::shown_url(remote.url());
    let stored = async {
        match read {
            Ok(Read::New {
                body,
                etag,
                last_modified,
            }) if copy.body.as_deref() != Some(body.as_str()) => {
                // A changed copy changes what pages offer: a write, so cached answers go.
                let mut w = app.db.write(vec![lock_key("member", member)]).await?;
                store::calendars::store_copy(
                    &mut w.tx,
                    member,
                    source,
                    store::calendars::Fetched {
                        body: &body,
                        etag: etag.as_deref(),
                        last_modified: last_modified.as_deref(),
                        window_from: started - BEHIND,
                        now,
                        next_at: next,
                    },
                )
                .await?;
                w.commit().await?;
                tracing::info!(member, url = %shown, bytes = body.len(), ms = now - started, "calendar read");
            }
            Ok(read) => {
                // The same busy time again: its window moved (a 304 leaves it where it was).
                let window = matches!(read, Read::New { .. }).then_some(started - BEHIND);
                let mut q = app.db.quiet().await?;
                store::calendars::still_current(&mut q.conn, member, source, now, next, window)
                    .await?;
            }
            Err(why) => {
                tracing::warn!(member, url = %shown, error = %why, "a calendar was not read; its last good copy stays");
                let mut q = app.db.quiet().await?;
                // A failed source is tried again sooner than a good one is refreshed.
                let again = now + (refresh_ms / 4).clamp(1, MINUTE);
                store::calendars::failed(&mut q.conn, member, source, &why, now, again).await?;
            }
        }
        Ok::<_, sqlx::Error>(())
    }
    .await;
    if let Err(e) = stored {
        tracing::warn!(error = %e, member, "a fetched calendar was not stored; it is read again after its lease");
    }
}

/// Which of `uids` are ids of this server's bookings (their events are the bookings' own time,
/// counted already: never busy time again).
async fn ours(app: &App, uids: &[String]) -> Result<Vec<String>, String> {
    // Only a UID shaped like our ids (`secret::new_id`: 22 URL-safe characters) is looked up.
    let uids: Vec<String> = uids
        .iter()
        .filter(|u| {
            u.len() == 22
                && u.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .cloned()
        .collect();
    if uids.is_empty() {
        return Ok(Vec::new());
    }
    let mut conn = app
        .db
        .pool()
        .acquire()
        .await
        .map_err(|e| format!("the database: {e}"))?;
    let mut ours = Vec::new();
    for chunk in uids.chunks(500) {
        ours.extend(
            store::calendars::known_bookings(&mut conn, chunk)
                .await
                .map_err(|e| format!("the database: {e}"))?,
        );
    }
    Ok(ours)
}

/// The busy time of an iCalendar text as the engine reads §10 (with the source's `allDay` and
/// `tentative`, floating times in the member's zone) over `[now − 2 days, now + 730 days)`:
/// its intervals. A text that is not iCalendar is refused.
fn spans(
    ics: &str,
    options: &serde_json::Map<String, Value>,
    zone: &str,
    now: i64,
) -> Result<Vec<Span>, String> {
    let mut source = json!({ "ics": ics });
    for k in ["allDay", "tentative"] {
        if let Some(v) = options.get(k) {
            source[k] = v.clone();
        }
    }
    let (from, to) = (now - BEHIND, now + AHEAD);
    let mut spans: Vec<Span> = Vec::new();
    for (start, end) in [(from, now + SPLIT), (now + SPLIT, to)] {
        let request = json!({
            "source": source,
            "range": { "start": crate::time::iso(start), "end": crate::time::iso(end) },
            "timezone": zone,
        });
        let answer = bookable::busy_from_json(&request.to_string())
            .map_err(|e| format!("not an iCalendar file: {}", e.message))?;
        spans.extend(answer.busy.iter().map(|b| (b.start, b.end)));
    }
    Ok(spans)
}

type Span = (bookable::Instant, bookable::Instant);

/// Intervals sorted and merged (the two ranges share the instances that cross their boundary),
/// as `{start, end}` busy items.
fn items(mut spans: Vec<Span>) -> Vec<Value> {
    spans.sort();
    let mut merged: Vec<(bookable::Instant, bookable::Instant)> = Vec::new();
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
        .into_iter()
        .map(|(s, e)| json!({ "start": s.to_string(), "end": e.to_string() }))
        .collect()
}

/// The busy items of a feed's text.
fn busy(
    ics: &str,
    options: &serde_json::Map<String, Value>,
    zone: &str,
    now: i64,
) -> Result<Vec<Value>, String> {
    spans(ics, options, zone, now).map(items)
}

/// The calendar objects read from a CalDAV collection, without the events this server wrote
/// (their UID is one of its bookings' ids: that time is counted as the booking already) and
/// without objects the engine cannot read (logged).
async fn own_events_left_out(
    app: &App,
    objects: Vec<(String, String)>,
    options: &serde_json::Map<String, Value>,
    zone: &str,
    now: i64,
) -> Result<Vec<Value>, String> {
    let uids: Vec<String> = objects.iter().flat_map(|(_, t)| caldav::uids(t)).collect();
    let ours = ours(app, &uids).await?;
    let mut all = Vec::new();
    for (href, text) in objects {
        if caldav::uids(&text).iter().any(|u| ours.contains(u)) {
            continue;
        }
        match spans(&text, options, zone, now) {
            Ok(s) => all.extend(s),
            Err(why) => tracing::warn!(href = %href, error = %why, "a CalDAV object is left out"),
        }
    }
    Ok(items(all))
}
