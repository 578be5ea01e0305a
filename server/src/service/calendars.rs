//! Fetched calendars in a member's `calendars` (SPEC §12): `{icsUrl}` and `{caldav: {url,
//! username?, password?, write?}}` read from a member's body, their stored copies put in their
//! place before the engine reads the member, the failures as `calendarErrors`, the password
//! kept out of every answer, and the CalDAV writes a booking change queues.

use serde_json::{json, Map, Value};

use crate::{
    error::{ApiError, ApiResult},
    secret,
    store::{self, calendars::CopyRow, MemberRow},
    time::{iso, DAY},
};

/// A source the server reads itself (the engine reads only §10's sources).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Remote {
    /// An iCalendar feed over HTTP(S).
    Feed { url: String },
    /// A CalDAV collection (RFC 4791).
    CalDav {
        url: String,
        username: Option<String>,
        password: Option<String>,
        write: bool,
    },
}

impl Remote {
    /// The copy's key: kind, URL and user name (a new password keeps the copy).
    pub fn key(&self) -> String {
        match self {
            Remote::Feed { url } => secret::hash(&format!("icsUrl\0{url}")),
            Remote::CalDav { url, username, .. } => secret::hash(&format!(
                "caldav\0{url}\0{}",
                username.as_deref().unwrap_or_default()
            )),
        }
    }

    pub fn url(&self) -> &str {
        match self {
            Remote::Feed { url } | Remote::CalDav { url, .. } => url,
        }
    }
}

/// A URL as it may be shown: without user name or password.
pub fn shown_url(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            let host = &rest[..end];
            let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
            format!("{scheme}://{host}{}", &rest[end..])
        }
        None => url.to_string(),
    }
}

fn read_url(v: Option<&Value>, path: &str) -> ApiResult<String> {
    let url = v
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::invalid(path, "expected an http:// or https:// URL"))?;
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() <= 2000
        && reqwest::Url::parse(url).is_ok_and(|u| u.host_str().is_some());
    if !ok {
        return Err(ApiError::invalid(
            path,
            "expected an http:// or https:// URL of at most 2000 characters",
        ));
    }
    Ok(url.to_string())
}

fn read_option(map: &Map<String, Value>, path: &str, key: &str) -> ApiResult<()> {
    match map.get(key) {
        None => Ok(()),
        Some(Value::String(s)) if s == "busy" || s == "free" => Ok(()),
        Some(_) => Err(ApiError::invalid(
            format!("{path}.{key}"),
            "expected \"busy\" or \"free\"",
        )),
    }
}

/// Reads one source; `None` for §10's own (the engine reads those).
pub fn read_source(source: &Value, path: &str) -> ApiResult<Option<Remote>> {
    let Some(map) = source.as_object() else {
        return Ok(None);
    };
    if map.contains_key("icsUrl") {
        super::body::object(source, path, &["icsUrl", "allDay", "tentative"])?;
        read_option(map, path, "allDay")?;
        read_option(map, path, "tentative")?;
        let url = read_url(map.get("icsUrl"), &format!("{path}.icsUrl"))?;
        return Ok(Some(Remote::Feed { url }));
    }
    if let Some(dav) = map.get("caldav") {
        super::body::object(source, path, &["caldav", "allDay", "tentative"])?;
        read_option(map, path, "allDay")?;
        read_option(map, path, "tentative")?;
        let p = format!("{path}.caldav");
        let d = super::body::object(dav, &p, &["url", "username", "password", "write"])?;
        let url = read_url(d.get("url"), &format!("{p}.url"))?;
        let username = super::body::text(
            d.get("username"),
            &format!("{p}.username"),
            false,
            200,
            false,
        )?;
        let password = match d.get("password") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.len() <= 1000 => Some(s.clone()),
            Some(_) => {
                return Err(ApiError::invalid(
                    format!("{p}.password"),
                    "expected a text of at most 1000 characters",
                ))
            }
        };
        let write = super::body::boolean(d.get("write"), &format!("{p}.write"))?.unwrap_or(false);
        return Ok(Some(Remote::CalDav {
            url,
            username,
            password,
            write,
        }));
    }
    Ok(None)
}

