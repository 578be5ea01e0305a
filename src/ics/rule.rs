//! A recurrence rule as data (RFC 5545 §3.3.10) and the rule anchored at its DTSTART: what
//! reading a RECUR value produces (`values`) and what the period dates (`dates`), the walk over
//! periods (`walk`) and the series (`recur`) read. The lowest room of the recurrence code: it
//! imports none of them, so the dependency runs one way, `recur → walk → dates → rule`.
//!
//! Times are naive local seconds since 1970-01-01T00:00 (no zone).

/// Seconds in a day (the local seconds of this room are plain `i64`s).
pub(super) const DAY: i64 = crate::units::Seconds::DAY.0;
/// Local days beyond which nothing is generated: 2202-01-01 (instants stop at 2200).
pub(super) const LAST_DAY: i64 = 84_006;

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

/// Bits of `mask` below `limit`, ascending.
pub(super) fn bits(mask: u64, limit: u32) -> impl Iterator<Item = i64> {
    (0..limit)
        .filter(move |b| mask & (1 << b) != 0)
        .map(i64::from)
}

/// A rule anchored at its DTSTART: the part of a series a walk over its periods reads.
#[derive(Clone, Debug)]
pub(crate) struct Anchored {
    pub rule: Rule,
    /// DTSTART, local seconds.
    pub start: i64,
    /// DTSTART is a DATE: instances are dates (at local 00:00).
    pub date_only: bool,
}

impl Anchored {
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
