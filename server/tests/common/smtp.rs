//! A real SMTP server for the mail tests: aiosmtpd (`tests/servers/smtp_sink.py`, run by
//! `.venv-servers/bin/python`, which `scripts/setup.sh` installs) writing each message it
//! receives to a folder; and Python's `icalendar` reading an invitation back.

use std::{
    io::{BufRead, BufReader, Write},
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The test servers' Python; the tests stop with what to run when it is missing.
pub fn python() -> PathBuf {
    let p = repo().join(".venv-servers/bin/python");
    assert!(
        p.exists(),
        "{} is missing: run `bash scripts/setup.sh` (it installs aiosmtpd and icalendar from tests/servers/requirements.txt)",
        p.display()
    );
    p
}

/// A port nobody listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub struct SmtpSink {
    child: Option<Child>,
    pub port: u16,
    pub dir: PathBuf,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        Self::start_on(free_port(), None)
    }

    /// Starts the sink on `port`, writing into `dir` (a new folder when `None`).
    pub fn start_on(port: u16, dir: Option<PathBuf>) -> SmtpSink {
        let dir = dir.unwrap_or_else(|| {
            let d = std::env::temp_dir().join(format!(
                "bookable-smtp-{}-{port}-{}",
                std::process::id(),
                super::now_ms()
            ));
            std::fs::create_dir_all(&d).unwrap();
            d
        });
        let mut child = Command::new(python())
            .arg(repo().join("tests/servers/smtp_sink.py"))
            .arg(port.to_string())
            .arg(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("aiosmtpd starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP sink did not start");
        SmtpSink {
            child: Some(child),
            port,
            dir,
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The messages received so far, in arrival order.
    pub fn messages(&self) -> Vec<Vec<u8>> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        names.sort();
        names.iter().map(|p| std::fs::read(p).unwrap()).collect()
    }

    /// Waits until at least `n` messages arrived (at most `limit`); answers all of them.
    pub async fn wait_for(&self, n: usize, limit: Duration) -> Vec<Vec<u8>> {
        let t0 = Instant::now();
        loop {
            let got = self.messages();
            if got.len() >= n {
                return got;
            }
            assert!(
                t0.elapsed() < limit,
                "waited {limit:?} for {n} messages, got {}",
                got.len()
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            drop(c.stdin.take());
            let t0 = Instant::now();
            while c.try_wait().ok().flatten().is_none() && t0.elapsed() < Duration::from_secs(5) {
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// An invitation read by Python's `icalendar` (`tests/servers/ics_fields.py`).
pub fn ics_fields(ics: &str) -> serde_json::Value {
    let mut child = Command::new(python())
        .arg(repo().join("tests/servers/ics_fields.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ics.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "icalendar does not read the invitation: {}\n{ics}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
