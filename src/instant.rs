//! Instants, local dates and local times: parsing (SPEC §1) and output formatting.
//!
//! Instants are kept as integer milliseconds since the Unix epoch. Inputs may carry seconds and
//! fractions; callers round them *outward* where a sub-millisecond remainder could matter
//! ([`floor_ms`], [`ceil_ms`]), which keeps every comparison against whole-minute slots exact.

use std::fmt;
use std::ops::{Add, AddAssign, Sub};

use chrono::DateTime;
use serde::{Serialize, Serializer};

use crate::error::{Error, ErrorCode};
use crate::units::{days_in_month, LocalDate, LocalMs, Minutes, Ms};
// The calendar reader (`src/ics`) finds the civil arithmetic here, on day numbers.
#[cfg(feature = "calendars")]
pub(crate) use crate::units::{civil_from_days, days_from_civil, weekday};

/// The first instant accepted on input: 1900-01-01T00:00:00Z.
pub const MIN_INSTANT_NS: i128 = -2_208_988_800_000_000_000;
/// The first instant *not* accepted on input: 2201-01-01T00:00:00Z (years 1900..=2200).
pub const END_INSTANT_NS: i128 = 7_289_654_400_000_000_000;

/// An instant, in milliseconds since the Unix epoch. Formats as `YYYY-MM-DDTHH:MM:SSZ`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub i64);

impl Instant {
    /// Reads an RFC 3339 instant with an offset (SPEC §1); sub-millisecond fractions are
    /// truncated toward the past.
    ///
    /// ```
    /// use bookable::Instant;
    /// let t = Instant::parse("2026-11-23T10:00:00+01:00", "now")?;
    /// assert_eq!(t.to_string(), "2026-11-23T09:00:00Z");
    /// # Ok::<(), bookable::Error>(())
    /// ```
    ///
    /// # Errors
    /// `invalid_instant` at `path` for text that is not one, or lies outside 1900..=2200.
    pub fn parse(text: &str, path: &str) -> Result<Instant, Error> {
        parse_instant_text(text)
            .map(|ns| Instant(floor_ms(ns)))
            .map_err(|why| Error::new(ErrorCode::InvalidInstant, path, why))
    }

    /// An instant from epoch milliseconds, as a request's number field reads it.
    ///
    /// # Errors
    /// `invalid_instant` at `path` outside the years 1900..=2200 or for a non-finite number.
    pub fn from_millis(ms: f64, path: &str) -> Result<Instant, Error> {
        let bad = |why: &str| Error::new(ErrorCode::InvalidInstant, path, why.to_string());
        if !ms.is_finite() || ms.abs() >= 1e15 {
            return Err(bad("the number of milliseconds is out of range"));
        }
        let ns = (ms * 1e6).floor() as i128;
        check_instant_ns(ns)
            .map(|ns| Instant(floor_ms(ns)))
            .map_err(|why| bad(&why))
    }
}

impl Instant {
    /// The local wall-clock time of this instant where the UTC offset is `offset`.
    #[inline]
    pub(crate) fn to_local(self, offset: Ms) -> LocalMs {
        LocalMs(self.0 + offset.0)
    }

    /// The instant of local wall-clock time `local` where the UTC offset is `offset`.
    #[inline]
    pub(crate) fn from_local(local: LocalMs, offset: Ms) -> Instant {
        Instant(local.0 - offset.0)
    }

    /// Whether it is a whole minute (no seconds, no milliseconds).
    #[inline]
    pub(crate) fn is_whole_minute(self) -> bool {
        self.0.rem_euclid(Ms::MINUTE.0) == 0
    }

    /// The first whole minute at or after it.
    #[inline]
    pub(crate) fn ceil_minute(self) -> Instant {
        Instant(-(-self.0).div_euclid(Ms::MINUTE.0) * Ms::MINUTE.0)
    }

    /// `self + length`, held at the ends of `i64`.
    #[inline]
    pub(crate) fn saturating_add(self, length: Ms) -> Instant {
        Instant(self.0.saturating_add(length.0))
    }
}

impl Add<Ms> for Instant {
    type Output = Instant;
    #[inline]
    fn add(self, length: Ms) -> Instant {
        Instant(self.0 + length.0)
    }
}

impl AddAssign<Ms> for Instant {
    #[inline]
    fn add_assign(&mut self, length: Ms) {
        self.0 += length.0;
    }
}

impl Sub<Ms> for Instant {
    type Output = Instant;
    #[inline]
    fn sub(self, length: Ms) -> Instant {
        Instant(self.0 - length.0)
    }
}

