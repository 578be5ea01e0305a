//! Criterion benchmark of the calendar reader (SPEC §10), natively: `busy_from_json` on the
//! benchmark feed of `bench/calendars/` (2,000 VEVENTs, 300 recurring series, 522 kB), over the
//! same 90 days as the Node benchmark (`node bench/calendars/bench.mjs`), which also times it
//! through the npm package beside ical.js + ical-expander and node-ical.
//!
//! `cargo bench --bench calendars` (the feed is written by `node bench/calendars/gen.mjs` when
//! missing). Groups:
//! - `busy/feed_90_days`: the busy request's JSON text in, merged busy intervals out (read the
//!   JSON, read the feed, expand it over the window);
//! - `busy/feed_one_day`: the same feed over one day (reading dominates).

use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};

fn feed() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench/calendars");
    let path = dir.join("feed.ics");
    if !path.exists() {
        let status = Command::new("node")
            .arg(dir.join("gen.mjs"))
            .status()
            .expect("node runs bench/calendars/gen.mjs");
        assert!(status.success(), "bench/calendars/gen.mjs failed");
    }
    std::fs::read_to_string(&path).expect("bench/calendars/feed.ics")
}

fn request(feed: &str, start: &str, end: &str) -> String {
    serde_json::json!({
        "source": { "ics": feed },
        "range": { "start": start, "end": end },
        "timezone": "UTC",
    })
    .to_string()
}

fn bench(c: &mut Criterion) {
    let feed = feed();
    let mut group = c.benchmark_group("busy");
    for (name, start, end) in [
        (
            "feed_90_days",
            "2026-03-01T00:00:00Z",
            "2026-05-30T00:00:00Z",
        ),
        (
            "feed_one_day",
            "2026-03-10T00:00:00Z",
            "2026-03-11T00:00:00Z",
        ),
    ] {
        let text = request(&feed, start, end);
        let answer = bookable::busy_from_json(&text).expect("the feed reads");
        assert!(
            answer.busy.len() > 1,
            "{name}: {} busy intervals",
            answer.busy.len()
        );
        group.bench_function(name, |b| {
            b.iter(|| bookable::busy_from_json(black_box(&text)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
