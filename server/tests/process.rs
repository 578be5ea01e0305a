//! Running it: settings refused with their name, an unreachable database, a second process on
//! one SQLite file, the owner's token printed once, slow and idle clients, graceful shutdown,
//! and the demo.

mod common;

use std::{
    io::{Read, Write},
    net::TcpStream,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use common::*;
use serde_json::json;

fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bookable-server"));
    cmd.args(args)
        .env_remove("BOOKABLE_ADMIN_TOKEN")
        .stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

/// (arguments, environment, what the message names)
type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);

#[test]
fn bad_settings_are_refused_with_their_name_and_exit_2() {
    let db = Database::sqlite().url();
    let cases: [Case; 6] = [
        (&["--listen", "nowhere", "--database", &db], &[], "--listen"),
        (
            &["--database", "mysql://u:secretpw@h/db"],
            &[],
            "--database",
        ),
        (
            &["--database", &db],
            &[("BOOKABLE_BOOKINGS_PER_MINUTE", "many")],
            "bookings-per-minute",
        ),
        (
            &["--database", &db],
            &[("BOOKABLE_ADMIN_TOKEN", "short")],
            "BOOKABLE_ADMIN_TOKEN",
        ),
        (
            &["--database", &db],
            &[("BOOKABLE_PUBLIC_URL", "ftp://x")],
            "BOOKABLE_PUBLIC_URL",
        ),
        (
            &["--database", &db, "--no-such-option"],
            &[],
            "--no-such-option",
        ),
    ];
    for (args, env, named) in cases {
        let (code, text) = run(args, env);
        assert_eq!(code, 2, "{args:?} {env:?}: {text}");
        assert!(
            text.contains(named),
            "{args:?}: the message names {named}: {text}"
        );
        assert!(
            !text.contains("panicked") && !text.contains("secretpw"),
            "{text}"
        );
    }
    let (code, text) = run(&["--help"], &[]);
    assert_eq!(code, 0);
    for v in [
        "BOOKABLE_LISTEN",
        "BOOKABLE_DATABASE_URL",
        "BOOKABLE_PUBLIC_URL",
        "BOOKABLE_SMTP_URL",
        "BOOKABLE_MAIL_FROM",
        "BOOKABLE_CALENDAR_REFRESH_SECONDS",
        "BOOKABLE_RETRY_SECONDS",
        "BOOKABLE_BOOKINGS_PER_MINUTE",
        "BOOKABLE_ADMIN_TOKEN",
    ] {
        assert!(text.contains(v), "--help names {v}");
    }
}

#[test]
fn an_unreachable_database_is_a_clear_error() {
    let t0 = Instant::now();
    let (code, text) = run(
        &[
            "--listen",
            "127.0.0.1:0",
            "--database",
            "postgres://u:secretpw@127.0.0.1:1/db",
        ],
        &[],
    );
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("cannot reach the PostgreSQL database"),
        "{text}"
    );
    assert!(
        !text.contains("panicked") && !text.contains("secretpw"),
        "{text}"
    );
    assert!(t0.elapsed() < Duration::from_secs(30));
    let (code, text) = run(
        &[
            "--listen",
            "127.0.0.1:0",
            "--database",
            "sqlite:/no/such/dir/x.sqlite3",
        ],
        &[],
    );
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("cannot open the SQLite database"), "{text}");
}

#[test]
fn a_second_process_on_one_sqlite_file_is_refused() {
    let db = Database::sqlite();
    let _first = Server::start(&db);
    let (code, text) = run(
        &["--listen", "127.0.0.1:0", "--database", &db.url()],
        &[("BOOKABLE_ADMIN_TOKEN", OWNER)],
    );
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("another bookable-server process uses the SQLite database"),
        "{text}"
    );
}

