//! RFC 5545 §3.3 value types that busy times need: DATE and DATE-TIME (§3.3.4, §3.3.5),
//! DURATION (§3.3.6), PERIOD (§3.3.9), RECUR (§3.3.10) and UTC-OFFSET (§3.3.14). Times are
//! naive local seconds since 1970-01-01T00:00 (civil arithmetic of [`crate::instant`]).

use super::rule::{Freq, Rule, DAY};
use crate::instant::days_from_civil;

/// A DATE or DATE-TIME as written: naive seconds, whether it is a DATE, whether it ends in `Z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    /// Local (or UTC, with `utc`) seconds since 1970-01-01T00:00; a DATE is its 00:00.
    pub secs: i64,
    /// A DATE (all-day) value.
    pub date: bool,
    /// A DATE-TIME in UTC (`Z`).
    pub utc: bool,
}

/// Digits of `b` as a number, `None` unless all are ASCII digits and the number fits an
/// `i64` (a 70-digit `BYMONTH` is a bad value, not an overflow).
fn digits(b: &[u8]) -> Option<i64> {
    if b.is_empty() {
        return None;
    }
    b.iter().try_fold(0i64, |acc, &c| {
        if !c.is_ascii_digit() {
            return None;
        }
        acc.checked_mul(10)?.checked_add(i64::from(c - b'0'))
    })
}

/// `YYYYMMDD` as days since 1970-01-01 (a real calendar date, years 1..=9999).
pub(crate) fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 8 {
        return None;
    }
    let (y, m, d) = (digits(&b[0..4])?, digits(&b[4..6])?, digits(&b[6..8])?);
    if y == 0 || !(1..=12).contains(&m) || d < 1 {
        return None;
    }
    let day = days_from_civil(y, m as u32, d as u32);
    let next = if m == 12 {
        days_from_civil(y + 1, 1, 1)
    } else {
        days_from_civil(y, m as u32 + 1, 1)
    };
    (day < next).then_some(day)
}

/// `YYYYMMDD` (a DATE) or `YYYYMMDDTHHMMSS[Z]` (a DATE-TIME; `HHMM` without seconds and a
/// leap second `60` are accepted as clients do).
pub(crate) fn parse_stamp(s: &str) -> Option<Stamp> {
    let s = s.trim();
    if s.len() == 8 {
        return parse_date(s).map(|d| Stamp {
            secs: d * DAY,
            date: true,
            utc: false,
        });
    }
    let (body, utc) = match s.strip_suffix(['Z', 'z']) {
        Some(body) => (body, true),
        None => (s, false),
    };
    let b = body.as_bytes();
    if !(b.len() == 15 || b.len() == 13) || !matches!(b[8], b'T' | b't') {
        return None;
    }
    let day = parse_date(body.get(0..8)?)?;
    let (h, m) = (digits(&b[9..11])?, digits(&b[11..13])?);
    let sec = if b.len() == 15 {
        digits(&b[13..15])?
    } else {
        0
    };
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    Some(Stamp {
        secs: day * DAY + h * 3600 + m * 60 + sec.min(59),
        date: false,
        utc,
    })
}

/// A DURATION: whole days (weeks count 7) added on the wall clock, then exact seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Duration {
    /// Nominal days (negative for a negative duration).
    pub days: i64,
    /// Exact seconds (negative for a negative duration).
    pub secs: i64,
}

