//! Schedule expansion: weekly hours, overrides and time off of one zone turned into sorted
//! instants over a horizon (SPEC §4).

use crate::instant::{weekday, DAY, MINUTE};
use crate::interval::IntervalSet;
use crate::model::{Hours, Pairs, Weekly};
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
    from: i64,
    to: i64,
    mut pairs_of: impl FnMut(i64) -> &'p Pairs,
) -> IntervalSet {
    let (first, last) = (table.local_date(from) - 1, table.local_date(to) + 1);
    let mut spans = Vec::new();
    for date in first..=last {
        let pairs = pairs_of(date);
        if pairs.is_empty() || !table.date_exists(date) {
            continue;
        }
        let midnight = date * DAY;
        for &(a, b) in pairs {
            let end_day = if b > a { midnight } else { midnight + DAY };
            let start = table.to_instant(midnight + a * MINUTE);
            let end = table.to_instant(end_day + b * MINUTE);
            if end > start {
                spans.push((start, end));
            }
        }
    }
    IntervalSet::from_unsorted(spans)
}

/// Weekly hours (no overrides) in a zone over `[from, to)`: the page hours of SPEC §4.
pub fn weekly_time(weekly: &Weekly, table: &OffsetTable, from: i64, to: i64) -> IntervalSet {
    expand(table, from, to, |date| &weekly.0[weekday(date)])
}

/// Time-off periods of `hours` that can touch `[from, to)`, resolved in the member's zone.
pub fn time_off(hours: &Hours, table: &OffsetTable, from: i64, to: i64) -> IntervalSet {
    let (first, last) = (table.local_date(from) - 1, table.local_date(to) + 1);
    let mut spans: Vec<(i64, i64)> = hours
        .off_instants
        .iter()
        .copied()
        .filter(|&(a, b)| a < to + DAY && b > from - DAY)
        .collect();
    for &(d0, d1) in &hours.off_dates {
        if d1 >= first && d0 <= last {
            let (d0, d1) = (d0.max(first - 1), d1.min(last + 1));
            spans.push((table.to_instant(d0 * DAY), table.to_instant((d1 + 1) * DAY)));
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
    from: i64,
    to: i64,
) -> WorkingTime {
    let worked = if respect_working_hours {
        expand(table, from, to, |date| {
            hours
                .overrides
                .get(&date)
                .unwrap_or(&hours.weekly.0[weekday(date)])
        })
    } else {
        IntervalSet::single(from - 2 * DAY, to + 2 * DAY)
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
    use crate::instant::days_from_civil;
    use crate::zone::Tz;

    fn at(y: i64, m: u32, d: u32, h: i64, min: i64) -> i64 {
        days_from_civil(y, m, d) * DAY + (h * 60 + min) * MINUTE
    }

    #[test]
    fn new_york_fall_back_night_2300_to_0300_is_five_hours() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let table = OffsetTable::new(tz, at(2026, 10, 20, 0, 0), at(2026, 11, 10, 0, 0));
        let mut weekly = Weekly::default();
        weekly.0[5] = vec![(23 * 60, 3 * 60)]; // Saturday 23:00 → Sunday 03:00
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
        let table = OffsetTable::new(tz, at(2026, 11, 20, 0, 0), at(2026, 11, 30, 0, 0));
        let mut weekly = Weekly::default();
        weekly.0[0] = vec![(22 * 60, 1440)];
        weekly.0[1] = vec![(0, 120)];
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
