//! The dates of one period of a recurrence rule (RFC 5545 §3.3.10): a year, a week-numbering
//! year, a month or a week, with `BYMONTH`, `BYWEEKNO`, `BYYEARDAY`, `BYMONTHDAY` and `BYDAY`
//! expanding or limiting as the RFC's table says; and the day filter of daily and finer rules.
//! Dates are days since 1970-01-01 (the civil arithmetic of [`crate::instant`]).

use super::rule::Rule;
use crate::instant::{civil_from_days, days_from_civil, weekday};

/// Days in month `m` of year `y`.
pub(super) fn month_len(y: i64, m: u32) -> i64 {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    days_from_civil(ny, nm, 1) - days_from_civil(y, m, 1)
}

/// `(January 1st, days in the year)` of year `y`.
fn year_span(y: i64) -> (i64, i64) {
    let jan1 = days_from_civil(y, 1, 1);
    (jan1, days_from_civil(y + 1, 1, 1) - jan1)
}

/// The first day of week 1 of week-numbering year `y`, weeks starting on `wkst` (0 = Monday):
/// the first week with at least four days in `y` (RFC 5545 §3.3.10, `BYWEEKNO`).
pub(super) fn week_one(y: i64, wkst: u8) -> i64 {
    let jan1 = days_from_civil(y, 1, 1);
    let back = (weekday(jan1) as i64 - wkst as i64).rem_euclid(7);
    if back <= 3 {
        jan1 - back
    } else {
        jan1 - back + 7
    }
}

/// The week-numbering year of `day`, its week number and the year's number of weeks.
pub(super) fn week_of(day: i64, wkst: u8) -> (i64, i64, i64) {
    let (y, _, _) = civil_from_days(day);
    let year = if day < week_one(y, wkst) {
        y - 1
    } else if day >= week_one(y + 1, wkst) {
        y + 1
    } else {
        y
    };
    let first = week_one(year, wkst);
    let weeks = (week_one(year + 1, wkst) - first) / 7;
    (year, (day - first) / 7 + 1, weeks)
}

/// Whether `n` (1-based) is in `list`, whose negative entries count from the end of `len`.
fn listed(list: &[i32], n: i64, len: i64) -> bool {
    list.iter()
        .any(|&k| k as i64 == n || k < 0 && len + 1 + k as i64 == n)
}

/// Which days match `BYDAY`, ordinals counted inside `[from, to)`.
struct DayMatcher {
    plain: u8,
    nth: Vec<i64>,
}

impl DayMatcher {
    fn new(weekdays: &[(i32, u8)], from: i64, to: i64) -> DayMatcher {
        let mut plain = 0u8;
        let mut nth = Vec::new();
        for &(ord, wd) in weekdays {
            if ord == 0 {
                plain |= 1 << wd;
            } else if ord > 0 {
                let first = from + (wd as i64 - weekday(from) as i64).rem_euclid(7);
                let d = first + (ord as i64 - 1) * 7;
                if d < to {
                    nth.push(d);
                }
            } else {
                let last = to - 1 - (weekday(to - 1) as i64 - wd as i64).rem_euclid(7);
                let d = last - (-(ord as i64) - 1) * 7;
                if d >= from {
                    nth.push(d);
                }
            }
        }
        DayMatcher { plain, nth }
    }

    /// A matcher of every day (no `BYDAY`, or one already applied).
    fn any() -> DayMatcher {
        DayMatcher {
            plain: 0x7F,
            nth: Vec::new(),
        }
    }

    fn matches(&self, day: i64) -> bool {
        self.plain & (1 << weekday(day)) != 0 || self.nth.contains(&day)
    }
}

/// Whether `day` passes `BYYEARDAY`, `BYMONTHDAY`, `BYDAY` (through `matcher`) and `BYWEEKNO`.
fn passes(r: &Rule, day: i64, matcher: &DayMatcher, weeks: bool) -> bool {
    if !r.weekdays.is_empty() && !matcher.matches(day) {
        return false;
    }
    if !r.year_days.is_empty() || !r.month_days.is_empty() {
        let (y, m, d) = civil_from_days(day);
        if !r.year_days.is_empty() {
            let (jan1, len) = year_span(y);
            if !listed(&r.year_days, day - jan1 + 1, len) {
                return false;
            }
        }
        if !r.month_days.is_empty() && !listed(&r.month_days, d as i64, month_len(y, m)) {
            return false;
        }
    }
    if weeks && !r.week_numbers.is_empty() {
        let (_, week, count) = week_of(day, r.week_start);
        if !listed(&r.week_numbers, week, count) {
            return false;
        }
    }
    true
}

/// Whether `day` passes every day filter of a daily or finer rule (`BYDAY` ordinals ignored).
pub(super) fn day_passes(r: &Rule, day: i64) -> bool {
    let (_, m, _) = civil_from_days(day);
    if r.months != 0 && r.months & (1 << m) == 0 {
        return false;
    }
    let plain = DayMatcher {
        plain: r.weekdays.iter().fold(0, |acc, &(_, wd)| acc | 1 << wd),
        nth: Vec::new(),
    };
    passes(r, day, &plain, true)
}