/// `[+-]P…` (RFC 5545 §3.3.6): `P2W`, `P1D`, `PT1H30M`, `P1DT12H`, `-PT15M`. Units may come in
/// any order a client wrote them; each number is at most 9 digits, and days and seconds are
/// each at most 10,000 years.
pub(crate) fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let (negative, rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let rest = rest.strip_prefix(['P', 'p'])?;
    let (mut days, mut secs, mut seen, mut in_time) = (0i64, 0i64, false, false);
    let mut number: Option<i64> = None;
    let mut width = 0;
    for c in rest.bytes() {
        match c.to_ascii_uppercase() {
            d @ b'0'..=b'9' => {
                width += 1;
                if width > 9 {
                    return None;
                }
                number = Some(number.unwrap_or(0) * 10 + i64::from(d - b'0'));
            }
            b'T' if !in_time && number.is_none() => in_time = true,
            unit => {
                let n = number.take()?;
                width = 0;
                seen = true;
                match (unit, in_time) {
                    (b'W', false) => days = days.saturating_add(n * 7),
                    (b'D', false) => days = days.saturating_add(n),
                    (b'H', true) => secs = secs.saturating_add(n * 3600),
                    (b'M', true) => secs = secs.saturating_add(n * 60),
                    (b'S', true) => secs = secs.saturating_add(n),
                    _ => return None,
                }
            }
        }
    }
    // Longer than the calendar's 10,000 years is no event's length; the cap keeps every later
    // sum in i64 milliseconds.
    const LONGEST_DAYS: i64 = 3_652_425;
    if number.is_some() || !seen || days > LONGEST_DAYS || secs > LONGEST_DAYS * DAY {
        return None;
    }
    let sign = if negative { -1 } else { 1 };
    Some(Duration {
        days: sign * days,
        secs: sign * secs,
    })
}

/// A UTC-OFFSET, `±HHMM` or `±HHMMSS`, in seconds east of UTC.
pub(crate) fn parse_offset(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    let sign = match b.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    if b.len() != 5 && b.len() != 7 {
        return None;
    }
    let (h, m) = (digits(&b[1..3])?, digits(&b[3..5])?);
    let sec = if b.len() == 7 { digits(&b[5..7])? } else { 0 };
    (h < 24 && m < 60 && sec < 60).then_some(sign * (h * 3600 + m * 60 + sec))
}

/// A RECUR value: the rule and its `UNTIL` as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Recur {
    pub rule: Rule,
    pub until: Option<Stamp>,
}

/// A weekday name, 0 = Monday.
fn weekday_name(s: &str) -> Option<u8> {
    const NAMES: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    NAMES
        .iter()
        .position(|n| n.eq_ignore_ascii_case(s))
        .map(|i| i as u8)
}

/// A signed whole number in `-max..=max`, not 0 unless `zero`.
fn signed(s: &str, max: i64, zero: bool) -> Option<i32> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if body.len() > 4 {
        return None;
    }
    let n = digits(body.as_bytes())?;
    (n <= max && (zero || n > 0)).then_some(if neg { -n as i32 } else { n as i32 })
}

/// A comma-separated list, each item read by `one`.
fn list<T>(value: &str, one: impl Fn(&str) -> Option<T>) -> Option<Vec<T>> {
    value.split(',').map(|v| one(v.trim())).collect()
}

/// A bit mask of a list of numbers in `0..=max`.
fn mask(value: &str, max: i64, from: i64) -> Option<u64> {
    list(value, |v| {
        let n = digits(v.as_bytes())?;
        (from..=max).contains(&n).then_some(n)
    })
    .map(|ns| ns.iter().fold(0u64, |m, &n| m | 1 << n))
}

