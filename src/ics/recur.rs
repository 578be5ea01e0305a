//! RFC 5545 §3.3.10 recurrence rules expanded in local wall-clock time.
//!
//! Times here are naive local seconds since 1970-01-01T00:00 (no zone: the caller resolves each
//! instance with SPEC §2). A [`Series`] is a rule anchored at its DTSTART ([`Anchored`], from
//! [`super::rule`]) with its last instance; walked by [`super::walk`], it yields the
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

use super::rule::{Anchored, Freq, Rule, DAY, LAST_DAY};
use super::walk::{Emit, Walk, COUNT_BUDGET};

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

/// A rule anchored at its DTSTART, and where it ends.
#[derive(Clone, Debug)]
pub(crate) struct Series {
    anchored: Anchored,
    /// No instance after this local time (from `UNTIL` and `COUNT`).
    last: Option<i64>,
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
        let count = rule.count;
        let mut series = Series {
            anchored: Anchored {
                rule,
                start,
                date_only,
            },
            last: until.map(|u| u.max(start)),
        };
        if let Some(count) = count {
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
        let start = self.anchored.start;
        if hi <= lo || hi <= start {
            return;
        }
        if start >= lo && !f(start) {
            return;
        }
        let lo = lo.max(start + 1);
        let mut walk = Walk {
            anchored: &self.anchored,
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
        let start = self.anchored.start;
        if n == 0 {
            return Ok(Some(start));
        }
        let mut walk = Walk {
            anchored: &self.anchored,
            lo: start + 1,
            hi: LAST_DAY * DAY,
            emit: Emit::Count {
                left: n,
                found: None,
            },
            work: 0,
        };
        walk.run(start.div_euclid(DAY));
        if walk.work > COUNT_BUDGET {
            return Err(SeriesError::TooCostly);
        }
        match walk.emit {
            Emit::Count { left: 0, found } => Ok(found),
            _ => Ok(None),
        }
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