impl Sub for Instant {
    type Output = Ms;
    #[inline]
    fn sub(self, earlier: Instant) -> Ms {
        Ms(self.0 - earlier.0)
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.to_local(Ms::ZERO);
        let sod = local.time_of_day().0 / 1000;
        let (y, m, d) = local.date().civil();
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            sod / 3600,
            sod / 60 % 60,
            sod % 60
        )
    }
}

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Floor of nanoseconds to milliseconds.
pub fn floor_ms(ns: i128) -> i64 {
    ns.div_euclid(1_000_000) as i64
}

/// Ceiling of nanoseconds to milliseconds.
pub fn ceil_ms(ns: i128) -> i64 {
    -((-ns).div_euclid(1_000_000) as i64)
}

/// Reads RFC 3339 text with an offset as exact nanoseconds since the epoch, in the years
/// 1900..=2200; the reason it is not one otherwise.
pub fn parse_instant_text(s: &str) -> Result<i128, String> {
    let ns = match parse_rfc3339_common(s) {
        Some(ns) => ns,
        None => {
            let dt = DateTime::parse_from_rfc3339(s).map_err(|_| {
                format!(
                    "`{}` is not an RFC 3339 instant with an offset, like 2026-11-23T09:00:00Z",
                    truncate(s)
                )
            })?;
            dt.timestamp() as i128 * 1_000_000_000 + dt.timestamp_subsec_nanos() as i128
        }
    };
    check_instant_ns(ns)
}

/// `ns` when it lies in the years 1900..=2200 (SPEC §1), else the reason.
pub fn check_instant_ns(ns: i128) -> Result<i128, String> {
    if (MIN_INSTANT_NS..END_INSTANT_NS).contains(&ns) {
        Ok(ns)
    } else {
        Err("instants must lie in the years 1900..2200".to_string())
    }
}

/// The common RFC 3339 shapes (`2026-11-23T09:00:00Z`, `…T09:00:00.250+05:30`) parsed without
/// chrono's general parser, as exact nanoseconds. `None` for anything else (leap seconds, long
/// fractions, odd separators), which then goes through chrono, so the accepted language is
/// chrono's.
fn parse_rfc3339_common(s: &str) -> Option<i128> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        b.get(r)?.iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as i64)
        })
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo)
        || d < 1
        || d > days_in_month(y, mo as u32)
        || h > 23
        || mi > 59
        || sec > 59
    {
        return None;
    }
    let mut i = 19;
    let mut frac_ns: i128 = 0;
    if b[i] == b'.' {
        let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 9 {
            return None;
        }
        frac_ns = num(i + 1..i + 1 + digits)? as i128 * 10i128.pow(9 - digits as u32);
        i += 1 + digits;
    }
    let offset = match &b[i..] {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (oh, om) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if *sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    let date = LocalDate::from_civil(y, mo as u32, d as u32);
    let secs = date.start().0 / 1000 + h * 3600 + mi * 60 + sec - offset;
    Some(secs as i128 * 1_000_000_000 + frac_ns)
}

/// Parses `"YYYY-MM-DD"` (exactly that shape, a real calendar date).
pub fn parse_date_str(s: &str) -> Option<LocalDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as u32)
        })
    };
    let (y, m, d) = (num(0..4)? as i64, num(5..7)?, num(8..10)?);
    let real = (1..=12).contains(&m) && d >= 1 && i64::from(d) <= days_in_month(y, m);
    real.then(|| LocalDate::from_civil(y, m, d))
}

/// Formats a local wall-clock time (milliseconds since 1970-01-01T00:00 local, as if UTC) as
/// `YYYY-MM-DDTHH:MM`, with `:SS` added only when the seconds are not zero (the form of an
/// HTML `datetime-local` value; Temporal's `PlainDateTime.from` reads it). Milliseconds are
/// dropped.
///
/// ```
/// use bookable::format_local;
/// assert_eq!(format_local(1_796_115_600_000), "2026-12-01T09:00");
/// assert_eq!(format_local(-2_208_988_800_000 - 1_172_000), "1899-12-31T23:40:28");
/// ```
pub fn format_local(local_ms: i64) -> String {
    let local = LocalMs(local_ms);
    let (y, m, d) = local.date().civil();
    let sod = local.time_of_day().0 / 1000;
    let (hh, mm, ss) = (sod / 3600, sod / 60 % 60, sod % 60);
    if ss == 0 {
        format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}")
    }
}