/// Reads an RRULE value (RFC 5545 §3.3.10). Parts may come in any order; an empty part (a
/// trailing `;`, seen from Google) and unknown `X-` parts are ignored; `RSCALE=GREGORIAN`
/// (RFC 7529) is the default and accepted.
///
/// # Errors
/// A sentence naming the part that is missing or wrong.
pub(crate) fn parse_recur(value: &str) -> Result<Recur, String> {
    let mut freq = None;
    let mut until = None;
    let mut parts: Vec<(&str, &str)> = Vec::new();
    for part in value.trim().split(';').filter(|p| !p.trim().is_empty()) {
        let (key, v) = part
            .split_once('=')
            .ok_or_else(|| format!("RRULE part `{}` has no `=`", truncated(part)))?;
        let key = key.trim();
        if key.eq_ignore_ascii_case("FREQ") {
            freq = Some(match v.trim().to_ascii_uppercase().as_str() {
                "SECONDLY" => Freq::Secondly,
                "MINUTELY" => Freq::Minutely,
                "HOURLY" => Freq::Hourly,
                "DAILY" => Freq::Daily,
                "WEEKLY" => Freq::Weekly,
                "MONTHLY" => Freq::Monthly,
                "YEARLY" => Freq::Yearly,
                _ => return Err(format!("unknown FREQ `{}`", truncated(v))),
            });
        } else {
            parts.push((key, v.trim()));
        }
    }
    let mut rule = Rule::new(freq.ok_or("RRULE has no FREQ")?);
    for (key, v) in parts {
        let bad = || format!("bad RRULE part {key}={}", truncated(v));
        match key.to_ascii_uppercase().as_str() {
            "UNTIL" => until = Some(parse_stamp(v).ok_or_else(bad)?),
            "COUNT" => {
                if v.is_empty() || !v.bytes().all(|c| c.is_ascii_digit()) {
                    return Err(bad());
                }
                // More than u64 holds is as endless as u64::MAX.
                rule.count = Some(v.parse::<u64>().unwrap_or(u64::MAX));
            }
            "INTERVAL" => {
                let n = digits(v.as_bytes())
                    .filter(|_| v.len() <= 9)
                    .ok_or_else(bad)?;
                if n < 1 {
                    return Err(bad());
                }
                rule.interval = n;
            }
            "BYSECOND" => rule.seconds = mask(v, 60, 0).ok_or_else(bad)? & ((1 << 60) - 1),
            "BYMINUTE" => rule.minutes = mask(v, 59, 0).ok_or_else(bad)?,
            "BYHOUR" => rule.hours = mask(v, 23, 0).ok_or_else(bad)? as u32,
            "BYMONTH" => rule.months = mask(v, 12, 1).ok_or_else(bad)? as u16,
            "BYMONTHDAY" => rule.month_days = list(v, |x| signed(x, 31, false)).ok_or_else(bad)?,
            "BYYEARDAY" => rule.year_days = list(v, |x| signed(x, 366, false)).ok_or_else(bad)?,
            "BYWEEKNO" => rule.week_numbers = list(v, |x| signed(x, 53, false)).ok_or_else(bad)?,
            "BYSETPOS" => {
                rule.set_positions = list(v, |x| signed(x, 9999, false)).ok_or_else(bad)?
            }
            "BYDAY" => {
                rule.weekdays = list(v, |x| {
                    let split = x.len().checked_sub(2)?;
                    let wd = weekday_name(x.get(split..)?)?;
                    let ord = match x.get(..split)? {
                        "" => 0,
                        n => signed(n, 53, false)?,
                    };
                    Some((ord, wd))
                })
                .ok_or_else(bad)?;
            }
            "WKST" => rule.week_start = weekday_name(v).ok_or_else(bad)?,
            "RSCALE" if v.eq_ignore_ascii_case("GREGORIAN") => {}
            "SKIP" if v.eq_ignore_ascii_case("OMIT") => {}
            k if k.starts_with("X-") => {}
            _ => return Err(format!("unknown RRULE part `{}`", truncated(key))),
        }
    }
    let mut seen: Vec<(i32, u8)> = Vec::with_capacity(rule.weekdays.len());
    for w in rule.weekdays.drain(..) {
        if !seen.contains(&w) {
            seen.push(w);
        }
    }
    rule.weekdays = seen;
    Ok(Recur { rule, until })
}