/// A stored member's fetched sources, in order, with their index in `calendars`.
pub fn remotes(config: &Value) -> Vec<(usize, Remote)> {
    config
        .get("calendars")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .enumerate()
                .filter_map(|(i, s)| read_source(s, "calendars").ok().flatten().map(|r| (i, r)))
                .collect()
        })
        .unwrap_or_default()
}

/// The keys of a stored member's fetched sources.
pub fn keys(config: &str) -> Vec<String> {
    let config: Value = serde_json::from_str(config).unwrap_or_default();
    let mut keys: Vec<String> = remotes(&config).iter().map(|(_, r)| r.key()).collect();
    keys.dedup();
    keys
}

/// The member's stored fields as answered: a CalDAV password is never shown.
/// A feed URL's password (`https://user:password@host/…`) is not shown either.
pub fn hide_secrets(config: &mut Map<String, Value>) {
    if let Some(Value::Array(list)) = config.get_mut("calendars") {
        for s in list {
            if let Some(Value::Object(dav)) = s.get_mut("caldav") {
                dav.remove("password");
            }
            if let Some(Value::String(url)) = s.get_mut("icsUrl") {
                if let Ok(mut u) = reqwest::Url::parse(url) {
                    if u.password().is_some() && u.set_password(None).is_ok() {
                        *url = u.to_string();
                    }
                }
            }
        }
    }
}

/// Puts each member's last good copies in place of its fetched sources: their busy time (read
/// by the engine when fetched, in `remote`) joins the member's `busy`. A member with a source
/// never read is not offered: it gets time off over every time a request can reach (it might be
/// busy then), so a collective page offers nothing and a round robin assigns the others.
pub async fn resolve(
    conn: &mut sqlx::AnyConnection,
    members: &mut [MemberRow],
    now: i64,
) -> ApiResult<()> {
    let with: Vec<String> = members
        .iter()
        .filter(|m| m.config.contains("\"icsUrl\"") || m.config.contains("\"caldav\""))
        .map(|m| m.id.clone())
        .collect();
    if with.is_empty() {
        return Ok(());
    }
    let copies = store::calendars::of_members(conn, &with).await?;
    for m in members.iter_mut().filter(|m| with.contains(&m.id)) {
        let Ok(Value::Object(mut config)) = serde_json::from_str::<Value>(&m.config) else {
            continue;
        };
        let list: Vec<Value> = match config.remove("calendars") {
            Some(Value::Array(l)) => l,
            _ => Vec::new(),
        };
        let mut never_read = false;
        let mut sources = Vec::new();
        let mut busy = Vec::new();
        for s in list {
            match read_source(&s, "calendars").ok().flatten() {
                None => sources.push(s),
                Some(remote) => {
                    let key = remote.key();
                    let body = copies
                        .iter()
                        .find(|c| c.member == m.id && c.source == key)
                        .and_then(|c| c.body.as_deref());
                    match body.map(serde_json::from_str::<Vec<Value>>) {
                        Some(Ok(items)) => busy.extend(items),
                        _ => never_read = true,
                    }
                }
            }
        }
        if !sources.is_empty() {
            config.insert("calendars".into(), Value::Array(sources));
        }
        if !busy.is_empty() {
            if let Value::Array(own) = config
                .entry("busy")
                .or_insert_with(|| Value::Array(Vec::new()))
            {
                own.extend(busy);
            }
        }
        if never_read {
            let off = config
                .entry("timeOff")
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(off) = off {
                off.push(json!({ "start": iso(now - 400 * DAY), "end": iso(now + 3000 * DAY) }));
            }
        }
        m.config = Value::Object(config).to_string();
    }
    Ok(())
}

