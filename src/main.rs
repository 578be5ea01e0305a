//! `bookable slots|status|busy|public|check [FILE]`: one request as JSON on stdin (or in FILE), the response JSON on
//! stdout. Exit 0 on success; on bad input the SPEC §9 error object on stdout and exit 2.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

const USAGE: &str =
    "usage: bookable slots|status|busy|public|check [FILE]   (reads the request JSON from FILE or stdin;
                                            busy: {source, range, timezone} -> a calendar's busy times;
                                            public: a slots request -> its public request (SPEC §11);
                                            check: {request, start} -> whether start is still offered)
       bookable sample                      (prints a sample slots request)
       bookable --version";

/// A built-in sample request: a small round-robin team across three zones, relative to now.
fn sample(now_ms: i64) -> serde_json::Value {
    let now = bookable::Instant(now_ms - now_ms.rem_euclid(3_600_000));
    let end = bookable::Instant(now.0 + 7 * 86_400_000);
    serde_json::json!({
        "now": now.to_string(),
        "range": { "start": now.to_string(), "end": end.to_string() },
        "timezone": "Europe/Paris",
        "viewerTimezone": "America/New_York",
        "event": { "duration": 30, "step": 30, "bufferAfter": 10, "minNotice": 240, "maxPerDay": 4 },
        "team": { "mode": "roundRobin", "assignment": "leastRecentlyBooked" },
        "members": [
            { "id": "amelie", "timezone": "Europe/Paris",
              "weekly": { "mon": [["09:00", "12:00"], ["13:00", "17:00"]], "tue": [["09:00", "17:00"]],
                          "wed": [["09:00", "12:00"]], "thu": [["09:00", "17:00"]], "fri": [["09:00", "15:00"]] } },
            { "id": "jordan", "timezone": "America/New_York",
              "weekly": { "mon": [["08:00", "16:00"]], "tue": [["08:00", "16:00"]], "wed": [["08:00", "16:00"]],
                          "thu": [["08:00", "16:00"]], "fri": [["22:00", "02:00"]] },
              "lastBookedAt": now.to_string() },
            { "id": "priya", "timezone": "Asia/Kolkata",
              "weekly": { "mon": [["10:00", "18:30"]], "tue": [["10:00", "18:30"]], "wed": [["10:00", "18:30"]],
                          "thu": [["10:00", "18:30"]], "fri": [["10:00", "14:00"]] } }
        ]
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    let (command, file) = match args.as_slice() {
        [flag] if flag == "--version" || flag == "-V" => {
            println!(
                "bookable {} (tzdata {})",
                bookable::VERSION,
                bookable::TZDATA_VERSION
            );
            return ExitCode::SUCCESS;
        }
        [flag] if flag == "--help" || flag == "-h" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        [c] if c == "sample" => {
            println!(
                "{}",
                serde_json::to_string_pretty(&sample(now_ms)).unwrap_or_default()
            );
            return ExitCode::SUCCESS;
        }
        [c] => (c.as_str(), None),
        [c, f] => (c.as_str(), Some(f.as_str())),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(64);
        }
    };
    if !matches!(command, "slots" | "status" | "busy" | "public" | "check") {
        eprintln!("unknown command `{command}`\n{USAGE}");
        return ExitCode::from(64);
    }
    let mut input = Vec::new();
    let read = match file {
        Some(path) => std::fs::read(path).map(|b| input = b),
        None => std::io::stdin().read_to_end(&mut input).map(|_| ()),
    };
    if let Err(e) = read {
        eprintln!("bookable: cannot read the request: {e}");
        return ExitCode::from(66);
    }
    let result = match std::str::from_utf8(&input) {
        Err(_) => Err(bookable::Error::new(
            bookable::ErrorCode::InvalidJson,
            "",
            "the input is not UTF-8 text",
        )),
        Ok(text) if command == "slots" => {
            bookable::slots_from_json(text, now_ms).and_then(|r| to_json(&r))
        }
        Ok(text) if command == "busy" => bookable::busy_from_json(text).and_then(|r| to_json(&r)),
        Ok(text) if command == "public" => {
            bookable::public_from_json(text, now_ms).and_then(|r| to_json(&r))
        }
        Ok(text) if command == "check" => {
            bookable::check_from_json(text, now_ms).and_then(|r| to_json(&r))
        }
        Ok(text) => bookable::status_from_json(text, now_ms).and_then(|r| to_json(&r)),
    };
    let (out, code) = match result {
        Ok(json) => (json, ExitCode::SUCCESS),
        Err(e) => (e.to_json().to_string(), ExitCode::from(2)),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{out}");
    code
}

fn to_json(value: &impl serde::Serialize) -> Result<String, bookable::Error> {
    serde_json::to_string(value).map_err(|e| {
        bookable::Error::new(
            bookable::ErrorCode::InvalidValue,
            "",
            format!("cannot write the response: {e}"),
        )
    })
}
