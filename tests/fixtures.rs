//! Every public fixture of `tests/fixtures` (SPEC cases computed independently of this project,
//! kept in step with the shared folder by `scripts/sync-shared.sh`): the listed response fields
//! must match exactly; extra fields are allowed; the order of `reasons` is free. The SPEC 1.1
//! cases (`tests/fixtures/spec-1.1`: booking buffers, minDaysAhead, weekly and monthly limits,
//! member limits, hosts in explanations, hoursToday, team status) are read the same way, and so
//! are SPEC 1.2's busy cases (`tests/fixtures/spec-1.2/busy`: feeds as Outlook, Exchange, Google
//! and Radicale write them, through `busy_from_json`).

use std::path::{Path, PathBuf};

use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read_dir(kind: &str) -> Vec<PathBuf> {
    let dir = fixtures_dir().join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// `expected` ⊆ `actual`: listed fields equal, extras allowed, `reasons` compared as sets.
fn check_subset(expected: &Value, actual: &Value, path: &str, key: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let av = a.get(k).ok_or_else(|| format!("{path}.{k}: missing"))?;
                check_subset(ev, av, &format!("{path}.{k}"), k)?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) if key == "reasons" => {
            let mut e: Vec<String> = e.iter().map(|v| v.to_string()).collect();
            let mut a: Vec<String> = a.iter().map(|v| v.to_string()).collect();
            e.sort();
            a.sort();
            (e == a)
                .then_some(())
                .ok_or_else(|| format!("{path}: expected {e:?}, got {a:?}"))
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                let first_diff = e
                    .iter()
                    .zip(a)
                    .position(|(x, y)| check_subset(x, y, "", "").is_err());
                return Err(format!(
                    "{path}: expected {} items, got {}; first difference at {:?}: expected {} got {}",
                    e.len(),
                    a.len(),
                    first_diff,
                    first_diff.map_or(String::new(), |i| e[i].to_string()),
                    first_diff.map_or(String::new(), |i| a[i].to_string()),
                ));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                check_subset(ev, av, &format!("{path}[{i}]"), key)?;
            }
            Ok(())
        }
        _ if expected == actual => Ok(()),
        _ => Err(format!("{path}: expected {expected}, got {actual}")),
    }
}

fn run_kind(kind: &str, compute: impl Fn(&Value) -> Result<Value, bookable::Error>) {
    let files = read_dir(kind);
    assert!(!files.is_empty(), "no {kind} fixtures found");
    let mut failures = Vec::new();
    for file in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        match compute(&case["request"]) {
            Ok(actual) => {
                if let Err(e) = check_subset(&case["response"], &actual, "", "") {
                    failures.push(format!("{name}: {e}"));
                }
            }
            Err(e) => failures.push(format!("{name}: error {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} {kind} fixtures fail:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn every_slots_fixture_matches() {
    run_kind("slots", |req| {
        bookable::slots_from_value(req, 0).map(|r| serde_json::to_value(r).unwrap())
    });
}

#[test]
fn every_status_fixture_matches() {
    run_kind("status", |req| {
        bookable::status_from_value(req, 0).map(|r| serde_json::to_value(r).unwrap())
    });
}

#[test]
fn every_spec_1_1_slots_fixture_matches() {
    run_kind("spec-1.1/slots", |req| {
        bookable::slots_from_value(req, 0).map(|r| serde_json::to_value(r).unwrap())
    });
}

#[test]
fn every_spec_1_1_status_fixture_matches() {
    run_kind("spec-1.1/status", |req| {
        bookable::status_from_value(req, 0).map(|r| serde_json::to_value(r).unwrap())
    });
}

#[test]
fn every_spec_1_2_busy_fixture_matches() {
    run_kind("spec-1.2/busy", |req| {
        bookable::busy_from_json(&req.to_string()).map(|r| serde_json::to_value(r).unwrap())
    });
}

#[test]
fn every_bad_request_fixture_gives_its_error() {
    let text = std::fs::read_to_string(fixtures_dir().join("errors.jsonl")).unwrap();
    let mut count = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).unwrap();
        let input = match &case["request"] {
            Value::String(raw) => raw.clone(),
            other => other.to_string(),
        };
        let err = match case["kind"].as_str() {
            Some("status") => bookable::status_from_json(&input, 0).map(|_| ()),
            _ => bookable::slots_from_json(&input, 0).map(|_| ()),
        }
        .expect_err(&format!("{} must be rejected", case["name"]));
        let codes: Vec<&str> = match &case["code"] {
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            Value::String(code) => vec![code.as_str()],
            other => panic!("bad code {other}"),
        };
        assert!(
            codes.contains(&err.code.as_str()),
            "{}: got {err}",
            case["name"]
        );
        assert_eq!(
            err.path,
            case["path"].as_str().unwrap(),
            "{}: got {err}",
            case["name"]
        );
        assert!(!err.message.is_empty());
        count += 1;
    }
    assert_eq!(count, 8);
}