/// `calendarErrors` of a member's answer: `[{source, url, error, at, lastReadAt?, neverRead?}]`,
/// one per fetched source whose last attempt failed (`source` is its index in `calendars`; the
/// URL without user name or password; `lastReadAt` when the last good copy was current, which
/// the member's slots still follow; `neverRead: true` when there is none, and the member is not
/// offered), and `{source, url, error: "not read yet", neverRead: true}` before the first read.
pub fn errors(config: &str, copies: &[CopyRow]) -> Value {
    let config: Value = serde_json::from_str(config).unwrap_or_default();
    let list: Vec<Value> = remotes(&config)
        .into_iter()
        .filter_map(|(i, r)| {
            let key = r.key();
            let copy = copies.iter().find(|c| c.source == key);
            let url = shown_url(r.url());
            match copy {
                Some(CopyRow {
                    error: Some(e),
                    error_at,
                    body,
                    fetched_at,
                    ..
                }) => {
                    let mut v = json!({ "source": i, "url": url, "error": e });
                    if let Some(at) = error_at {
                        v["at"] = json!(iso(*at));
                    }
                    match (body, fetched_at) {
                        (None, _) => v["neverRead"] = json!(true),
                        (Some(_), Some(read)) => v["lastReadAt"] = json!(iso(*read)),
                        (Some(_), None) => {}
                    }
                    Some(v)
                }
                Some(CopyRow { body: Some(_), .. }) => None,
                _ => Some(
                    json!({ "source": i, "url": url, "error": "not read yet", "neverRead": true }),
                ),
            }
        })
        .collect();
    Value::Array(list)
}

/// The members whose CalDAV calendar a change of `booking` writes: each host (now or before)
/// with a `caldav` source with `write: true`. One delivery each, kind `calendar`, target the
/// member: the sender makes the calendar match the booking as it is when it runs.
pub async fn enqueue_writes(
    conn: &mut sqlx::AnyConnection,
    booking: &store::BookingRow,
    previous: Option<&store::BookingRow>,
    event_type: &str,
    now: i64,
) -> ApiResult<usize> {
    let mut hosts = booking.hosts.clone();
    for h in previous.map(|p| p.hosts.as_slice()).unwrap_or_default() {
        if !hosts.contains(h) {
            hosts.push(h.clone());
        }
    }
    let members = store::members::many(&mut *conn, &hosts).await?;
    let mut queued = 0;
    for m in members.iter().filter(|m| m.config.contains("\"caldav\"")) {
        let config: Value = serde_json::from_str(&m.config).unwrap_or_default();
        let writes = remotes(&config)
            .iter()
            .any(|(_, r)| matches!(r, Remote::CalDav { write: true, .. }));
        if !writes {
            continue;
        }
        let id = secret::new_id();
        let payload = json!({ "booking": booking.id, "member": m.id }).to_string();
        store::deliveries::enqueue(
            &mut *conn,
            store::deliveries::NewDelivery {
                id: &id,
                kind: "calendar",
                target: &m.id,
                event: &id,
                event_type,
                booking: &booking.id,
                payload: &payload,
                now,
                next_at: now,
            },
        )
        .await?;
        queued += 1;
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_shown_without_user_or_password() {
        assert_eq!(
            shown_url("https://u:p%40ss@cal.example.com:8443/a/b.ics?x=1"),
            "https://cal.example.com:8443/a/b.ics?x=1"
        );
        assert_eq!(
            shown_url("http://host/path@x"),
            "http://host/path@x",
            "an @ in the path is not userinfo"
        );
    }

    #[test]
    fn answers_carry_no_password() {
        let mut config = json!({ "calendars": [
            { "caldav": { "url": "https://c.example/u/", "username": "u", "password": "s3cret" } },
            { "icsUrl": "https://u:s3cret@feeds.example/a.ics" },
            { "ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" },
        ] });
        hide_secrets(config.as_object_mut().unwrap());
        assert!(!config.to_string().contains("s3cret"), "{config}");
        assert_eq!(config["calendars"][0]["caldav"]["username"], "u");
        assert_eq!(
            config["calendars"][1]["icsUrl"],
            "https://u@feeds.example/a.ics"
        );
    }

    #[test]
    fn a_new_password_keeps_the_copy_a_new_user_does_not() {
        let read = |v: Value| read_source(&v, "calendars[0]").unwrap().unwrap();
        let a = read(
            json!({ "caldav": { "url": "https://c.example/u/", "username": "u", "password": "1" } }),
        );
        let b = read(
            json!({ "caldav": { "url": "https://c.example/u/", "username": "u", "password": "2" } }),
        );
        let c = read(json!({ "caldav": { "url": "https://c.example/u/", "username": "v" } }));
        assert_eq!(a.key(), b.key());
        assert_ne!(a.key(), c.key());
        assert_ne!(
            read(json!({ "icsUrl": "https://c.example/u/" })).key(),
            read(json!({ "caldav": { "url": "https://c.example/u/" } })).key()
        );
    }
}
