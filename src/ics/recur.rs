//! RFC 5545 §3.3.10 recurrence rules expanded in local wall-clock time.
//!
//! Times here are naive local seconds since 1970-01-01T00:00 (no zone: the caller resolves each
//! instance with SPEC §2). A [`Series`] is a rule anchored at its DTSTART; it yields the
//! instances inside any window in ascending order, with work proportional to the periods the
//! window spans and the instances it holds, however far the window lies from DTSTART. A `COUNT`
//! is turned once, when the series is built, into the local time of the last instance (a scan
//! from DTSTART that stops at the count, at the year 2201, or at a work budget).
//!
//! Choices (RFC 5545 leaves them open or libical and RFC 5545 differ):
//! - DTSTART is always the first instance and counts toward `COUNT` (RFC 5545 §3.8.5.3), even
//!   when the rule would not produce it (libical and dateutil drop such a DTSTART), and an
//!   `UNTIL` before DTSTART leaves it (SPEC §10 v1.2).
//! - Invalid dates (February 30) are skipped and not counted; local times in a DST gap are not
//!   this module's business (the caller resolves them forward, SPEC §2).
//! - `FREQ=YEARLY` with `BYWEEKNO` steps through week-numbering years (libical's reading): the
//!   period holds the weeks of that year, some of whose days lie in the calendar years around it.
//! - `FREQ=YEARLY;BYMONTHDAY=…` without `BYMONTH` takes DTSTART's month (RFC 5545 §3.3.10: what
//!   the rule does not give comes from DTSTART), as libical does.
//! - A BY part the RFC marks "N/A" for a frequency (`BYYEARDAY` with `WEEKLY`, say) limits.
//! - With a DATE DTSTART, `BYHOUR`, `BYMINUTE` and `BYSECOND` are ignored.

use super::walk::{Emit, Walk};

/// Seconds in a day.
pub(super) const DAY: i64 = 86_400;
/// Local days beyond which nothing is generated: 2202-01-01 (instants stop at 2200).
pub(super) const LAST_DAY: i64 = 84_006;
/// Work units a `COUNT` scan may spend before the rule is refused as too costly.
pub(super) const COUNT_BUDGET: u64 = 4_000_000;

/// `FREQ`, finest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Freq {
    Secondly,
    Minutely,
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// A recurrence rule without its `UNTIL` (the caller turns that into a local bound).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Rule {
    pub freq: Freq,
    /// `INTERVAL`, ≥ 1.
    pub interval: i64,
    /// `COUNT`.
    pub count: Option<u64>,
    /// `BYSECOND` as a bit mask of 0..=59 (0: not given).
    pub seconds: u64,
    /// `BYMINUTE` as a bit mask of 0..=59.
    pub minutes: u64,
    /// `BYHOUR` as a bit mask of 0..=23.
    pub hours: u32,
    /// `BYDAY`: (ordinal, 0 for every; weekday, 0 = Monday).
    pub weekdays: Vec<(i32, u8)>,
    /// `BYMONTHDAY`, ±1..=31.
    pub month_days: Vec<i32>,
    /// `BYYEARDAY`, ±1..=366.
    pub year_days: Vec<i32>,
    /// `BYWEEKNO`, ±1..=53.
    pub week_numbers: Vec<i32>,
    /// `BYMONTH` as a bit mask of 1..=12.
    pub months: u16,
    /// `BYSETPOS`, ±1..=366 (larger values select nothing).
    pub set_positions: Vec<i32>,
    /// `WKST`, 0 = Monday (the default).
    pub week_start: u8,
}

impl Rule {
    /// A rule of `freq` with nothing else set.
    pub(crate) fn new(freq: Freq) -> Rule {
        Rule {
            freq,
            interval: 1,
            count: None,
            seconds: 0,
            minutes: 0,
            hours: 0,
            weekdays: Vec::new(),
            month_days: Vec::new(),
            year_days: Vec::new(),
            week_numbers: Vec::new(),
            months: 0,
            set_positions: Vec::new(),
            week_start: 0,
        }
    }
}

/// Why a series cannot be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SeriesError {
    /// A sub-daily rule with a DATE start.
    SubDailyDates,
    /// Counting the instances up to `COUNT` needs more work than a feed may ask for.
    TooCostly,
}

impl SeriesError {
    pub(crate) fn message(self) -> &'static str {
        match self {
            SeriesError::SubDailyDates => {
                "an hourly, minutely or secondly RRULE needs a DTSTART with a time"
            }
            SeriesError::TooCostly => "the RRULE needs too much work to count its instances",
        }
    }
}

/// A rule anchored at its DTSTART.
#[derive(Clone, Debug)]
pub(crate) struct Series {
    pub(super) rule: Rule,
    /// DTSTART, local seconds.
    pub(super) start: i64,
    /// DTSTART is a DATE: instances are dates (at local 00:00).
    date_only: bool,
    /// No instance after this local time (from `UNTIL` and `COUNT`).
    last: Option<i64>,
}

/// Bits of `mask` below `limit`, ascending.
pub(super) fn bits(mask: u64, limit: u32) -> impl Iterator<Item = i64> {
    (0..limit)
        .filter(move |b| mask & (1 << b) != 0)
        .map(i64::from)
}

