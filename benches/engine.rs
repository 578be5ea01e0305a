//! Criterion benchmarks of the engine, natively (issue 3's team fixture, issue 6's scenarios).
//!
//! `cargo bench --bench engine` — inputs are the JSON requests in `bench/scenarios/` (written
//! deterministically by `node bench/gen.mjs`; the Node benchmark reads the very same files), listed
//! in `bench/scenarios/manifest.json`. Scaling points are derived from a base file exactly as
//! `derive()` in `bench/lib/scenarios.mjs` does.
//!
//! Groups (median per call is what `bench/report.mjs` reads back from `target/criterion`):
//! - `slots_from_value/<scenario>`: parsed `serde_json::Value` in, `SlotsResponse` out;
//! - `parse/<scenario>`: `serde_json::from_str::<Value>` of the request text (the part not above);
//! - `to_json/<scenario>`: serialising the response to JSON text (what the CLI prints);
//! - `slot_starts/<scenario>`: `Scheduler::slot_starts` on a prepared scheduler (native
//!   counterpart of the typed-array path in JS);
//! - `scale_members/<n>` and `scale_days/<d>`: `slots_from_value` as the team or range grows.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use bookable::{Instant, Scheduler};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};
use serde_json::Value;

/// Every scenario carries its own `now`; this is only the fallback the API asks for.
const DEFAULT_NOW_MS: i64 = 0;
const DAY_MS: i64 = 86_400_000;

struct Scenario {
    name: String,
    group: Option<String>,
    x: Option<u64>,
    text: String,
    value: Value,
}

fn scenario_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench/scenarios")
}

fn read(name: &str) -> String {
    let path = scenario_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (generate with `node bench/gen.mjs`)",
            path.display()
        )
    })
}

fn instant_ms(v: &Value, path: &str) -> i64 {
    let parsed = match v {
        Value::String(s) => Instant::parse(s, path),
        other => Instant::from_millis(other.as_f64().unwrap_or(f64::NAN), path),
    };
    parsed.unwrap_or_else(|e| panic!("{path}: {}", e.message)).0
}

/// Mirrors `derive()` in bench/lib/scenarios.mjs: the first `members` members; the range cut to
/// `days` days, dropping busy times, bookings and instant time off that start at or after the
/// new end.
fn derive(base: &Value, members: Option<usize>, days: Option<i64>) -> Value {
    let mut v = base.clone();
    if let Some(n) = members {
        v["members"].as_array_mut().expect("members").truncate(n);
    }
    if let Some(d) = days {
        let start = instant_ms(&v["range"]["start"], "range.start");
        let end = start + d * DAY_MS;
        v["range"]["end"] = Value::String(Instant(end).to_string());
        for m in v["members"].as_array_mut().expect("members") {
            for key in ["busy", "bookings", "timeOff"] {
                if let Some(list) = m.get_mut(key).and_then(Value::as_array_mut) {
                    list.retain(|iv| match iv.get("start") {
                        Some(s) => instant_ms(s, key) < end,
                        None => true, // a {from, to} time off: kept, as in scenarios.mjs
                    });
                }
            }
        }
    }
    v
}

fn scenarios() -> Vec<Scenario> {
    let manifest: Value = serde_json::from_str(&read("manifest.json")).expect("manifest.json");
    let mut cache: Vec<(String, String, Value)> = Vec::new();
    let mut out = Vec::new();
    for entry in manifest.as_array().expect("manifest is a list") {
        let file = entry["file"].as_str().expect("file").to_string();
        if !cache.iter().any(|(f, _, _)| *f == file) {
            let text = read(&file);
            let value = serde_json::from_str(&text).expect("scenario JSON");
            cache.push((file.clone(), text, value));
        }
        let (_, text, value) = cache.iter().find(|(f, _, _)| *f == file).unwrap();
        let members = entry["members"].as_u64().map(|n| n as usize);
        let days = entry["days"].as_i64();
        let (text, value) = if members.is_some() || days.is_some() {
            let v = derive(value, members, days);
            (serde_json::to_string(&v).unwrap(), v)
        } else {
            (text.clone(), value.clone())
        };
        out.push(Scenario {
            name: entry["name"].as_str().expect("name").to_string(),
            group: entry["group"].as_str().map(str::to_string),
            x: entry["x"].as_u64(),
            text,
            value,
        });
    }
    out
}

