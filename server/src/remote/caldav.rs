//! CalDAV (RFC 4791) for a member's calendar: its events over a time range read with a
//! `calendar-query` REPORT (the multistatus parsed with quick-xml), and one booking's event
//! written (`PUT` with `If-None-Match: *` or `If-Match`), re-read (`HEAD` for its ETag) and
//! deleted. Basic auth; no URL or password ever appears in an error.

use quick_xml::{
    events::Event,
    name::{Namespace, ResolveResult},
    NsReader,
};
use reqwest::{header, Method, StatusCode};

use super::feed::read_capped;
use crate::egress::{failure, Http};
use crate::time::iso;

const DAV: &[u8] = b"DAV:";
const CALDAV: &[u8] = b"urn:ietf:params:xml:ns:caldav";

/// Where a collection is and who reads it.
pub struct Collection<'a> {
    pub url: &'a str,
    pub username: Option<&'a str>,
    pub password: Option<&'a str>,
}

impl Collection<'_> {
    fn request(
        &self,
        client: &Http,
        method: Method,
        url: &str,
    ) -> Result<reqwest::RequestBuilder, String> {
        let r = client.request(method, url)?;
        Ok(match self.username {
            Some(u) => r.basic_auth(u, self.password),
            None => r,
        })
    }

    /// The address of a booking's event: `{collection}/{booking id}.ics`.
    pub fn href_of(&self, booking: &str) -> String {
        format!("{}/{booking}.ics", self.url.trim_end_matches('/'))
    }
}

/// An iCalendar UTC date-time (`20260105T090000Z`).
fn utc(ms: i64) -> String {
    iso(ms)
        .chars()
        .filter(|c| *c != '-' && *c != ':')
        .take(15)
        .collect::<String>()
        + "Z"
}

/// The calendar objects with an event in `[from, to)`: `(href, calendar-data)`.
pub async fn events(
    client: &Http,
    c: &Collection<'_>,
    from: i64,
    to: i64,
) -> Result<Vec<(String, String)>, String> {
    let body = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter>
    <C:comp-filter name="VCALENDAR">
      <C:comp-filter name="VEVENT"><C:time-range start="{}" end="{}"/></C:comp-filter>
    </C:comp-filter>
  </C:filter>
</C:calendar-query>"#,
        utc(from),
        utc(to)
    );
    let response = c
        .request(
            client,
            Method::from_bytes(b"REPORT").expect("a method"),
            c.url,
        )?
        .header("depth", "1")
        .header(header::CONTENT_TYPE, "application/xml; charset=utf-8")
        .body(body)
        .send()
        .await
        .map_err(failure)?;
    let status = response.status();
    if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
        return Err(format!(
            "the server refused the user name and password ({})",
            status.as_u16()
        ));
    }
    if status != StatusCode::MULTI_STATUS {
        return Err(format!(
            "the server answered {} to the calendar-query REPORT",
            status.as_u16()
        ));
    }
    let text = read_capped(response).await?;
    multistatus(&text)
}

