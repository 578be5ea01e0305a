//! The recurrence expander against a deliberately naive one (SPEC §10, RFC 5545 §3.3.10):
//! random daily, weekly, monthly and yearly rules in zones with DST gaps and overlaps, expanded
//! by `bookable busy` over a random window, and by brute force here: every day from DTSTART is
//! asked whether the rule holds it, straight from the RFC's wording; each period's instances are
//! gathered for BYSETPOS; local times resolve by the compatible rule through zic's own tables
//! (the `zic` reference, read with jiff), not bookable's. DTSTART is always the first instance,
//! counted in COUNT and kept by an UNTIL before it; an all-day series with a UTC UNTIL keeps
//! the dates whose 00:00 in the member's zone is not after it (SPEC §10 v1.2).

mod zic;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use proptest::prelude::*;
use serde_json::json;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

#[derive(Debug, Clone)]
struct Rule {
    freq: Freq,
    interval: i64,
    months: Vec<u32>,
    month_days: Vec<i32>,
    weekdays: Vec<(i32, u32)>,
    hours: Vec<u32>,
    set_pos: Vec<i32>,
    count: Option<usize>,
    until: Option<NaiveDate>,
}

impl Rule {
    fn text(&self) -> String {
        let mut parts = vec![format!(
            "FREQ={}",
            match self.freq {
                Freq::Daily => "DAILY",
                Freq::Weekly => "WEEKLY",
                Freq::Monthly => "MONTHLY",
                Freq::Yearly => "YEARLY",
            }
        )];
        let list = |v: &[String]| v.join(",");
        if self.interval > 1 {
            parts.push(format!("INTERVAL={}", self.interval));
        }
        if !self.months.is_empty() {
            parts.push(format!(
                "BYMONTH={}",
                list(
                    &self
                        .months
                        .iter()
                        .map(|m| m.to_string())
                        .collect::<Vec<_>>()
                )
            ));
        }
        if !self.month_days.is_empty() {
            parts.push(format!(
                "BYMONTHDAY={}",
                list(
                    &self
                        .month_days
                        .iter()
                        .map(|m| m.to_string())
                        .collect::<Vec<_>>()
                )
            ));
        }
        if !self.weekdays.is_empty() {
            const NAMES: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
            let days: Vec<String> = self
                .weekdays
                .iter()
                .map(|&(n, d)| {
                    if n == 0 {
                        NAMES[d as usize].to_string()
                    } else {
                        format!("{n}{}", NAMES[d as usize])
                    }
                })
                .collect();
            parts.push(format!("BYDAY={}", list(&days)));
        }
        if !self.hours.is_empty() {
            parts.push(format!(
                "BYHOUR={}",
                list(&self.hours.iter().map(|h| h.to_string()).collect::<Vec<_>>())
            ));
        }
        if !self.set_pos.is_empty() {
            parts.push(format!(
                "BYSETPOS={}",
                list(
                    &self
                        .set_pos
                        .iter()
                        .map(|p| p.to_string())
                        .collect::<Vec<_>>()
                )
            ));
        }
        if let Some(c) = self.count {
            parts.push(format!("COUNT={c}"));
        }
        if let Some(u) = self.until {
            parts.push(format!("UNTIL={}", u.format("%Y%m%d")));
        }
        parts.join(";")
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    (next.unwrap() - NaiveDate::from_ymd_opt(y, m, 1).unwrap()).num_days() as u32
}

/// Whether `d`'s weekday is `wd` and, with an ordinal, it is that occurrence counted inside
/// `[first, last]` (from the end for a negative one).
fn weekday_matches(d: NaiveDate, (n, wd): (i32, u32), first: NaiveDate, last: NaiveDate) -> bool {
    if d.weekday().num_days_from_monday() != wd {
        return false;
    }
    match n {
        0 => true,
        n if n > 0 => (d - first).num_days() / 7 + 1 == n as i64,
        n => (last - d).num_days() / 7 + 1 == (-n) as i64,
    }
}

/// Whether the rule holds date `d`, and the index of its period (RFC 5545 §3.3.10, read
/// directly: FREQ and INTERVAL pick the periods, the BY parts expand or limit inside them).
fn holds(r: &Rule, d0: NaiveDate, d: NaiveDate) -> Option<i64> {
    let month_ok = |d: NaiveDate| r.months.is_empty() || r.months.contains(&d.month());
    let len = days_in_month(d.year(), d.month()) as i32;
    let month_day_ok = |d: NaiveDate| {
        r.month_days
            .iter()
            .any(|&k| k == d.day() as i32 || (k < 0 && len + 1 + k == d.day() as i32))
    };
    let month_first = d.with_day(1).unwrap();
    let month_last = d.with_day(len as u32).unwrap();
    let (period, ok) = match r.freq {
        Freq::Daily => {
            let p = (d - d0).num_days();
            let ok = p % r.interval == 0
                && month_ok(d)
                && (r.month_days.is_empty() || month_day_ok(d))
                && (r.weekdays.is_empty()
                    || r.weekdays
                        .iter()
                        .any(|&w| d.weekday().num_days_from_monday() == w.1));
            (p, ok)
        }
        Freq::Weekly => {
            let week = |x: NaiveDate| x - Duration::days(x.weekday().num_days_from_monday() as i64);
            let p = (week(d) - week(d0)).num_days() / 7;
            let wd_ok = if r.weekdays.is_empty() {
                d.weekday() == d0.weekday()
            } else {
                r.weekdays
                    .iter()
                    .any(|&w| d.weekday().num_days_from_monday() == w.1)
            };
            (p, p % r.interval == 0 && wd_ok && month_ok(d))
        }
        Freq::Monthly => {
            let p = (d.year() - d0.year()) as i64 * 12 + d.month() as i64 - d0.month() as i64;
            let day_ok = if r.month_days.is_empty() && r.weekdays.is_empty() {
                d.day() == d0.day()
            } else {
                (r.month_days.is_empty() || month_day_ok(d))
                    && (r.weekdays.is_empty()
                        || r.weekdays
                            .iter()
                            .any(|&w| weekday_matches(d, w, month_first, month_last)))
            };
            (p, p % r.interval == 0 && month_ok(d) && day_ok)
        }
        Freq::Yearly => {
            let p = (d.year() - d0.year()) as i64;
            let months_ok = if r.months.is_empty() {
                !r.weekdays.is_empty() || d.month() == d0.month()
            } else {
                r.months.contains(&d.month())
            };
            let (first, last) = if r.months.is_empty() {
                (
                    NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap(),
                    NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap(),
                )
            } else {
                (month_first, month_last)
            };
            let day_ok = if r.month_days.is_empty() && r.weekdays.is_empty() {
                d.day() == d0.day()
            } else {
                (r.month_days.is_empty() || month_day_ok(d))
                    && (r.weekdays.is_empty()
                        || r.weekdays
                            .iter()
                            .any(|&w| weekday_matches(d, w, first, last)))
            };
            (p, p % r.interval == 0 && months_ok && day_ok)
        }
    };
    (ok && period >= 0).then_some(period)
}

/// Every instance (local date-times) from DTSTART up to `last_day` (and more: each period is
/// looked at whole, so BYSETPOS sees all of it), DTSTART first.
fn naive_instances(r: &Rule, start: NaiveDateTime, last_day: NaiveDate) -> Vec<NaiveDateTime> {
    let d0 = start.date();
    let hours: Vec<u32> = if r.hours.is_empty() {
        vec![start.hour()]
    } else {
        r.hours.clone()
    };
    let mut periods: Vec<(i64, Vec<NaiveDateTime>)> = Vec::new();
    let mut d = d0 - Duration::days(400);
    while d <= last_day + Duration::days(400) {
        if let Some(p) = holds(r, d0, d) {
            for &h in &hours {
                let t = d.and_hms_opt(h, start.minute(), 0).unwrap();
                match periods.last_mut() {
                    Some((q, list)) if *q == p => list.push(t),
                    _ => periods.push((p, vec![t])),
                }
            }
        }
        d += Duration::days(1);
    }
    let mut out = vec![start];
    for (_, mut list) in periods {
        // A period's instances are a set.
        list.sort();
        list.dedup();
        let picked: Vec<NaiveDateTime> = if r.set_pos.is_empty() {
            list
        } else {
            let n = list.len() as i32;
            let mut idx: Vec<usize> = r
                .set_pos
                .iter()
                .filter_map(|&p| {
                    let i = if p > 0 { p - 1 } else { n + p };
                    (0..n).contains(&i).then_some(i as usize)
                })
                .collect();
            idx.sort();
            idx.dedup();
            idx.into_iter().map(|i| list[i]).collect()
        };
        out.extend(picked.into_iter().filter(|&t| t > start));
    }
    // DTSTART is the first instance whatever UNTIL says (SPEC §10 v1.2): an UNTIL before it
    // leaves it alone.
    if let Some(u) = r.until {
        out.retain(|&t| t == start || t.date() <= u);
    }
    if let Some(c) = r.count {
        out.truncate(c);
    }
    out
}

fn instant_ms(zone: zic::Tz, t: NaiveDateTime) -> i64 {
    let dt = jiff::civil::DateTime::new(
        t.year() as i16,
        t.month() as i8,
        t.day() as i8,
        t.hour() as i8,
        t.minute() as i8,
        0,
        0,
    )
    .unwrap();
    zone.jiff()
        .to_ambiguous_timestamp(dt)
        .compatible()
        .unwrap()
        .as_millisecond()
}

fn merged(mut list: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    list.sort();
    let mut out: Vec<(i64, i64)> = Vec::new();
    for (s, e) in list {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn rule_strategy() -> impl Strategy<Value = Rule> {
    let freq = prop_oneof![
        Just(Freq::Daily),
        Just(Freq::Weekly),
        Just(Freq::Monthly),
        Just(Freq::Yearly)
    ];
    (
        freq,
        1i64..=3,
        prop::collection::vec(1u32..=12, 0..=2),
        prop::collection::vec(prop_oneof![1i32..=31, -5i32..=-1], 0..=2),
        prop::collection::vec(
            (prop_oneof![Just(0i32), Just(0), 1..=4, -2..=-1], 0u32..7),
            0..=3,
        ),
        prop::collection::vec(0u32..24, 0..=2),
        prop::collection::vec(prop_oneof![1i32..=3, -2i32..=-1], 0..=1),
        prop_oneof![2 => Just(None), 1 => (1usize..80).prop_map(Some)],
    )
        .prop_map(
            |(freq, interval, months, month_days, weekdays, hours, set_pos, count)| {
                let weekdays = match freq {
                    Freq::Monthly | Freq::Yearly => weekdays,
                    _ => weekdays.into_iter().map(|(_, d)| (0, d)).collect(),
                };
                // BYMONTHDAY is not for weekly rules (RFC 5545's table: N/A).
                let month_days = if freq == Freq::Weekly {
                    Vec::new()
                } else {
                    month_days
                };
                Rule {
                    freq,
                    interval,
                    months,
                    month_days,
                    weekdays,
                    hours,
                    set_pos,
                    count,
                    until: None,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn the_expander_matches_a_naive_one(
        rule in rule_strategy(),
        zone in prop_oneof![Just("Europe/Paris"), Just("America/New_York"), Just("Australia/Lord_Howe"), Just("Asia/Kolkata"), Just("UTC")],
        start_day in 0i64..700,
        hour in 0u32..24,
        half in prop::bool::ANY,
        // Some UNTILs before DTSTART (which keeps it) and some windows holding DTSTART.
        until_days in prop_oneof![Just(None), (-40i64..0).prop_map(Some), (0i64..500).prop_map(Some)],
        window_from in prop_oneof![-20i64..=0, 0i64..300],
        window_days in 1i64..120,
    ) {
        let mut rule = rule;
        let base = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let start = (base + Duration::days(start_day)).and_hms_opt(hour, if half { 30 } else { 0 }, 0).unwrap();
        if rule.count.is_none() {
            rule.until = until_days.map(|d| start.date() + Duration::days(d));
        }
        let tz: zic::Tz = zone.parse().unwrap();
        let text = format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:p\r\nDTSTART;TZID={zone}:{}\r\nDURATION:PT30M\r\nRRULE:{}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            start.format("%Y%m%dT%H%M%S"),
            rule.text()
        );
        let from = start.date() + Duration::days(window_from);
        let to = from + Duration::days(window_days);
        let utc_ms = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp_millis();
        let (w0, w1) = (utc_ms(from), utc_ms(to));
        let request = json!({
            "source": { "ics": text },
            "range": { "start": w0, "end": w1 },
            "timezone": "UTC",
        });
        let got = bookable::busy_from_json(&request.to_string()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let got: Vec<(i64, i64)> = got.busy.iter().map(|b| (b.start.0, b.end.0)).collect();

        let instances = naive_instances(&rule, start, to + Duration::days(2));
        let want = merged(
            instances
                .iter()
                .map(|&t| instant_ms(tz, t))
                .map(|s| (s, s + 30 * 60_000))
                .filter(|&(s, e)| s < w1 && e > w0)
                .collect(),
        );
        prop_assert_eq!(got, want, "RRULE:{} DTSTART:{} in {}", rule.text(), start, zone);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// All-day series as Outlook and Exchange write them: a DATE DTSTART and a date-time UNTIL
    /// in UTC. The instance on local date D is in the series while D's 00:00 in the member's
    /// zone is not after UNTIL (DTSTART always is); each covers D's 00:00 to the next day's.
    #[test]
    fn all_day_series_with_a_utc_until_end_at_the_members_local_midnights(
        rule in rule_strategy(),
        zone in prop_oneof![Just("Asia/Tokyo"), Just("Australia/Sydney"), Just("America/Santiago"), Just("Europe/London"), Just("America/Los_Angeles"), Just("Pacific/Kiritimati"), Just("UTC")],
        start_day in 0i64..700,
        until_days in prop_oneof![-3i64..0, 0i64..300],
        // 0: any minute of that UTC day; 1: that local date's midnight exactly; 2: a second
        // before it (the boundaries Outlook writes and the one that drops the day).
        until_kind in 0u8..3,
        until_minute in 0i64..(24 * 60),
        // The window: anywhere from DTSTART, or ending just after UNTIL's date.
        near_until in prop::bool::ANY,
        window_from in prop_oneof![-5i64..=0, 0i64..300],
        window_days in 1i64..120,
    ) {
        let mut rule = rule;
        rule.hours.clear(); // BYHOUR means nothing to dates
        let tz: zic::Tz = zone.parse().unwrap();
        let midnight = |d: NaiveDate| instant_ms(tz, d.and_hms_opt(0, 0, 0).unwrap());
        let base = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let start = (base + Duration::days(start_day)).and_hms_opt(0, 0, 0).unwrap();
        let until_date = start.date() + Duration::days(until_days);
        let until_ms = match until_kind {
            0 => until_date.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp_millis() + until_minute * 60_000,
            1 => midnight(until_date),
            _ => midnight(until_date) - 1000,
        };
        let until_ms = rule.count.is_none().then_some(until_ms);
        let mut text_rule = rule.text();
        if let Some(u) = until_ms {
            let at = chrono::DateTime::from_timestamp_millis(u).unwrap();
            text_rule.push_str(&format!(";UNTIL={}", at.format("%Y%m%dT%H%M%SZ")));
        }
        let text = format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:p\r\nDTSTART;VALUE=DATE:{}\r\nDTEND;VALUE=DATE:{}\r\nRRULE:{}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            start.format("%Y%m%d"),
            (start + Duration::days(1)).format("%Y%m%d"),
            text_rule
        );
        let from = if near_until && until_ms.is_some() {
            until_date + Duration::days(3) - Duration::days(window_days)
        } else {
            start.date() + Duration::days(window_from)
        };
        let to = from + Duration::days(window_days);
        let utc_ms = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp_millis();
        let (w0, w1) = (utc_ms(from), utc_ms(to));
        let request = json!({
            "source": { "ics": text },
            "range": { "start": w0, "end": w1 },
            "timezone": zone,
        });
        let got = bookable::busy_from_json(&request.to_string()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let got: Vec<(i64, i64)> = got.busy.iter().map(|b| (b.start.0, b.end.0)).collect();

        let want = merged(
            naive_instances(&rule, start, to + Duration::days(2))
                .iter()
                .map(|t| t.date())
                .filter(|&d| d == start.date() || until_ms.is_none_or(|u| midnight(d) <= u))
                .map(|d| (midnight(d), midnight(d + Duration::days(1))))
                .filter(|&(s, e)| s < w1 && e > w0)
                .collect(),
        );
        prop_assert_eq!(got, want, "RRULE:{} DTSTART:{} in {}", text_rule, start.date(), zone);
    }
}
