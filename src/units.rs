//! The units of time that travel between the reader, the time layer and the engine, each its
//! own type, so a length in minutes cannot be added to milliseconds or a local date compared
//! with an instant: [`Ms`] (a length of time), [`Minutes`] (the request's lengths, grid steps,
//! times of day), [`Seconds`] (the tz database's offsets), [`LocalDate`] (a local calendar
//! date as a day number) and [`LocalMs`] (a local wall-clock time). Instants are
//! [`crate::Instant`] (its conversions to and from local time are there). Each unit has its
//! own `DAY`; conversions are named (`Minutes::to_ms`, `LocalDate::start`).
//!
//! And the civil-date arithmetic of the proleptic Gregorian calendar (the one copy in Rust).

use std::fmt;
use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

/// The arithmetic every length of time has: sums and differences of the same unit, negation,
/// a whole multiple.
macro_rules! length {
    ($t:ident) => {
        impl Add for $t {
            type Output = $t;
            #[inline]
            fn add(self, other: $t) -> $t {
                $t(self.0 + other.0)
            }
        }
        impl Sub for $t {
            type Output = $t;
            #[inline]
            fn sub(self, other: $t) -> $t {
                $t(self.0 - other.0)
            }
        }
        impl AddAssign for $t {
            #[inline]
            fn add_assign(&mut self, other: $t) {
                self.0 += other.0;
            }
        }
        impl Neg for $t {
            type Output = $t;
            #[inline]
            fn neg(self) -> $t {
                $t(-self.0)
            }
        }
        impl Mul<i64> for $t {
            type Output = $t;
            #[inline]
            fn mul(self, n: i64) -> $t {
                $t(self.0 * n)
            }
        }
        impl Mul<$t> for i64 {
            type Output = $t;
            #[inline]
            fn mul(self, t: $t) -> $t {
                $t(self * t.0)
            }
        }
    };
}

/// A length of time in milliseconds: a meeting's length, a buffer, a notice, a UTC offset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ms(pub i64);
length!(Ms);

impl Ms {
    /// No time.
    pub const ZERO: Ms = Ms(0);
    /// A second.
    pub const SECOND: Ms = Ms(1_000);
    /// A minute.
    pub const MINUTE: Ms = Ms(60_000);
    /// An hour.
    pub const HOUR: Ms = Ms(3_600_000);
    /// A day of 24 hours (a UTC day, or a naive local one).
    pub const DAY: Ms = Ms(86_400_000);

    /// The whole minutes in it, rounded toward the past.
    #[inline]
    pub fn whole_minutes(self) -> Minutes {
        Minutes(self.0.div_euclid(Ms::MINUTE.0))
    }

    /// `self + other`, held at the ends of `i64` (notice added to a far `now`).
    #[inline]
    pub fn saturating_add(self, other: Ms) -> Ms {
        Ms(self.0.saturating_add(other.0))
    }
}

/// A length of time, or a time of day, in whole minutes, as requests give them (`duration`,
/// `step`, buffers, `minNotice`, `"HH:MM"`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Minutes(pub i64);
length!(Minutes);

impl Minutes {
    /// A day: 1,440 minutes (`"24:00"` as a time of day).
    pub const DAY: Minutes = Minutes(1_440);

    /// The same length in milliseconds.
    #[inline]
    pub const fn to_ms(self) -> Ms {
        Ms(self.0 * Ms::MINUTE.0)
    }
}

/// A length of time in whole seconds, the tz database's unit for offsets and transitions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Seconds(pub i64);
length!(Seconds);

impl Seconds {
    /// A day: 86,400 seconds.
    pub const DAY: Seconds = Seconds(86_400);

    /// The same length in milliseconds.
    #[inline]
    pub const fn to_ms(self) -> Ms {
        Ms(self.0 * Ms::SECOND.0)
    }
}

/// A local calendar date as a day number: days since 1970-01-01 (negative before). Dates are
/// local: which instants one holds depends on a zone. Adding `n` moves `n` dates on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDate(pub i64);

impl LocalDate {
    /// The date of a proleptic Gregorian year, month (1–12) and day (1–31).
    #[inline]
    pub fn from_civil(y: i64, m: u32, d: u32) -> LocalDate {
        LocalDate(days_from_civil(y, m, d))
    }

