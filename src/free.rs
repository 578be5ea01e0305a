//! One member's free starts (SPEC §4): working time that fits the meeting, less busy times and
//! bookings widened by their own and the page's buffers, less days, weeks and months whose
//! booking limit the member has reached.

use std::collections::HashMap;

use crate::error::{Error, ErrorCode};
use crate::instant::{civil_from_days, days_from_civil, DAY};
use crate::interval::IntervalSet;
use crate::limits::{MAX_BUSY, MAX_STRETCHES};
use crate::model::{BusyItem, Event, Limits, Member, SlotsRequest};
use crate::schedule::working_time;
use crate::zone::OffsetTable;

/// The working-time stretches a computation may still lay out: SPEC §9's 1,000,000 for all
/// members together. Each member's hours are laid over the range one member at a time (at most
/// 288 pairs a day for 368 days), so the check stops a request before it holds more than one
/// member's stretches past the limit.
pub(crate) struct StretchBudget(usize);

impl StretchBudget {
    /// The whole budget of one computation.
    pub(crate) fn new() -> Self {
        StretchBudget(MAX_STRETCHES)
    }

    /// Spends `n` stretches.
    ///
    /// # Errors
    /// `limit_exceeded` at `range` once the members' stretches pass the limit.
    pub(crate) fn spend(&mut self, n: usize) -> Result<(), Error> {
        self.0 = self.0.checked_sub(n).ok_or_else(|| {
            Error::new(
                ErrorCode::LimitExceeded,
                "range",
                format!(
                    "the members' working hours make more than {MAX_STRETCHES} stretches over this range; ask for a shorter range"
                ),
            )
        })?;
        Ok(())
    }
}

/// The starts in `window` for which `member` is free (SPEC §4).
///
/// # Errors
/// `limit_exceeded` at `range` when the member's working time overdraws `budget`.
pub(crate) fn free_starts(
    member: &Member,
    table: &OffsetTable,
    event: &Event,
    window: &IntervalSet,
    budget: &mut StretchBudget,
) -> Result<IntervalSet, Error> {
    let (Some(&(lo, _)), Some(&(_, hi))) = (window.spans().first(), window.spans().last()) else {
        return Ok(IntervalSet::new());
    };
    let d = event.duration;
    let wt = working_time(
        &member.hours,
        table,
        event.respect_working_hours,
        lo - DAY,
        hi + d + DAY,
    );
    budget.spend(wt.work.spans().len())?;
    let mut free = wt.work.starts_fitting(d).intersect(window);
    // A busy [b0, b1), widened by its own buffers, forbids every start s with
    // b0 − its before < s + d + after and b1 + its after > s − before (SPEC §4).
    let forbidden: Vec<(i64, i64)> = busy_spans(member, event)
        .map(|(b0, b1)| (b0 - d - event.buffer_after + 1, b1 + event.buffer_before))
        .filter(|&(a, b)| a < hi && b > lo)
        .collect();
    if !forbidden.is_empty() {
        free = free.subtract(&IntervalSet::from_unsorted(forbidden));
    }
    let full = full_periods(member, table, event, lo, hi);
    if !full.is_empty() {
        free = free.subtract(&full);
    }
    Ok(free)
}

/// `request` with every member's calendar busy times (SPEC §10) that reach the computation of
/// slots starting in `[start, end)` (and of its `explain` start) added to the member's `busy`
/// items, own buffers 0; `None` when no member has calendars. Calendars are expanded only over
/// those windows: an endless series costs what the window holds.
///
/// # Errors
/// `limit_exceeded` at `members[i].calendars[j]` where the busy items, bookings and calendar
/// instances of the request pass SPEC §9's 200,000.
pub(crate) fn with_calendar_busy(
    request: &SlotsRequest,
    start: i64,
    end: i64,
) -> Result<Option<SlotsRequest>, Error> {
    // Without the `calendars` feature no member has calendars (the reader refuses them).
    if cfg!(not(feature = "calendars")) || request.members.iter().all(|m| m.calendars.is_empty()) {
        return Ok(None);
    }
    // A busy item matters to a start s when it ends after s − a day of buffers and starts
    // before s + a day of duration + a day of buffers.
    let mut windows = vec![(start - 2 * DAY, end + 3 * DAY)];
    if let Some((x, _)) = request.explain {
        let (a, b) = (x - 2 * DAY, x + 3 * DAY);
        if b < windows[0].0 || a > windows[0].1 {
            windows.push((a, b));
        } else {
            windows[0] = (windows[0].0.min(a), windows[0].1.max(b));
        }
    }
    let mut count: usize = request
        .members
        .iter()
        .map(|m| m.busy.len() + m.bookings.len())
        .sum();
    let mut out = request.clone();
    for (i, member) in out.members.iter_mut().enumerate() {
        let sources = member.calendars.clone();
        for (j, source) in sources.iter().enumerate() {
            for &(from, to) in &windows {
                let busy = &mut member.busy;
                let within = source.busy(from, to, &mut |s, e| {
                    count += 1;
                    busy.push(BusyItem {
                        start: s,
                        end: e,
                        buffer_before: None,
                        buffer_after: None,
                    });
                    count <= MAX_BUSY
                });
                if !within {
                    return Err(Error::new(
                        ErrorCode::LimitExceeded,
                        format!("members[{i}].calendars[{j}]"),
                        format!(
                            "with this calendar's busy times the request holds more than \
                             {MAX_BUSY} busy intervals and bookings in the range"
                        ),
                    ));
                }
            }
        }
    }
    Ok(Some(out))
}