/// Reads `"HH:MM"` into minutes of the day; `"24:00"` (1440) only when `allow_end_of_day`.
pub fn parse_time_str(s: &str, allow_end_of_day: bool) -> Option<Minutes> {
    let b = s.as_bytes();
    if b.len() != 5
        || b[2] != b':'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
    {
        return None;
    }
    let h = ((b[0] - b'0') * 10 + (b[1] - b'0')) as i64;
    let m = ((b[3] - b'0') * 10 + (b[4] - b'0')) as i64;
    match (h, m) {
        (0..=23, 0..=59) => Some(Minutes(h * 60 + m)),
        (24, 0) if allow_end_of_day => Some(Minutes::DAY),
        _ => None,
    }
}

/// Shortens user text quoted in messages.
pub(crate) fn truncate(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(40).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_real_calendar_dates_as_chrono_knows_them() {
        for y in [0, 1899, 1900, 1999, 2000, 2024, 2026, 2100, 2200, 9999] {
            for m in 0..=13 {
                for d in 0..=32 {
                    let text = format!("{y:04}-{m:02}-{d:02}");
                    let chrono = chrono::NaiveDate::from_ymd_opt(y, m, d);
                    assert_eq!(parse_date_str(&text).is_some(), chrono.is_some(), "{text}");
                }
            }
        }
    }

    #[test]
    fn times_accept_24_00_only_as_an_end() {
        assert_eq!(parse_time_str("24:00", true), Some(Minutes::DAY));
        assert_eq!(parse_time_str("24:00", false), None);
        assert_eq!(parse_time_str("23:59", false), Some(Minutes(1439)));
        assert_eq!(parse_time_str("9:00", false), None);
        assert_eq!(parse_time_str("24:01", true), None);
        assert_eq!(parse_time_str("12:60", true), None);
    }

    #[test]
    fn instants_round_outward_below_a_millisecond() {
        let ns = parse_instant_text("1970-01-01T00:00:00.0005Z").unwrap();
        assert_eq!((floor_ms(ns), ceil_ms(ns)), (0, 1));
        let ns = parse_instant_text("1969-12-31T23:59:59.9995Z").unwrap();
        assert_eq!((floor_ms(ns), ceil_ms(ns)), (-1, 0));
    }

    #[test]
    fn common_rfc3339_shapes_parse_exactly_as_chrono_does() {
        let samples = [
            "2026-11-23T09:00:00Z",
            "2026-11-23t09:00:00z",
            "2026-11-23 09:00:00Z",
            "2026-11-23T10:00:00+01:00",
            "2026-11-23T03:30:00-05:30",
            "2024-02-29T23:59:59.999999999+14:00",
            "2023-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-23T24:00:00Z",
            "2026-11-23T09:60:00Z",
            "2016-12-31T23:59:60Z",
            "2026-11-23T09:00:00.5Z",
            "2026-11-23T09:00:00.1234567891Z",
            "2026-11-23T09:00:00+24:00",
            "2026-11-23T09:00:00+0100",
            "2026-11-23T09:00:00",
            "1900-01-01T00:00:00Z",
            "2200-12-31T23:59:59-00:00",
            "2026-11-23T09:00:00.Z",
            "+2026-11-23T09:00:00Z",
            "2026-11-23T09:00:00Z ",
        ];
        for s in samples {
            let chrono = DateTime::parse_from_rfc3339(s).ok().map(|dt| {
                dt.timestamp() as i128 * 1_000_000_000 + dt.timestamp_subsec_nanos() as i128
            });
            if let Some(fast) = parse_rfc3339_common(s) {
                assert_eq!(Some(fast), chrono, "{s}");
            }
            assert_eq!(
                parse_instant_text(s).ok(),
                chrono.filter(|ns| (MIN_INSTANT_NS..END_INSTANT_NS).contains(ns)),
                "{s}"
            );
        }
        assert!(parse_rfc3339_common("2026-11-23T09:00:00Z").is_some());
        assert!(parse_rfc3339_common("2026-11-23T09:00:00.250+05:30").is_some());
    }

    #[test]
    fn instants_outside_1900_2200_are_rejected() {
        assert!(parse_instant_text("1899-12-31T23:59:59Z").is_err());
        assert!(parse_instant_text("1900-01-01T00:00:00Z").is_ok());
        assert!(parse_instant_text("2200-12-31T23:59:59Z").is_ok());
        assert!(parse_instant_text("2201-01-01T00:00:00Z").is_err());
        assert!(parse_instant_text("2026-11-23T09:00:00").is_err());
    }
}