/// Computes each scenario once before timing it: a benchmark of an error is worthless.
fn checked(s: &Scenario) -> usize {
    match bookable::slots_from_value(&s.value, DEFAULT_NOW_MS) {
        Ok(r) => {
            eprintln!("{}: {} slots, {} days", s.name, r.slots.len(), r.days.len());
            r.slots.len()
        }
        Err(e) => panic!("{}: the engine returned an error: {}", s.name, e.to_json()),
    }
}

fn scheduler_parts(v: &Value) -> (Scheduler, Instant, Instant, Option<Instant>) {
    let mut without_range = v.clone();
    let obj = without_range.as_object_mut().expect("request object");
    let range = obj.remove("range").expect("range");
    let now = obj.remove("now");
    let scheduler = Scheduler::from_value(&without_range)
        .unwrap_or_else(|e| panic!("Scheduler::from_value: {}", e.to_json()));
    let start = Instant(instant_ms(&range["start"], "range.start"));
    let end = Instant(instant_ms(&range["end"], "range.end"));
    let now = now.map(|n| Instant(instant_ms(&n, "now")));
    (scheduler, start, end, now)
}

fn bench(c: &mut Criterion) {
    let all = scenarios();
    let main: Vec<&Scenario> = all.iter().filter(|s| s.group.is_none()).collect();

    let mut g = c.benchmark_group("slots_from_value");
    for s in &main {
        checked(s);
        g.bench_with_input(BenchmarkId::from_parameter(&s.name), &s.value, |b, v| {
            b.iter(|| bookable::slots_from_value(black_box(v), DEFAULT_NOW_MS).unwrap())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("parse");
    for s in &main {
        g.bench_with_input(BenchmarkId::from_parameter(&s.name), &s.text, |b, t| {
            b.iter(|| serde_json::from_str::<Value>(black_box(t)).unwrap())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("to_json");
    for s in &main {
        let response = bookable::slots_from_value(&s.value, DEFAULT_NOW_MS).unwrap();
        g.bench_with_input(BenchmarkId::from_parameter(&s.name), &response, |b, r| {
            b.iter(|| serde_json::to_string(black_box(r)).unwrap())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("slot_starts");
    for s in &main {
        let (scheduler, start, end, now) = scheduler_parts(&s.value);
        let starts = scheduler
            .slot_starts(start, end, now, DEFAULT_NOW_MS)
            .unwrap();
        let full = bookable::slots_from_value(&s.value, DEFAULT_NOW_MS).unwrap();
        assert_eq!(starts.len(), full.slots.len(), "{}: slot_starts", s.name);
        g.bench_function(BenchmarkId::from_parameter(&s.name), |b| {
            b.iter(|| {
                scheduler
                    .slot_starts(black_box(start), end, now, DEFAULT_NOW_MS)
                    .unwrap()
            })
        });
    }
    g.finish();

    for group in ["scale_members", "scale_days"] {
        let mut g = c.benchmark_group(group);
        g.sampling_mode(SamplingMode::Flat).sample_size(20);
        for s in all.iter().filter(|s| s.group.as_deref() == Some(group)) {
            checked(s);
            g.bench_with_input(
                BenchmarkId::from_parameter(s.x.expect("x")),
                &s.value,
                |b, v| b.iter(|| bookable::slots_from_value(black_box(v), DEFAULT_NOW_MS).unwrap()),
            );
        }
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
