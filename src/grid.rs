//! The page side of SPEC §4: the candidate grid in the page zone, and the window of starts the
//! page's own rules allow (notice, `maxDaysAhead`, `minDaysAhead`, `dateRange`, page hours).

use crate::instant::Instant;
use crate::interval::IntervalSet;
use crate::model::Event;
use crate::schedule::weekly_time;
use crate::units::{LocalDate, LocalMs, Minutes, Ms};
use crate::zone::OffsetTable;

/// The candidate grid of SPEC §4 in one zone: whole minutes whose wall-clock minute of the day
/// is a multiple of `step`.
pub struct Grid<'a> {
    table: &'a OffsetTable,
    step: Minutes,
}

impl<'a> Grid<'a> {
    /// The grid of `step` in the zone of `table`.
    pub fn new(table: &'a OffsetTable, step: Minutes) -> Self {
        Grid { table, step }
    }

    /// Whether instant `t` is a candidate start.
    pub fn contains(&self, t: Instant) -> bool {
        t.is_whole_minute()
            && self.table.to_local(t).time_of_day().whole_minutes().0 % self.step.0 == 0
    }

    /// The first candidate in `[a, b)`, if any.
    pub fn first_in(&self, a: Instant, b: Instant) -> Option<Instant> {
        let mut first = None;
        self.each(a, b, |s| {
            first = Some(s);
            false
        });
        first
    }

    /// Calls `f` with every candidate in `[a, b)`, ascending, until `f` returns false.
    /// Returns false when stopped.
    pub fn each(&self, a: Instant, b: Instant, mut f: impl FnMut(Instant) -> bool) -> bool {
        let step = self.step.0;
        let mut t = a;
        while t < b {
            let (_, seg_end, o) = self.table.segment_at(t);
            let t0 = t.ceil_minute();
            let local: LocalMs = t0.to_local(o);
            let mut day: LocalDate = local.date();
            // The smallest grid minute m whose instant ceil_minute(day + m − o) is ≥ t0.
            let mut m = (local - Ms::MINUTE - day.start()).whole_minutes().0 + 1;
            m = (m + step - 1).div_euclid(step) * step;
            if m >= Minutes::DAY.0 {
                day = day + 1;
                m = 0;
            }
            let stop = seg_end.min(b);
            loop {
                let s = Instant::from_local(day.at(Minutes(m)), o).ceil_minute();
                if s >= stop {
                    break;
                }
                if !f(s) {
                    return false;
                }
                m += step;
                if m >= Minutes::DAY.0 {
                    day = day + 1;
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
    now: Instant,
    lo: Instant,
    hi: Instant,
) -> IntervalSet {
    let mut window = IntervalSet::single(lo, hi);
    if lo >= hi {
        return window;
    }
    let by_local = |local_lo: LocalMs, local_hi: LocalMs| {
        IntervalSet::from_sorted(page.instants_with_local_in(local_lo, local_hi, lo, hi))
    };
    const FAR: i64 = i64::MAX / 4;
    if let Some(days) = event.max_days_ahead {
        let last = page.local_date(now) + days;
        window = window.intersect(&by_local(LocalMs(-FAR), (last + 1).start()));
    }
    if event.min_days_ahead > 0 {
        let first = page.local_date(now) + event.min_days_ahead;
        window = window.intersect(&by_local(first.start(), LocalMs(FAR)));
    }
    if let Some((from, to)) = event.date_range {
        window = window.intersect(&by_local(from.start(), (to + 1).start()));
    }
    if let Some(hours) = &event.hours {
        let d = event.duration.to_ms();
        let page_hours = weekly_time(hours, page, lo - Ms::DAY, hi + d + Ms::DAY);
        window = window.intersect(&page_hours.starts_fitting(d));
    }
    window
}
