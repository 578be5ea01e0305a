//! Schedule expansion: weekly hours, overrides and time off of one zone turned into sorted
//! instants over a horizon (SPEC §4).

use crate::instant::Instant;
use crate::interval::IntervalSet;
use crate::model::{Hours, Pairs, Weekly};
use crate::units::{LocalDate, Ms};
use crate::zone::OffsetTable;

/// A member's working time over a horizon, and the time off that was cut out of it.
#[derive(Debug, Clone)]
pub struct WorkingTime {
    /// Working time minus time off: the stretches a meeting must fit in.
    pub work: IntervalSet,
    /// Every time-off period (dates resolved to instants), joined.
    pub off: IntervalSet,
}

/// Expands `pairs_of(date)` for every local date whose intervals can touch `[from, to)`.
/// Dates the zone skips entirely (Pacific/Apia's 2011-12-30) have no hours: SPEC §4 walks the
/// local dates of the zone, and a skipped date is not one.
fn expand<'p>(
    table: &OffsetTable,
    from: Instant,
    to: Instant,
    mut pairs_of: impl FnMut(LocalDate) -> &'p Pairs,
) -> IntervalSet {
    let (first, last) = (table.local_date(from) - 1, table.local_date(to) + 1);
    let mut spans = Vec::new();
    for date in (first.0..=last.0).map(LocalDate) {
        let pairs = pairs_of(date);
        if pairs.is_empty() || !table.date_exists(date) {
            continue;
        }
        for &(a, b) in pairs {
            // An end at or before the start is on the next date (across midnight).
            let end_date = if b > a { date } else { date + 1 };
            let start = table.instant_for(date.at(a));
            let end = table.instant_for(end_date.at(b));
            if end > start {
                spans.push((start, end));
            }
        }
    }
    IntervalSet::from_unsorted(spans)
}

/// Weekly hours (no overrides) in a zone over `[from, to)`: the page hours of SPEC §4.
pub fn weekly_time(
    weekly: &Weekly,
    table: &OffsetTable,
    from: Instant,
    to: Instant,
) -> IntervalSet {
    expand(table, from, to, |date| &weekly.0[date.weekday()])
}

/// Time-off periods of `hours` that can touch `[from, to)`, resolved in the member's zone.
pub fn time_off(hours: &Hours, table: &OffsetTable, from: Instant, to: Instant) -> IntervalSet {
    let (first, last) = (table.local_date(from) - 1, table.local_date(to) + 1);
    let mut spans: Vec<(Instant, Instant)> = hours
        .off_instants
        .iter()
        .copied()
        .filter(|&(a, b)| a < to + Ms::DAY && b > from - Ms::DAY)
        .collect();
    for &(d0, d1) in &hours.off_dates {
        if d1 >= first && d0 <= last {
            let (d0, d1) = (d0.max(first - 1), d1.min(last + 1));
            spans.push((
                table.instant_for(d0.start()),
                table.instant_for((d1 + 1).start()),
            ));
        }
    }
    IntervalSet::from_unsorted(spans)
}

/// The working time of SPEC §4 over `[from, to)` (it may extend past both ends).
///
/// With `respect_working_hours == false` the member counts as working at all times, less time
/// off.
pub fn working_time(
    hours: &Hours,
    table: &OffsetTable,
    respect_working_hours: bool,
    from: Instant,
    to: Instant,
) -> WorkingTime {
    let worked = if respect_working_hours {
        expand(table, from, to, |date| {
            hours
                .overrides
                .get(&date)
                .unwrap_or(&hours.weekly.0[date.weekday()])
        })
    } else {
        IntervalSet::single(from - 2 * Ms::DAY, to + 2 * Ms::DAY)
    };
    let off = time_off(hours, table, from, to);
    WorkingTime {
        work: worked.subtract(&off),
        off,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Minutes;
    use crate::zone::Tz;

    /// The instant of a UTC date and time.
    fn at(y: i64, m: u32, d: u32, h: i64, min: i64) -> Instant {
        Instant::from_local(
            LocalDate::from_civil(y, m, d).at(Minutes(h * 60 + min)),
            Ms::ZERO,
        )
    }

    #[test]
    fn new_york_fall_back_night_2300_to_0300_is_five_hours() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let table = OffsetTable::over(tz, at(2026, 10, 20, 0, 0), at(2026, 11, 10, 0, 0));
        let mut weekly = Weekly::default();
        weekly.0[5] = vec![(Minutes(23 * 60), Minutes(3 * 60))]; // Saturday 23:00 → Sunday 03:00
        let hours = Hours {
            weekly,
            ..Hours::default()
        };
        let wt = working_time(
            &hours,
            &table,
            true,
            at(2026, 10, 31, 0, 0),
            at(2026, 11, 2, 0, 0),
        );
        let night = wt
            .work
            .spans()
            .iter()
            .find(|s| s.0 == at(2026, 11, 1, 3, 0))
            .copied();
        assert_eq!(night, Some((at(2026, 11, 1, 3, 0), at(2026, 11, 1, 8, 0))));
    }

    #[test]
    fn monday_2200_2400_and_tuesday_0000_0200_join() {
        let tz: Tz = "Europe/Paris".parse().unwrap();
        let table = OffsetTable::over(tz, at(2026, 11, 20, 0, 0), at(2026, 11, 30, 0, 0));
        let mut weekly = Weekly::default();
        weekly.0[0] = vec![(Minutes(22 * 60), Minutes::DAY)];
        weekly.0[1] = vec![(Minutes(0), Minutes(120))];
        let hours = Hours {
            weekly,
            ..Hours::default()
        };
        let wt = working_time(
            &hours,
            &table,
            true,
            at(2026, 11, 23, 0, 0),
            at(2026, 11, 25, 0, 0),
        );
        assert!(wt
            .work
            .contains_span(at(2026, 11, 23, 22, 30), at(2026, 11, 23, 23, 30)));
    }
}