/// The `(href, calendar-data)` of each `response` of a multistatus that has calendar data.
pub fn multistatus(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut reader = NsReader::from_str(text);
    let mut out = Vec::new();
    let (mut href, mut data) = (String::new(), String::new());
    // Which element's text is being read: 1 href, 2 calendar-data.
    let mut inside = 0;
    loop {
        let event = reader
            .read_resolved_event()
            .map_err(|e| format!("the REPORT's answer is not XML: {e}"))?;
        let named = |ns: &ResolveResult, local: &[u8], want_ns: &[u8], want: &[u8]| {
            matches!(ns, ResolveResult::Bound(Namespace(n)) if *n == want_ns) && local == want
        };
        match event {
            (ns, Event::Start(e)) => {
                let local = e.local_name();
                if named(&ns, local.as_ref(), DAV, b"response") {
                    href.clear();
                    data.clear();
                } else if named(&ns, local.as_ref(), DAV, b"href") {
                    inside = 1;
                } else if named(&ns, local.as_ref(), CALDAV, b"calendar-data") {
                    inside = 2;
                }
            }
            (ns, Event::End(e)) => {
                let local = e.local_name();
                if named(&ns, local.as_ref(), DAV, b"response") && !data.trim().is_empty() {
                    out.push((href.trim().to_string(), std::mem::take(&mut data)));
                } else if named(&ns, local.as_ref(), DAV, b"href")
                    || named(&ns, local.as_ref(), CALDAV, b"calendar-data")
                {
                    inside = 0;
                }
            }
            (_, Event::Text(t)) => {
                let t = t
                    .unescape()
                    .map_err(|e| format!("the REPORT's answer is not XML: {e}"))?;
                match inside {
                    1 => href.push_str(&t),
                    2 => data.push_str(&t),
                    _ => {}
                }
            }
            (_, Event::CData(t)) => {
                let t = String::from_utf8_lossy(&t.into_inner()).into_owned();
                match inside {
                    1 => href.push_str(&t),
                    2 => data.push_str(&t),
                    _ => {}
                }
            }
            (_, Event::Eof) => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The UIDs of a calendar object's components (lines unfolded).
pub fn uids(ics: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in ics.split('\n') {
        let raw = raw.trim_end_matches('\r');
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => lines.push(raw.to_string()),
        }
    }
    lines
        .iter()
        .filter(|l| l.len() > 3 && l[..3].eq_ignore_ascii_case("UID"))
        .filter(|l| matches!(l.as_bytes()[3], b':' | b';'))
        .filter_map(|l| l.split_once(':').map(|(_, v)| v.trim().to_string()))
        .collect()
}

/// `ics` without the VEVENTs whose UID is one of `drop` (lines kept as they are).
pub fn without_events(ics: &str, drop: &[String]) -> String {
    let mut out = String::with_capacity(ics.len());
    let mut block: Option<String> = None;
    for line in ics.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\r', '\n']);
        match &mut block {
            None if bare.eq_ignore_ascii_case("BEGIN:VEVENT") => block = Some(line.to_string()),
            None => out.push_str(line),
            Some(b) => {
                b.push_str(line);
                if bare.eq_ignore_ascii_case("END:VEVENT") {
                    let b = block.take().expect("a block");
                    if !uids(&b).iter().any(|u| drop.contains(u)) {
                        out.push_str(&b);
                    }
                }
            }
        }
    }
    if let Some(b) = block {
        out.push_str(&b);
    }
    out
}

/// How a write ended.
pub enum Written {
    /// Done; the event's new ETag when the server gave one.
    Ok(Option<String>),
    /// `412 Precondition Failed`: the event is not as we knew it (or exists already).
    Precondition,
    /// `404`: there is no event at that address.
    Missing,
}

fn etag_of(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get(header::ETAG)
        .and_then(|v| v.to_str().ok())
        .map(String::from)
}

fn outcome(r: &reqwest::Response, what: &str) -> Result<Written, String> {
    match r.status() {
        s if s.is_success() => Ok(Written::Ok(etag_of(r))),
        StatusCode::PRECONDITION_FAILED => Ok(Written::Precondition),
        StatusCode::NOT_FOUND | StatusCode::GONE => Ok(Written::Missing),
        s => Err(format!("the server answered {} to {what}", s.as_u16())),
    }
}

/// Writes the event at `href`: new (`If-None-Match: *`) when `if_match` is `None`, else over the
/// version with that ETag.
pub async fn put(
    client: &Http,
    c: &Collection<'_>,
    href: &str,
    ics: &str,
    if_match: Option<&str>,
) -> Result<Written, String> {
    let mut r = c
        .request(client, Method::PUT, href)?
        .header(header::CONTENT_TYPE, "text/calendar; charset=utf-8")
        .body(ics.to_string());
    r = match if_match {
        None => r.header(header::IF_NONE_MATCH, "*"),
        Some(e) => r.header(header::IF_MATCH, e),
    };
    let response = r.send().await.map_err(failure)?;
    outcome(&response, "PUT")
}

/// Deletes the event at `href` if it still has `etag`.
pub async fn delete(
    client: &Http,
    c: &Collection<'_>,
    href: &str,
    etag: Option<&str>,
) -> Result<Written, String> {
    let mut r = c.request(client, Method::DELETE, href)?;
    if let Some(e) = etag {
        r = r.header(header::IF_MATCH, e);
    }
    let response = r.send().await.map_err(failure)?;
    outcome(&response, "DELETE")
}

/// The event's ETag as the server has it now (`HEAD`); `Missing` when it is gone.
pub async fn current(client: &Http, c: &Collection<'_>, href: &str) -> Result<Written, String> {
    let response = c
        .request(client, Method::HEAD, href)?
        .send()
        .await
        .map_err(failure)?;
    outcome(&response, "HEAD")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_multistatus_with_any_prefixes() {
        let text = r#"<?xml version="1.0"?>
<multistatus xmlns="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
 <response><href>/u/cal/a.ics</href><propstat><prop><getetag>"1"</getetag>
  <c:calendar-data>BEGIN:VCALENDAR&#13;
UID:a&amp;b
END:VCALENDAR</c:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>
 <response><href>/u/cal/</href><propstat><prop><getetag/></prop></propstat></response>
 <x:response xmlns:x="urn:other"><x:href>/no</x:href><c:calendar-data>X</c:calendar-data></x:response>
</multistatus>"#;
        let got = multistatus(text).unwrap();
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "/u/cal/a.ics");
        assert!(got[0].1.contains("UID:a&b"));
        assert!(multistatus("<a><b></a>").is_err());
    }

    #[test]
    fn finds_uids_in_folded_lines() {
        let ics =
            "BEGIN:VEVENT\r\nUID:abc\r\n de\r\nSUMMARY:UID:no\r\nuid;X=1:two\r\nEND:VEVENT\r\n";
        assert_eq!(uids(ics), vec!["abcde".to_string(), "two".to_string()]);
    }

    #[test]
    fn drops_only_the_events_named() {
        let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:keep\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:dr\r\n op\r\nEND:VEVENT\nBEGIN:VTODO\r\nUID:drop\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
        assert_eq!(
            without_events(ics, &["drop".to_string()]),
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:keep\r\nEND:VEVENT\r\nBEGIN:VTODO\r\nUID:drop\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
        );
        assert_eq!(without_events(ics, &[]), ics);
    }

    #[test]
    fn utc_basic_format() {
        assert_eq!(utc(0), "19700101T000000Z");
    }
}
