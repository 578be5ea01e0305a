//! A real CalDAV server for the tests: Radicale from `.venv-servers` (the test command's set-up,
//! `scripts/setup.sh`, installs it), started on a free port with a fresh storage folder and
//! htpasswd Basic auth, stopped when dropped.

use std::{
    net::TcpStream,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

pub struct Radicale {
    child: Child,
    dir: PathBuf,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    pub user: String,
    pub password: String,
}

fn radicale_bin() -> PathBuf {
    let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(".venv-servers/bin/radicale");
    assert!(
        bin.is_file(),
        "Radicale is not installed at {} — run `bash scripts/setup.sh` (it installs the test \
         servers of tests/servers/requirements.txt into .venv-servers)",
        bin.display()
    );
    bin
}

impl Radicale {
    pub fn start(user: &str, password: &str) -> Radicale {
        let bin = radicale_bin();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir =
            std::env::temp_dir().join(format!("bookable-radicale-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("collections")).unwrap();
        std::fs::write(dir.join("users"), format!("{user}:{password}\n")).unwrap();
        let config = format!(
            "[server]\nhosts = 127.0.0.1:{port}\n\
             [auth]\ntype = htpasswd\nhtpasswd_filename = {users}\nhtpasswd_encryption = plain\ndelay = 0\n\
             [rights]\ntype = owner_only\n\
             [storage]\nfilesystem_folder = {storage}\n\
             [logging]\nlevel = error\n",
            users = dir.join("users").display(),
            storage = dir.join("collections").display(),
        );
        std::fs::write(dir.join("config"), config).unwrap();
        let child = Command::new(&bin)
            .arg("--config")
            .arg(dir.join("config"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("Radicale starts");
        let mut r = Radicale {
            child,
            dir,
            base: format!("http://127.0.0.1:{port}"),
            user: user.into(),
            password: password.into(),
        };
        let t0 = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = r.child.try_wait() {
                panic!("Radicale exited at start: {status}");
            }
            assert!(
                t0.elapsed() < Duration::from_secs(30),
                "Radicale did not listen within 30 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        r
    }

    /// The URL of a collection of the user (`/{user}/{name}/`).
    pub fn collection(&self, name: &str) -> String {
        format!("{}/{}/{name}/", self.base, self.user)
    }

    fn request(&self, http: &reqwest::Client, method: &str, url: &str) -> reqwest::RequestBuilder {
        http.request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), url)
            .basic_auth(&self.user, Some(&self.password))
    }

    /// Makes a calendar collection (`MKCALENDAR`), as a client would.
    pub async fn mkcalendar(&self, http: &reqwest::Client, name: &str) -> String {
        let url = self.collection(name);
        let r = self.request(http, "MKCALENDAR", &url).send().await.unwrap();
        assert_eq!(
            r.status().as_u16(),
            201,
            "MKCALENDAR {url}: {}",
            r.text().await.unwrap()
        );
        url
    }

    /// Puts an event as another client would: `(status, etag)`.
    pub async fn put(
        &self,
        http: &reqwest::Client,
        url: &str,
        ics: &str,
        if_match: Option<&str>,
    ) -> (u16, Option<String>) {
        let mut r = self
            .request(http, "PUT", url)
            .header("content-type", "text/calendar; charset=utf-8")
            .body(ics.to_string());
        if let Some(e) = if_match {
            r = r.header("if-match", e);
        }
        let r = r.send().await.unwrap();
        let etag = r
            .headers()
            .get("etag")
            .map(|v| v.to_str().unwrap().to_string());
        (r.status().as_u16(), etag)
    }

    /// `(status, body, etag)` of a GET.
    pub async fn get(&self, http: &reqwest::Client, url: &str) -> (u16, String, Option<String>) {
        let r = self.request(http, "GET", url).send().await.unwrap();
        let status = r.status().as_u16();
        let etag = r
            .headers()
            .get("etag")
            .map(|v| v.to_str().unwrap().to_string());
        (status, r.text().await.unwrap(), etag)
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