    /// `(year, month, day)`.
    #[inline]
    pub fn civil(self) -> (i64, u32, u32) {
        civil_from_days(self.0)
    }

    /// 0 = Monday … 6 = Sunday.
    #[inline]
    pub fn weekday(self) -> usize {
        weekday(self.0)
    }

    /// Its first local wall-clock time, 00:00.
    #[inline]
    pub fn start(self) -> LocalMs {
        LocalMs(self.0 * Ms::DAY.0)
    }

    /// Its local wall-clock time `time` after 00:00 (1,440 minutes is the next date's 00:00).
    #[inline]
    pub fn at(self, time: Minutes) -> LocalMs {
        self.start() + time.to_ms()
    }
}

impl Add<i64> for LocalDate {
    type Output = LocalDate;
    #[inline]
    fn add(self, days: i64) -> LocalDate {
        LocalDate(self.0 + days)
    }
}

impl Sub<i64> for LocalDate {
    type Output = LocalDate;
    #[inline]
    fn sub(self, days: i64) -> LocalDate {
        LocalDate(self.0 - days)
    }
}

/// `YYYY-MM-DD`.
impl fmt::Display for LocalDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.civil();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// A local wall-clock time: milliseconds since 1970-01-01T00:00 local, counted as if the zone
/// were UTC (no offset, no gaps). An instant's local time, or the time a schedule names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalMs(pub i64);

impl LocalMs {
    /// The local date it falls on.
    #[inline]
    pub fn date(self) -> LocalDate {
        LocalDate(self.0.div_euclid(Ms::DAY.0))
    }

    /// The time since its date's 00:00.
    #[inline]
    pub fn time_of_day(self) -> Ms {
        Ms(self.0.rem_euclid(Ms::DAY.0))
    }
}

impl Add<Ms> for LocalMs {
    type Output = LocalMs;
    #[inline]
    fn add(self, length: Ms) -> LocalMs {
        LocalMs(self.0 + length.0)
    }
}

impl Sub<Ms> for LocalMs {
    type Output = LocalMs;
    #[inline]
    fn sub(self, length: Ms) -> LocalMs {
        LocalMs(self.0 - length.0)
    }
}

impl AddAssign<Ms> for LocalMs {
    #[inline]
    fn add_assign(&mut self, length: Ms) {
        self.0 += length.0;
    }
}

impl SubAssign<Ms> for LocalMs {
    #[inline]
    fn sub_assign(&mut self, length: Ms) {
        self.0 -= length.0;
    }
}

impl Sub for LocalMs {
    type Output = Ms;
    #[inline]
    fn sub(self, other: LocalMs) -> Ms {
        Ms(self.0 - other.0)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Weekday of days since 1970-01-01: 0 = Monday … 6 = Sunday.
pub fn weekday(days: i64) -> usize {
    // 1970-01-01 was a Thursday (3).
    (days + 3).rem_euclid(7) as usize
}

/// Days in month `m` (1–12) of year `y`.
pub fn days_in_month(y: i64, m: u32) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_across_four_centuries() {
        for z in (-30_000..120_000).step_by(7) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        let monday = LocalDate::from_civil(2026, 11, 23);
        assert_eq!(monday.to_string(), "2026-11-23");
        assert_eq!(monday.weekday(), 0);
        assert_eq!((monday + 6).weekday(), 6);
    }

    #[test]
    fn each_unit_has_its_own_day() {
        assert_eq!(Minutes::DAY.to_ms(), Ms::DAY);
        assert_eq!(Seconds::DAY.to_ms(), Ms::DAY);
        assert_eq!(LocalDate(1).start() - LocalDate(0).start(), Ms::DAY);
        assert_eq!(LocalDate(0).at(Minutes::DAY), LocalDate(1).start());
    }

    #[test]
    fn local_times_before_1970_fall_on_their_own_date() {
        let t = LocalDate(-1).at(Minutes(23 * 60 + 59));
        assert_eq!(t.date(), LocalDate(-1));
        assert_eq!(t.time_of_day(), Minutes(23 * 60 + 59).to_ms());
        assert_eq!((t + Ms::MINUTE).date(), LocalDate(0));
    }
}