impl Series {
    /// The series of `rule` from `start` (local seconds; a DATE start is its 00:00), with no
    /// instance after `until` (local seconds, inclusive) when given; DTSTART is an instance
    /// even when `until` is before it (SPEC §10 v1.2).
    pub(crate) fn new(
        rule: Rule,
        start: i64,
        date_only: bool,
        until: Option<i64>,
    ) -> Result<Series, SeriesError> {
        if date_only && rule.freq < Freq::Daily {
            return Err(SeriesError::SubDailyDates);
        }
        let mut series = Series {
            rule,
            start,
            date_only,
            last: until.map(|u| u.max(start)),
        };
        if let Some(count) = series.rule.count {
            series.last = match series.nth_after_start(count.saturating_sub(1))? {
                Some(t) => Some(series.last.map_or(t, |u| u.min(t))),
                None => series.last,
            };
            if count == 0 {
                series.last = Some(start - 1);
            }
        }
        Ok(series)
    }

    /// The last instance's bound, when the series ends.
    pub(crate) fn last(&self) -> Option<i64> {
        self.last
    }

    /// Calls `f` with every instance in `[lo, hi)` (local seconds), ascending; stops early when
    /// `f` returns false. DTSTART is the first instance.
    pub(crate) fn each(&self, lo: i64, hi: i64, f: &mut dyn FnMut(i64) -> bool) {
        let hi = match self.last {
            Some(last) => hi.min(last.saturating_add(1)),
            None => hi,
        };
        if hi <= lo || hi <= self.start {
            return;
        }
        if self.start >= lo && !f(self.start) {
            return;
        }
        let lo = lo.max(self.start + 1);
        let mut walk = Walk {
            series: self,
            lo,
            hi,
            emit: Emit::Each(f),
            work: 0,
        };
        walk.run(lo.div_euclid(DAY));
    }

    /// The `n`-th instance after DTSTART (n = 0: DTSTART itself), or `None` when the series
    /// has fewer before the year 2202.
    fn nth_after_start(&self, n: u64) -> Result<Option<i64>, SeriesError> {
        if n == 0 {
            return Ok(Some(self.start));
        }
        let mut walk = Walk {
            series: self,
            lo: self.start + 1,
            hi: LAST_DAY * DAY,
            emit: Emit::Count {
                left: n,
                found: None,
            },
            work: 0,
        };
        walk.run(self.start.div_euclid(DAY));
        if walk.work > COUNT_BUDGET {
            return Err(SeriesError::TooCostly);
        }
        match walk.emit {
            Emit::Count { left: 0, found } => Ok(found),
            _ => Ok(None),
        }
    }

    /// DTSTART's local (date, hour, minute, second).
    pub(super) fn start_parts(&self) -> (i64, i64, i64, i64) {
        let date = self.start.div_euclid(DAY);
        let tod = self.start.rem_euclid(DAY);
        (date, tod / 3600, tod / 60 % 60, tod % 60)
    }

    /// The seconds of the day of each instance of a daily or coarser period, ascending.
    pub(super) fn times(&self) -> Vec<i64> {
        if self.date_only {
            return vec![0];
        }
        let (_, h0, m0, s0) = self.start_parts();
        let r = &self.rule;
        let pick = |mask: u64, limit: u32, default: i64| -> Vec<i64> {
            if mask == 0 {
                vec![default]
            } else {
                bits(mask, limit).collect()
            }
        };
        let hours = pick(u64::from(r.hours), 24, h0);
        let minutes = pick(r.minutes, 60, m0);
        let seconds = pick(r.seconds, 60, s0);
        let mut out = Vec::with_capacity(hours.len() * minutes.len() * seconds.len());
        for h in &hours {
            for m in &minutes {
                for s in &seconds {
                    out.push(h * 3600 + m * 60 + s);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instant::days_from_civil;

    fn at(y: i64, m: u32, d: u32, h: i64, mi: i64) -> i64 {
        days_from_civil(y, m, d) * DAY + h * 3600 + mi * 60
    }

    fn all(series: &Series, lo: i64, hi: i64) -> Vec<i64> {
        let mut out = Vec::new();
        series.each(lo, hi, &mut |t| {
            out.push(t);
            true
        });
        out
    }

    #[test]
    fn weekly_on_tuesday_and_thursday_windowed_far_from_dtstart() {
        let mut rule = Rule::new(Freq::Weekly);
        rule.weekdays = vec![(0, 1), (0, 3)];
        let s = Series::new(rule, at(2010, 1, 5, 9, 0), false, None).unwrap();
        let got = all(&s, at(2026, 3, 1, 0, 0), at(2026, 3, 8, 0, 0));
        assert_eq!(got, [at(2026, 3, 3, 9, 0), at(2026, 3, 5, 9, 0)]);
    }

    #[test]
    fn a_count_of_a_billion_daily_ends_past_2200_and_costs_nothing() {
        let mut rule = Rule::new(Freq::Daily);
        rule.count = Some(1_000_000_000);
        let s = Series::new(rule, at(2020, 1, 1, 9, 0), false, None).unwrap();
        assert_eq!(s.last(), None);
        assert_eq!(all(&s, at(2026, 1, 1, 0, 0), at(2026, 1, 3, 0, 0)).len(), 2);
    }

    #[test]
    fn secondly_count_is_counted_by_arithmetic() {
        let mut rule = Rule::new(Freq::Secondly);
        rule.count = Some(1_000_000_000);
        let s = Series::new(rule.clone(), at(2020, 1, 1, 0, 0), false, None).unwrap();
        // 10^9 instances a second apart: the last at DTSTART + 999,999,999 s (in 2051).
        assert_eq!(s.last(), Some(at(2020, 1, 1, 0, 0) + 999_999_999));
        // 7 s apart they run past 2200: no end.
        rule.interval = 7;
        let s = Series::new(rule, at(2020, 1, 1, 0, 0), false, None).unwrap();
        assert_eq!(s.last(), None);
    }
}

#[cfg(test)]
#[path = "../../tests/ics/libical.rs"]
mod libical;