/// Starts the server on `db` without `BOOKABLE_ADMIN_TOKEN`: the child, what it printed up to
/// "listening on", and a client of the address it printed.
fn start_without_token(db: &Database) -> (std::process::Child, String, Client) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bookable-server"))
        .args(["--listen", "127.0.0.1:0", "--database", &db.url()])
        .env_remove("BOOKABLE_ADMIN_TOKEN")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = String::new();
    let mut stdout = child.stdout.take().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut buf = [0u8; 4096];
    while !out.contains("listening on") {
        assert!(Instant::now() < deadline, "no address printed: {out}");
        let n = stdout.read(&mut buf).unwrap();
        assert!(n > 0, "the server stopped: {out}");
        out.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    // Whatever it logs later is read and dropped (a closed pipe would fail its writes).
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let url = out
        .split("listening on ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .expect(&out)
        .trim_end_matches('/')
        .to_string();
    let client = Client {
        http: reqwest::Client::new(),
        base: url,
    };
    (child, out, client)
}

#[tokio::test]
async fn the_owners_token_is_made_once_and_kept_hashed() {
    let db = Database::sqlite();
    let (mut child, out, client) = start_without_token(&db);
    let token = out
        .split("kept): ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .expect(&out)
        .to_string();
    assert_eq!(
        client.get("/api/admin/members", Some(&token)).await.status,
        200
    );
    assert_eq!(
        client
            .get("/api/admin/members", Some("bk_wrong"))
            .await
            .status,
        401
    );
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!std::fs::read(match &db {
        Database::Sqlite(p) => p,
        _ => unreachable!(),
    })
    .unwrap()
    .windows(token.len())
    .any(|w| w == token.as_bytes()));
    // A restart keeps it and prints nothing new.
    let (mut again, out, client) = start_without_token(&db);
    assert!(!out.contains("shown once"), "{out}");
    assert_eq!(
        client.get("/api/admin/members", Some(&token)).await.status,
        200
    );
    again.kill().unwrap();
    again.wait().unwrap();
}

fn address(s: &Server) -> String {
    s.url.trim_start_matches("http://").to_string()
}

#[test]
fn idle_and_slow_clients_are_closed() {
    let options = Options {
        env: vec![("BOOKABLE_CLIENT_TIMEOUT_SECONDS".into(), "1".into())],
        ..Default::default()
    };
    let s = Server::start_with(&Database::sqlite(), options);
    // Idle: connects and says nothing.
    let mut idle = TcpStream::connect(address(&s)).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let t0 = Instant::now();
    let mut buf = [0u8; 64];
    let n = idle.read(&mut buf).unwrap_or(0);
    assert!(
        n == 0 || String::from_utf8_lossy(&buf[..n]).contains("408"),
        "closed, not answered"
    );
    assert!(
        t0.elapsed() < Duration::from_secs(5),
        "closed after the timeout, not held: {:?}",
        t0.elapsed()
    );
    // Slow: half a header, then nothing.
    let mut slow = TcpStream::connect(address(&s)).unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let t0 = Instant::now();
    let _ = slow.read(&mut buf);
    assert!(t0.elapsed() < Duration::from_secs(5));
    // Kept alive between requests, then closed when idle.
    let mut kept = TcpStream::connect(address(&s)).unwrap();
    kept.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let n = kept.read(&mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    let t0 = Instant::now();
    let mut rest = Vec::new();
    let _ = kept.read_to_end(&mut rest);
    assert!(
        t0.elapsed() < Duration::from_secs(5),
        "an idle keep-alive connection is closed: {:?}",
        t0.elapsed()
    );
}

#[test]
fn shutdown_finishes_the_requests_in_flight() {
    let mut s = Server::start(&Database::sqlite());
    let body = json!({ "start": "2030-01-01T10:00:00Z", "attendee": { "name": "V", "email": "v@example.com" } }).to_string();
    let mut conn = TcpStream::connect(address(&s)).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let head = format!(
        "POST /api/pages/none/bookings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    conn.write_all(head.as_bytes()).unwrap();
    conn.write_all(&body.as_bytes()[..10]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let pid = s.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    std::thread::sleep(Duration::from_millis(500));
    conn.write_all(&body.as_bytes()[10..]).unwrap();
    let mut answer = String::new();
    let _ = conn.read_to_string(&mut answer);
    assert!(
        answer.starts_with("HTTP/1.1 404"),
        "the request in flight was answered: {answer:?}"
    );
    assert!(answer.contains("not_found"));
    let status = s.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    // New connections are refused once it stopped.
    assert!(TcpStream::connect(address(&s)).is_err());
    s.kill();
}

#[tokio::test]
async fn the_demo_serves_a_bookable_page() {
    let s = Server::start_with(
        &Database::sqlite(),
        Options {
            demo: true,
            ..Default::default()
        },
    );
    assert!(s
        .output
        .lock()
        .unwrap()
        .iter()
        .any(|l| l.starts_with("bookable demo: http://")));
    let c = s.client();
    for page in ["single", "team"] {
        assert!(!offered(&c, page).await.is_empty(), "{page} offers slots");
        let html = c
            .http
            .get(format!("{}/p/{page}", c.base))
            .send()
            .await
            .unwrap();
        assert_eq!(html.status(), 200);
        assert!(html
            .text()
            .await
            .unwrap()
            .contains(&format!("<bookable-picker src=\"/api/pages/{page}\"")));
    }
    let index = c.http.get(format!("{}/", c.base)).send().await.unwrap();
    assert_eq!(index.status(), 200);
    assert!(index.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("frame-ancestors 'self'"));
    let embed = c
        .http
        .get(format!("{}/embed.html", c.base))
        .send()
        .await
        .unwrap();
    assert!(embed.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("frame-ancestors *"));
    // The team's app: every screen's address opens its index.html (ids may hold a dot); its
    // files are at its top.
    let index_html = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/admin/index.html"),
    )
    .unwrap();
    for path in [
        "/admin/",
        "/admin/members/ana",
        "/admin/members/a.b",
        "/admin/teams/support",
    ] {
        let r = c
            .http
            .get(format!("{}{path}", c.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.text().await.unwrap(), index_html, "{path}");
    }
    let app_js = c
        .http
        .get(format!("{}/admin/app.js", c.base))
        .send()
        .await
        .unwrap();
    assert_eq!(app_js.status(), 200);
    assert!(app_js.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("javascript"));
    let missing = c
        .http
        .get(format!("{}/admin/nothing.js", c.base))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let js = c
        .http
        .get(format!("{}/bookable-picker.js", c.base))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(js.status(), 200);
    assert_eq!(js.headers()["content-encoding"], "br");
    assert_eq!(js.headers()["cache-control"], "public, max-age=300");
    let slots = offered(&c, "team").await;
    let a = c
        .book("team", slots[0]["start"].as_str().unwrap(), "Demo Visitor")
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    assert_eq!(
        c.admin("GET", "/teams/support/status", None).await.status,
        200
    );
}

#[tokio::test]
async fn postgres_shared_by_two_processes_keeps_one_schema() {
    let db = Database::postgres().await;
    let a = Server::start(&db);
    let b = Server::start(&db);
    let (ca, cb) = (a.client(), b.client());
    assert_eq!(ca.get("/healthz", None).await.body["database"], "postgres");
    ca.put_ok("/members/ana", always("Ana", "UTC")).await;
    cb.put_ok("/pages/intro", json!({ "title": "T", "timezone": "UTC", "event": { "duration": 30 }, "members": [{ "id": "ana" }] })).await;
    let slots = offered(&cb, "intro").await;
    assert_eq!(
        ca.book("intro", slots[0]["start"].as_str().unwrap(), "V")
            .await
            .status,
        201
    );
    assert_eq!(
        cb.book("intro", slots[0]["start"].as_str().unwrap(), "W")
            .await
            .status,
        409,
        "the other process sees it at once"
    );
}
