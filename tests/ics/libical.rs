//! libical's recurrence test vectors (`tests/data/libical/icalrecur_test.txt`, MPL-2.0; read as
//! data) against bookable's expander. A unit test of `src/ics/recur.rs`, included from there.
//!
//! Where bookable and libical read a rule differently on purpose, the difference is checked, not
//! skipped: a DTSTART the rule does not produce is still bookable's first instance (RFC 5545
//! §3.8.5.3: "The DTSTART property value always counts as the first occurrence"; libical drops
//! it), so bookable's instances are that DTSTART followed by libical's, one fewer under a COUNT.

use super::Series;
use crate::ics::values::{parse_recur, parse_stamp};

const DAY: i64 = 86_400;

struct Vector {
    line: usize,
    comment: String,
    rrule: String,
    dtstart: String,
    start_at: Option<String>,
    instances: Option<Vec<String>>,
}

fn vectors() -> Vec<Vector> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/libical/icalrecur_test.txt"
    );
    let text = std::fs::read_to_string(path).expect("the libical vectors are vendored");
    let mut out = Vec::new();
    let mut comment = String::new();
    let mut current: Option<Vector> = None;
    for (i, line) in text.lines().enumerate() {
        if let Some(c) = line.strip_prefix('#') {
            comment = c.trim().to_string();
        } else if let Some(r) = line.strip_prefix("RRULE:") {
            current = Some(Vector {
                line: i + 1,
                comment: comment.clone(),
                rrule: r.to_string(),
                dtstart: String::new(),
                start_at: None,
                instances: None,
            });
        } else if let Some(d) = line.strip_prefix("DTSTART:") {
            current.as_mut().expect("DTSTART after RRULE").dtstart = d.to_string();
        } else if let Some(d) = line.strip_prefix("START-AT:") {
            current.as_mut().expect("START-AT after RRULE").start_at = Some(d.to_string());
        } else if let Some(list) = line.strip_prefix("INSTANCES:") {
            let mut v = current.take().expect("INSTANCES after RRULE");
            if !list.contains("UNIMPLEMENTED") {
                v.instances = Some(list.split(',').map(|s| s.trim().to_string()).collect());
            }
            out.push(v);
        }
    }
    out
}

fn format(secs: i64, date: bool, utc: bool) -> String {
    let (y, m, d) = crate::instant::civil_from_days(secs.div_euclid(DAY));
    let tod = secs.rem_euclid(DAY);
    if date {
        format!("{y:04}{m:02}{d:02}")
    } else {
        let z = if utc { "Z" } else { "" };
        format!(
            "{y:04}{m:02}{d:02}T{:02}{:02}{:02}{z}",
            tod / 3600,
            tod / 60 % 60,
            tod % 60
        )
    }
}

fn expand(series: &Series, from: i64, max: usize, date: bool, utc: bool) -> Vec<String> {
    let mut out = Vec::new();
    series.each(from, super::LAST_DAY * DAY, &mut |t| {
        out.push(format(t, date, utc));
        out.len() < max
    });
    out
}

#[test]
fn every_libical_recurrence_vector() {
    let vectors = vectors();
    assert!(vectors.len() >= 140, "{} vectors", vectors.len());
    let mut checked = 0;
    let mut failures = Vec::new();
    for v in &vectors {
        let Some(expected) = &v.instances else {
            continue;
        };
        let name = format!(
            "line {} ({}): RRULE:{} DTSTART:{}",
            v.line, v.comment, v.rrule, v.dtstart
        );
        let recur = parse_recur(&v.rrule).unwrap_or_else(|e| panic!("{name}: {e}"));
        let start = parse_stamp(&v.dtstart).unwrap_or_else(|| panic!("{name}: DTSTART"));
        let until = recur.until.map(|u| match (u.date, start.date) {
            (true, false) => u.secs + DAY - 1,
            _ => u.secs,
        });
        let count = recur.rule.count;
        let series = Series::new(recur.rule, start.secs, start.date, until)
            .unwrap_or_else(|e| panic!("{name}: {}", e.message()));
        let first = format(start.secs, start.date, start.utc);
        let ours = expand(
            &series,
            i64::MIN / 4,
            expected.len() + 2,
            start.date,
            start.utc,
        );
        let want: Vec<String> = if expected.first() == Some(&first) {
            expected.clone()
        } else {
            let keep = match count {
                Some(c) => (c as usize).saturating_sub(1),
                None => expected.len(),
            };
            std::iter::once(first)
                .chain(expected.iter().take(keep).cloned())
                .collect()
        };
        if ours != want {
            failures.push(format!("{name}\n  want {want:?}\n  got  {ours:?}"));
            continue;
        }
        // Any window gives the same instances as the whole series, cut.
        let mut starts: Vec<i64> = vec![start.secs - DAY];
        if let Some(at) = &v.start_at {
            starts.push(parse_stamp(at).expect("START-AT").secs);
        }
        for s in &want {
            starts.push(parse_stamp(s).expect("an instance").secs);
        }
        for from in starts {
            let windowed = expand(&series, from, want.len() + 2, start.date, start.utc);
            let cut: Vec<String> = want
                .iter()
                .filter(|s| parse_stamp(s).unwrap().secs >= from)
                .cloned()
                .collect();
            if windowed != cut {
                failures.push(format!(
                    "{name}\n  from {from}: want {cut:?}\n  got  {windowed:?}"
                ));
            }
        }
        checked += 1;
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors fail:\n{}",
        failures.len(),
        checked + failures.len(),
        failures.join("\n")
    );
    assert!(checked >= 140, "{checked} vectors checked");
}