/// Each busy item and booking of `member` widened by its own buffers (SPEC 1.1: a booking
/// without its own takes the event's, a busy item none), as `[b0 − before, b1 + after)`.
pub(crate) fn busy_spans<'a>(
    member: &'a Member,
    event: &'a Event,
) -> impl Iterator<Item = (i64, i64)> + Clone + 'a {
    let widen = |defaults: (i64, i64)| {
        move |b: &BusyItem| {
            (
                b.start - b.buffer_before.unwrap_or(defaults.0),
                b.end + b.buffer_after.unwrap_or(defaults.1),
            )
        }
    };
    member.busy.iter().map(widen((0, 0))).chain(
        member
            .bookings
            .iter()
            .map(widen((event.buffer_before, event.buffer_after))),
    )
}

/// The booking-limit periods of SPEC §4 in a member's zone, as local date spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Period {
    /// One local date.
    Day,
    /// Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
}

impl Period {
    /// The local dates `[first, end)` of the period holding local date `date`.
    pub(crate) fn dates(self, date: i64) -> (i64, i64) {
        match self {
            Period::Day => (date, date + 1),
            Period::Week => {
                // 1970-01-01 was a Thursday: Monday-based weeks start 3 days before it.
                let first = (date + 3).div_euclid(7) * 7 - 3;
                (first, first + 7)
            }
            Period::Month => {
                let (y, m, _) = civil_from_days(date);
                let first = days_from_civil(y, m, 1);
                let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                (first, days_from_civil(ny, nm, 1))
            }
        }
    }

    /// This period's limit in `limits`.
    pub(crate) fn limit(self, limits: Limits) -> Option<usize> {
        match self {
            Period::Day => limits.day,
            Period::Week => limits.week,
            Period::Month => limits.month,
        }
    }

    /// Every period, shortest first.
    pub(crate) const ALL: [Period; 3] = [Period::Day, Period::Week, Period::Month];
}

/// Whether `member` has reached a limit of `period` for the period holding instant `s`.
pub(crate) fn limit_reached(
    member: &Member,
    table: &OffsetTable,
    event: &Event,
    period: Period,
    s: i64,
) -> bool {
    let Some(max) = period.limit(member.limits.or(event.limits)) else {
        return false;
    };
    let date = table.local_date(s);
    // A full date a public request carries stands for whichever limit was reached.
    if period == Period::Day && member.full_dates.contains(&date) {
        return true;
    }
    let (first, end) = period.dates(date);
    max == 0
        || member
            .bookings
            .iter()
            .filter(|b| (first..end).contains(&table.local_date(b.start)))
            .count()
            >= max
}

/// The local dates `[first, end)` (member zone) of every day, week and month that can hold a
/// start in `[lo, hi)` and whose booking limit (the member's own, else the event's) the
/// member's bookings reach, and the member's `fullDates`; `None` when a limit of 0 means the
/// member is never free.
pub(crate) fn full_date_spans(
    member: &Member,
    table: &OffsetTable,
    event: &Event,
    lo: i64,
    hi: i64,
) -> Option<Vec<(i64, i64)>> {
    let limits = member.limits.or(event.limits);
    let mut full: Vec<(i64, i64)> = member.full_dates.iter().map(|&d| (d, d + 1)).collect();
    for period in Period::ALL {
        let Some(max) = period.limit(limits) else {
            continue;
        };
        if max == 0 {
            return None;
        }
        // A period holding a start in [lo, hi) lies within 32 days of it (a month, a day of
        // offset): bookings further away cannot count.
        let mut counts: HashMap<i64, usize> = HashMap::new();
        for b in &member.bookings {
            if b.start > lo - 33 * DAY && b.start < hi + 33 * DAY {
                let (first, _) = period.dates(table.local_date(b.start));
                *counts.entry(first).or_default() += 1;
            }
        }
        full.extend(
            counts
                .into_iter()
                .filter(|&(_, n)| n >= max)
                .map(|(first, _)| period.dates(first)),
        );
    }
    Some(full)
}

/// The starts in `[lo, hi)` that fall in a day, week or month (member's zone) whose limit the
/// member has reached.
fn full_periods(
    member: &Member,
    table: &OffsetTable,
    event: &Event,
    lo: i64,
    hi: i64,
) -> IntervalSet {
    let Some(spans) = full_date_spans(member, table, event, lo, hi) else {
        return IntervalSet::single(lo, hi);
    };
    let mut full: Vec<(i64, i64)> = Vec::new();
    for (first, end) in spans {
        full.extend(table.instants_with_local_in(first * DAY, end * DAY, lo, hi));
    }
    IntervalSet::from_unsorted(full)
}