/// The dates of calendar year `y` for a yearly rule without `BYWEEKNO`; `(m0, day0)` is
/// DTSTART's month and day.
pub(super) fn year_dates(r: &Rule, y: i64, m0: u32, day0: u32, out: &mut Vec<i64>) {
    let months: u16 = if r.months != 0 {
        r.months
    } else if r.weekdays.is_empty() && r.year_days.is_empty() {
        1 << m0
    } else {
        0x1FFE
    };
    if r.weekdays.is_empty() && r.year_days.is_empty() && r.month_days.is_empty() {
        for m in 1..=12u32 {
            if months & (1 << m) != 0 && (day0 as i64) <= month_len(y, m) {
                out.push(days_from_civil(y, m, day0));
            }
        }
        return;
    }
    let (jan1, len) = year_span(y);
    // BYDAY ordinals count inside each month when BYMONTH is given, else inside the year.
    let in_year = (r.months == 0).then(|| DayMatcher::new(&r.weekdays, jan1, jan1 + len));
    for m in 1..=12u32 {
        if months & (1 << m) == 0 {
            continue;
        }
        let first = days_from_civil(y, m, 1);
        let last = first + month_len(y, m);
        let in_month;
        let matcher = match &in_year {
            Some(matcher) => matcher,
            None => {
                in_month = DayMatcher::new(&r.weekdays, first, last);
                &in_month
            }
        };
        out.extend((first..last).filter(|&day| passes(r, day, matcher, false)));
    }
}

/// The dates of week-numbering year `y` for a yearly rule with `BYWEEKNO`; `wd0` is DTSTART's
/// weekday, the day of each week when nothing else picks days.
pub(super) fn week_year_dates(r: &Rule, y: i64, wd0: u8, out: &mut Vec<i64>) {
    let first = week_one(y, r.week_start);
    let weeks = (week_one(y + 1, r.week_start) - first) / 7;
    let only_weeks = r.weekdays.is_empty() && r.month_days.is_empty() && r.year_days.is_empty();
    let plain = DayMatcher {
        plain: r.weekdays.iter().fold(0, |acc, &(_, wd)| acc | 1 << wd),
        nth: Vec::new(),
    };
    for w in 1..=weeks {
        if !listed(&r.week_numbers, w, weeks) {
            continue;
        }
        let ws = first + (w - 1) * 7;
        for day in ws..ws + 7 {
            let (_, m, _) = civil_from_days(day);
            if r.months != 0 && r.months & (1 << m) == 0 {
                continue;
            }
            let ok = if only_weeks {
                weekday(day) as u8 == wd0
            } else {
                passes(r, day, &plain, false)
            };
            if ok {
                out.push(day);
            }
        }
    }
}

/// The dates of month `m` of year `y` for a monthly rule; `day0` is DTSTART's day.
pub(super) fn month_dates(r: &Rule, y: i64, m: u32, day0: u32, out: &mut Vec<i64>) {
    if r.months != 0 && r.months & (1 << m) == 0 {
        return;
    }
    let first = days_from_civil(y, m, 1);
    let len = month_len(y, m);
    if r.weekdays.is_empty() && r.month_days.is_empty() && r.year_days.is_empty() {
        let day = first + day0 as i64 - 1;
        if (day0 as i64) <= len && passes(r, day, &DayMatcher::any(), true) {
            out.push(day);
        }
        return;
    }
    let matcher = DayMatcher::new(&r.weekdays, first, first + len);
    out.extend((first..first + len).filter(|&day| passes(r, day, &matcher, true)));
}

/// The dates of the week starting on `ws` for a weekly rule; `wd0` is DTSTART's weekday.
pub(super) fn week_dates(r: &Rule, ws: i64, wd0: u8, out: &mut Vec<i64>) {
    for day in ws..ws + 7 {
        let wd = weekday(day) as u8;
        let wd_ok = if r.weekdays.is_empty() {
            wd == wd0
        } else {
            r.weekdays.iter().any(|&(_, d)| d == wd)
        };
        let (_, m, _) = civil_from_days(day);
        if wd_ok
            && (r.months == 0 || r.months & (1 << m) != 0)
            && passes(r, day, &DayMatcher::any(), true)
        {
            out.push(day);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_week_one_of_2026_starts_on_december_29th() {
        assert_eq!(week_one(2026, 0), days_from_civil(2025, 12, 29));
        assert_eq!(week_of(days_from_civil(2027, 1, 3), 0), (2026, 53, 53));
        assert_eq!(week_of(days_from_civil(2024, 12, 31), 0), (2025, 1, 52));
    }

    #[test]
    fn the_last_friday_of_a_month_counts_from_its_end() {
        let (from, to) = (days_from_civil(2026, 10, 1), days_from_civil(2026, 11, 1));
        let m = DayMatcher::new(&[(-1, 4)], from, to);
        assert!(m.matches(days_from_civil(2026, 10, 30)));
        assert!(!m.matches(days_from_civil(2026, 10, 23)));
    }
}