/// A TEXT value unescaped (RFC 5545 §3.3.11): `\\`, `\;`, `\,`, `\n` / `\N`.
pub(crate) fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Shortens text quoted in a message.
pub(crate) fn truncated(s: &str) -> String {
    crate::instant::truncate(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_dates_and_utc_times() {
        let d = days_from_civil(2026, 3, 29);
        assert_eq!(
            parse_stamp("20260329"),
            Some(Stamp {
                secs: d * DAY,
                date: true,
                utc: false
            })
        );
        assert_eq!(
            parse_stamp("20260329T023000Z"),
            Some(Stamp {
                secs: d * DAY + 9000,
                date: false,
                utc: true
            })
        );
        assert_eq!(parse_stamp("20260230"), None);
        assert_eq!(parse_stamp("20260329T250000"), None);
        assert_eq!(parse_stamp(""), None);
    }

    #[test]
    fn durations_weeks_days_and_exact_time() {
        assert_eq!(parse_duration("P1W"), Some(Duration { days: 7, secs: 0 }));
        assert_eq!(
            parse_duration("P1DT2H30M"),
            Some(Duration {
                days: 1,
                secs: 9000
            })
        );
        assert_eq!(
            parse_duration("-PT15M"),
            Some(Duration {
                days: 0,
                secs: -900
            })
        );
        assert_eq!(parse_duration("PT"), None);
        assert_eq!(parse_duration("P1H"), None);
        assert_eq!(parse_duration("P9999999999D"), None);
        // Each number fits, their sum is past any event's length.
        assert_eq!(
            parse_duration(&format!("P{}", "999999999W".repeat(3))),
            None
        );
        assert_eq!(
            parse_duration(&format!("PT{}", "999999999H".repeat(99))),
            None
        );
    }

    #[test]
    fn numbers_past_i64_are_bad_values_not_overflows() {
        let huge = "7".repeat(70);
        assert_eq!(digits(huge.as_bytes()), None);
        assert_eq!(digits(b"9223372036854775807"), Some(i64::MAX));
        assert_eq!(digits(b"9223372036854775808"), None);
        assert!(parse_recur(&format!("FREQ=MONTHLY;BYMONTH=1,{huge}")).is_err());
        assert!(parse_recur(&format!("FREQ=DAILY;BYHOUR={huge}")).is_err());
        assert!(parse_recur(&format!("FREQ=DAILY;INTERVAL={huge}")).is_err());
    }

    #[test]
    fn spaces_around_list_separators_are_read_as_if_absent() {
        // Exchange writes `BYDAY=MO, TU, WE` (SPEC §10 v1.2).
        let spaced = parse_recur("FREQ=WEEKLY;BYDAY=MO, TU , WE;BYMONTH=1, 12").unwrap();
        let plain = parse_recur("FREQ=WEEKLY;BYDAY=MO,TU,WE;BYMONTH=1,12").unwrap();
        assert_eq!(spaced, plain);
        assert_eq!(spaced.rule.weekdays, vec![(0, 0), (0, 1), (0, 2)]);
        // A space inside an item is still wrong.
        assert!(parse_recur("FREQ=MONTHLY;BYDAY=-1 SU").is_err());
    }

    #[test]
    fn rrule_parts_in_any_order_with_a_trailing_semicolon() {
        let r = parse_recur("BYDAY=-1SU,MO;FREQ=MONTHLY;COUNT=3;").unwrap();
        assert_eq!(r.rule.freq, Freq::Monthly);
        assert_eq!(r.rule.weekdays, vec![(-1, 6), (0, 0)]);
        assert_eq!(r.rule.count, Some(3));
        assert!(parse_recur("FREQ=WEEKLY;INTERVAL=0").is_err());
        assert!(parse_recur("COUNT=2").is_err());
        assert!(parse_recur("FREQ=DAILY;BYHOUR=24").is_err());
        assert_eq!(
            parse_recur("FREQ=DAILY;COUNT=99999999999999999999999")
                .unwrap()
                .rule
                .count,
            Some(u64::MAX)
        );
    }
}
