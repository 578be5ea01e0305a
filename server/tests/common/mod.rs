//! The tests' server: the real `bookable-server` binary started on a free port over a fresh
//! SQLite file or a fresh PostgreSQL database, driven over HTTP.
#![allow(dead_code)]

pub mod caldav;
pub mod smtp;

use std::{
    io::{BufRead, BufReader},
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::atomic::{AtomicUsize, Ordering},
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use serde_json::{json, Value};

pub const OWNER: &str = "owner-token-for-tests-0123456789";

/// Where the tests' PostgreSQL answers (scripts/postgres.sh starts it; the test command runs that).
pub fn postgres_admin_url() -> String {
    std::env::var("BOOKABLE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://bookable:bookable@127.0.0.1:5432/postgres".to_string())
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn unique(prefix: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        nanos % 1_000_000_000
    )
}

/// A database for one test.
#[derive(Clone, Debug)]
pub enum Database {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Database {
    pub fn url(&self) -> String {
        match self {
            Database::Sqlite(p) => format!("sqlite:{}", p.display()),
            Database::Postgres(u) => u.clone(),
        }
    }

    pub fn sqlite() -> Database {
        let dir = std::env::temp_dir().join("bookable-server-tests");
        std::fs::create_dir_all(&dir).unwrap();
        Database::Sqlite(dir.join(format!("{}.sqlite3", unique("db"))))
    }

    /// A new, empty PostgreSQL database.
    pub async fn postgres() -> Database {
        let admin = postgres_admin_url();
        let name = unique("bookable_test");
        let output = Command::new("psql")
            .arg(&admin)
            .args(["-qtAc", &format!("CREATE DATABASE {name}")])
            .output()
            .expect("psql runs");
        assert!(
            output.status.success(),
            "cannot create a PostgreSQL database at {admin} (start one with `bash scripts/postgres.sh`): {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let base = admin.rsplit_once('/').unwrap().0;
        Database::Postgres(format!("{base}/{name}"))
    }

    /// Runs SQL on the database directly (the tests' view of what is stored).
    pub fn sql(&self, sql: &str) -> String {
        let output = match self {
            Database::Sqlite(p) => Command::new("python3")
                .args(["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2]).fetchall(); c.commit(); print('\\n'.join('|'.join('' if v is None else str(v) for v in row) for row in r))"])
                .arg(p)
                .arg(sql)
                .output()
                .expect("python3 runs"),
            Database::Postgres(u) => Command::new("psql").arg(u).args(["-qtAX", "-c", sql]).output().expect("psql runs"),
        };
        assert!(
            output.status.success(),
            "{sql}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap().trim().to_string()
    }
}

pub struct Server {
    pub child: Child,
    pub url: String,
    pub db: Database,
    pub output: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

pub struct Options {
    pub demo: bool,
    pub env: Vec<(String, String)>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            demo: false,
            env: vec![("BOOKABLE_BOOKINGS_PER_MINUTE".into(), "0".into())],
        }
    }
}

impl Server {
    pub fn start(db: &Database) -> Server {
        Self::start_with(db, Options::default())
    }

    pub fn start_with(db: &Database, options: Options) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_bookable-server"));
        cmd.args(["--listen", "127.0.0.1:0", "--database", &db.url()])
            .env("BOOKABLE_ADMIN_TOKEN", OWNER)
            .env("BOOKABLE_LOG", "warn")
            // the tests' calendar servers, feeds and webhook receivers listen on loopback (a
            // test of the guard sets it to false)
            .env("BOOKABLE_ALLOW_PRIVATE_ADDRESSES", "true")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if options.demo {
            cmd.arg("--demo");
        }
        for (k, v) in &options.env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("the server starts");
        let stdout = child.stdout.take().unwrap();
        let output = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let keep = output.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("bookable-server: listening on ") {
                    let url = rest.split('/').take(3).collect::<Vec<_>>().join("/");
                    let _ = tx.send(url);
                }
                keep.lock().unwrap().push(line);
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| {
                let _ = child.kill();
                panic!("the server did not start: {:?}", output.lock().unwrap())
            });
        Server {
            child,
            url,
            db: db.clone(),
            output,
        }
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn client(&self) -> Client {
        Client {
            http: reqwest::Client::new(),
            base: self.url.clone(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// An HTTP client for one server: `(status, JSON body)` answers.
#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
}

pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }
    pub fn path(&self) -> &str {
        self.body["error"]["path"].as_str().unwrap_or("")
    }
}

impl Client {
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Answer {
        let mut req = self
            .http
            .request(method.parse().unwrap(), format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        let res = req.send().await.expect("the server answers");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Answer {
            status,
            body,
            headers,
        }
    }
    pub async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        self.send("GET", path, token, None).await
    }
    pub async fn admin(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        self.send(
            method,
            &format!("/api/admin{path}"),
            Some(OWNER),
            body.as_ref(),
        )
        .await
    }
    /// `PUT` as the owner, which must succeed.
    pub async fn put_ok(&self, path: &str, body: Value) -> Value {
        let a = self.admin("PUT", path, Some(body)).await;
        assert_eq!(a.status, 200, "PUT {path}: {}", a.body);
        a.body
    }
    pub async fn book(&self, page: &str, start: &str, name: &str) -> Answer {
        let body =
            json!({ "start": start, "attendee": { "name": name, "email": "visitor@example.com" } });
        self.send(
            "POST",
            &format!("/api/pages/{page}/bookings"),
            None,
            Some(&body),
        )
        .await
    }
}

/// A member who works every day, all day, in `zone`.
pub fn always(name: &str, zone: &str) -> Value {
    let all = json!([["00:00", "24:00"]]);
    json!({ "name": name, "email": format!("{}@example.com", name.to_lowercase()), "timezone": zone,
            "weekly": { "mon": all, "tue": all, "wed": all, "thu": all, "fri": all, "sat": all, "sun": all } })
}

/// The slots a page offers now, computed by the engine from the page's public answer.
pub async fn offered(client: &Client, page: &str) -> Vec<Value> {
    offered_at(client, &format!("/api/pages/{page}"), None).await
}

/// The slots of the page answer at `path` (a page's, or a booking's page with its manage token).
pub async fn offered_at(client: &Client, path: &str, token: Option<&str>) -> Vec<Value> {
    let a = client.get(path, token).await;
    assert_eq!(a.status, 200, "{}", a.body);
    let mut request = a.body["request"].clone();
    // the horizon: now − 1 day to the page's last day (the answer's own range)
    assert!(
        request["range"].is_object(),
        "the public request keeps its horizon"
    );
    request["now"] = json!(bookable::Instant(now_ms()).to_string());
    let response = bookable::slots_from_json(&request.to_string(), now_ms())
        .expect("the public request is valid");
    serde_json::to_value(&response).unwrap()["slots"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

pub fn iso(ms: i64) -> String {
    bookable::Instant(ms).to_string()
}

/// An instant on a whole hour, `days` from today 00:00 UTC.
pub fn day_at(days: i64, hour: i64) -> String {
    let now = now_ms();
    let day0 = now - now.rem_euclid(86_400_000);
    iso(day0 + days * 86_400_000 + hour * 3_600_000)
}
