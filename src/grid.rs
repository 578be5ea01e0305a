//! The page side of SPEC §4: the candidate grid in the page zone, and the window of starts the
//! page's own rules allow (notice, `maxDaysAhead`, `minDaysAhead`, `dateRange`, page hours).

use crate::instant::{DAY, MINUTE};
use crate::interval::IntervalSet;
use crate::model::Event;
use crate::schedule::weekly_time;
use crate::zone::OffsetTable;

/// The candidate grid of SPEC §4 in one zone: whole minutes whose wall-clock minute of the day
/// is a multiple of `step`.
pub struct Grid<'a> {
    table: &'a OffsetTable,
    step: i64,
}

fn ceil_minute(t: i64) -> i64 {
    -(-t).div_euclid(MINUTE) * MINUTE
}

impl<'a> Grid<'a> {
    /// The grid of `step` minutes in the zone of `table`.
    pub fn new(table: &'a OffsetTable, step: i64) -> Self {
        Grid { table, step }
    }

    /// Whether instant `t` (ms) is a candidate start.
    pub fn contains(&self, t: i64) -> bool {
        t.rem_euclid(MINUTE) == 0
            && (self.table.to_local(t).rem_euclid(DAY) / MINUTE) % self.step == 0
    }

    /// The first candidate in `[a, b)`, if any.
    pub fn first_in(&self, a: i64, b: i64) -> Option<i64> {
        let mut first = None;
        self.each(a, b, |s| {
            first = Some(s);
            false
        });
        first
    }

    /// Calls `f` with every candidate in `[a, b)`, ascending, until `f` returns false.
    /// Returns false when stopped.
    pub fn each(&self, a: i64, b: i64, mut f: impl FnMut(i64) -> bool) -> bool {
        let mut t = a;
        while t < b {
            let (_, seg_end, o) = self.table.segment_at(t);
            let t0 = ceil_minute(t);
            let local = t0 + o;
            let mut day = local.div_euclid(DAY) * DAY;
            // The smallest grid minute m whose instant ceil_minute(day + m − o) is ≥ t0.
            let mut m = (t0 - MINUTE + o - day).div_euclid(MINUTE) + 1;
            m = (m + self.step - 1).div_euclid(self.step) * self.step;
            if m >= 1440 {
                day += DAY;
                m = 0;
            }
            let stop = seg_end.min(b);
            loop {
                let s = ceil_minute(day + m * MINUTE - o);
                if s >= stop {
                    break;
                }
                if !f(s) {
                    return false;
                }
                m += self.step;
                if m >= 1440 {
                    day += DAY;
                    m = 0;
                }
            }
            t = seg_end;
        }
        true
    }
}

/// Every start `s` in `[lo, hi)` whose page-local date passes `maxDaysAhead` and `dateRange`
/// and whose slot fits the page hours.
pub(crate) fn page_window(
    event: &Event,
    page: &OffsetTable,
    now: i64,
    lo: i64,
    hi: i64,
) -> IntervalSet {
    let mut window = IntervalSet::single(lo, hi);
    if lo >= hi {
        return window;
    }
    let by_local = |local_lo: i64, local_hi: i64| {
        IntervalSet::from_sorted(page.instants_with_local_in(local_lo, local_hi, lo, hi))
    };
    const FAR: i64 = i64::MAX / 4;
    if let Some(days) = event.max_days_ahead {
        let last = page.local_date(now) + days;
        window = window.intersect(&by_local(-FAR, (last + 1) * DAY));
    }
    if event.min_days_ahead > 0 {
        let first = page.local_date(now) + event.min_days_ahead;
        window = window.intersect(&by_local(first * DAY, FAR));
    }
    if let Some((from, to)) = event.date_range {
        window = window.intersect(&by_local(from * DAY, (to + 1) * DAY));
    }
    if let Some(hours) = &event.hours {
        let page_hours = weekly_time(hours, page, lo - DAY, hi + event.duration + DAY);
        window = window.intersect(&page_hours.starts_fitting(event.duration));
    }
    window
}
