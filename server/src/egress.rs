//! What the server asks of other servers (fetched calendars, CalDAV writes, webhooks) goes only
//! to public addresses unless `BOOKABLE_ALLOW_PRIVATE_ADDRESSES` says otherwise: a member may set
//! a calendar's URL, and without this guard it could point the server at its own loopback, the
//! private network behind it or a cloud's metadata service (server-side request forgery) and
//! read the answers back through `calendarErrors`.
//!
//! The guard sits where the address is known: a host name is checked by the resolver the HTTP
//! client connects through (so the address checked is the address connected to, whatever the
//! name resolves to next time), an IP literal before the request is made, and each redirect
//! before it is followed.

use std::{
    net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr},
    sync::Arc,
    time::Duration,
};

use reqwest::{
    dns::{Addrs, Name, Resolve, Resolving},
    redirect, Method, RequestBuilder, Url,
};

/// Redirects followed at most.
const MAX_REDIRECTS: usize = 5;

/// An HTTP client that connects only where the settings allow.
#[derive(Clone)]
pub struct Http {
    client: reqwest::Client,
    allow_private: bool,
}

impl Http {
    /// A client with a whole-attempt `timeout`; `allow_private` lets it reach loopback, private,
    /// link-local and other non-public addresses.
    pub fn new(timeout: Duration, allow_private: bool) -> reqwest::Result<Http> {
        let mut builder = reqwest::Client::builder()
            .timeout(timeout)
            .user_agent(concat!("bookable-server/", env!("CARGO_PKG_VERSION")))
            .redirect(redirect::Policy::custom(move |attempt| {
                if attempt.previous().len() >= MAX_REDIRECTS {
                    return attempt.error(Refused(format!("more than {MAX_REDIRECTS} redirects")));
                }
                match check(attempt.url(), allow_private) {
                    Ok(()) => attempt.follow(),
                    Err(e) => attempt.error(e),
                }
            }));
        if !allow_private {
            builder = builder.dns_resolver(Arc::new(PublicOnly));
        }
        Ok(Http {
            client: builder.build()?,
            allow_private,
        })
    }

    /// A request to `url`, refused when it is not a valid http(s) URL or names an address the
    /// client may not reach.
    pub fn request(&self, method: Method, url: &str) -> Result<RequestBuilder, String> {
        let parsed = Url::parse(url).map_err(|_| "the URL is not valid".to_string())?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err("the URL is not http or https".into());
        }
        check(&parsed, self.allow_private).map_err(|e| e.0)?;
        Ok(self.client.request(method, parsed))
    }
}

/// Why an address was refused.
#[derive(Debug)]
struct Refused(String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

fn refused(ip: IpAddr) -> Refused {
    Refused(format!(
        "{ip} is not a public address (BOOKABLE_ALLOW_PRIVATE_ADDRESSES=true allows it)"
    ))
}

/// An IP literal in `url` must be public unless private ones are allowed; a name is left to
/// the resolver.
fn check(url: &Url, allow_private: bool) -> Result<(), Refused> {
    if allow_private {
        return Ok(());
    }
    let host = url.host_str().unwrap_or_default();
    let Ok(ip) = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
    else {
        return Ok(());
    };
    if is_public(ip) {
        Ok(())
    } else {
        Err(refused(ip))
    }
}

/// The system's resolver, keeping only public addresses; a name with none left is refused.
struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let host = name.as_str().to_string();
            let all: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let public: Vec<SocketAddr> =
                all.iter().copied().filter(|a| is_public(a.ip())).collect();
            if public.is_empty() {
                return Err(match all.first() {
                    Some(a) => {
                        Box::new(refused(a.ip())) as Box<dyn std::error::Error + Send + Sync>
                    }
                    None => format!("{host} has no address").into(),
                });
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

/// Whether `ip` is on the public internet: not loopback, private (RFC 1918, RFC 4193), shared
/// (RFC 6598), link-local, unspecified, broadcast, multicast, documentation or benchmarking
/// space, nor an IPv4 one of these written as IPv6.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space, RFC 6598
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking, RFC 2544
        || a >= 240) // reserved
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local, RFC 4193
        || (first & 0xffc0) == 0xfe80 // link-local
        || first == 0x2001 && ip.segments()[1] == 0x0db8 // documentation
        || ip.segments()[..6] == [0, 0, 0, 0, 0, 0]) // IPv4-compatible, deprecated
}

/// The text of a failed request, for `calendarErrors` and the deliveries list: never the URL
/// (it may hold a password).
pub fn failure(e: reqwest::Error) -> String {
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        if let Some(r) = s.downcast_ref::<Refused>() {
            return r.0.clone();
        }
        source = s.source();
    }
    if e.is_timeout() {
        "no answer within 10 s".to_string()
    } else if e.is_connect() {
        "the server cannot be reached".to_string()
    } else {
        e.without_url().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_and_not() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "198.18.0.1",
            "192.0.0.8",
            "240.0.0.1",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "2001:db8::1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in [
            "1.1.1.1",
            "93.184.216.34",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn literals_are_checked_before_the_request() {
        let http = Http::new(Duration::from_secs(1), false).unwrap();
        for url in [
            "http://127.0.0.1:8080/x.ics",
            "http://[::1]/x",
            "http://169.254.169.254/latest/meta-data/",
            "http://0x7f000001/",
            "http://2130706433/",
        ] {
            let e = http.request(Method::GET, url).unwrap_err();
            assert!(e.contains("not a public address"), "{url}: {e}");
        }
        assert!(http.request(Method::GET, "ftp://example.com/").is_err());
        assert!(http
            .request(Method::GET, "http://example.com/x.ics")
            .is_ok());
        let open = Http::new(Duration::from_secs(1), true).unwrap();
        assert!(open.request(Method::GET, "http://127.0.0.1:8080/").is_ok());
    }

    #[tokio::test]
    async fn a_name_of_a_private_address_is_refused_when_connecting() {
        let http = Http::new(Duration::from_secs(2), false).unwrap();
        let e = http
            .request(Method::GET, "http://localhost:9/")
            .unwrap()
            .send()
            .await
            .unwrap_err();
        let text = failure(e);
        assert!(text.contains("is not a public address"), "{text}");
    }
}
