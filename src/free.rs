//! One member's free starts (SPEC §4): working time that fits the meeting, less busy times and
//! bookings widened by their own and the page's buffers, less days, weeks and months whose
//! booking limit the member has reached.

use std::collections::HashMap;

use crate::error::{Error, ErrorCode};
use crate::instant::Instant;
use crate::interval::IntervalSet;
use crate::limits::{MAX_BUSY, MAX_STRETCHES};
use crate::model::{BusyItem, Event, Limits, Member, SlotsRequest};
use crate::schedule::working_time;
use crate::units::{LocalDate, Minutes, Ms};
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
    let d = event.duration.to_ms();
    let (before, after) = (event.buffer_before.to_ms(), event.buffer_after.to_ms());
    let wt = working_time(
        &member.hours,
        table,
        event.respect_working_hours,
        lo - Ms::DAY,
        hi + d + Ms::DAY,
    );
    budget.spend(wt.work.spans().len())?;
    let mut free = wt.work.starts_fitting(d).intersect(window);
    // A busy [b0, b1), widened by its own buffers, forbids every start s with
    // b0 − its before < s + d + after and b1 + its after > s − before (SPEC §4).
    let forbidden: Vec<(Instant, Instant)> = busy_spans(member, event)
        .map(|(b0, b1)| (b0 - d - after + Ms(1), b1 + before))
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
    start: Instant,
    end: Instant,
) -> Result<Option<SlotsRequest>, Error> {
    // Without the `calendars` feature no member has calendars (the reader refuses them).
    if cfg!(not(feature = "calendars")) || request.members.iter().all(|m| m.calendars.is_empty()) {
        return Ok(None);
    }
    // A busy item matters to a start s when it ends after s − a day of buffers and starts
    // before s + a day of duration + a day of buffers.
    let mut windows = vec![(start - 2 * Ms::DAY, end + 3 * Ms::DAY)];
    if let Some((x, _)) = request.explain {
        let (a, b) = (x - 2 * Ms::DAY, x + 3 * Ms::DAY);
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
                // The calendar reader's raw milliseconds become instants here.
                let within = source.busy(from.0, to.0, &mut |s, e| {
                    count += 1;
                    busy.push(BusyItem {
                        start: Instant(s),
                        end: Instant(e),
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
) -> impl Iterator<Item = (Instant, Instant)> + Clone + 'a {
    let widen = |defaults: (Minutes, Minutes)| {
        move |b: &BusyItem| {
            (
                b.start - b.buffer_before.unwrap_or(defaults.0).to_ms(),
                b.end + b.buffer_after.unwrap_or(defaults.1).to_ms(),
            )
        }
    };
    member
        .busy
        .iter()
        .map(widen((Minutes(0), Minutes(0))))
        .chain(
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
    pub(crate) fn dates(self, date: LocalDate) -> (LocalDate, LocalDate) {
        match self {
            Period::Day => (date, date + 1),
            Period::Week => {
                let first = date - date.weekday() as i64;
                (first, first + 7)
            }
            Period::Month => {
                let (y, m, _) = date.civil();
                let first = LocalDate::from_civil(y, m, 1);
                let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                (first, LocalDate::from_civil(ny, nm, 1))
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
    s: Instant,
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
    lo: Instant,
    hi: Instant,
) -> Option<Vec<(LocalDate, LocalDate)>> {
    let limits = member.limits.or(event.limits);
    let mut full: Vec<(LocalDate, LocalDate)> =
        member.full_dates.iter().map(|&d| (d, d + 1)).collect();
    for period in Period::ALL {
        let Some(max) = period.limit(limits) else {
            continue;
        };
        if max == 0 {
            return None;
        }
        // A period holding a start in [lo, hi) lies within 32 days of it (a month, a day of
        // offset): bookings further away cannot count.
        let mut counts: HashMap<LocalDate, usize> = HashMap::new();
        for b in &member.bookings {
            if b.start > lo - 33 * Ms::DAY && b.start < hi + 33 * Ms::DAY {
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
    lo: Instant,
    hi: Instant,
) -> IntervalSet {
    let Some(spans) = full_date_spans(member, table, event, lo, hi) else {
        return IntervalSet::single(lo, hi);
    };
    let mut full: Vec<(Instant, Instant)> = Vec::new();
    for (first, end) in spans {
        full.extend(table.instants_with_local_in(first.start(), end.start(), lo, hi));
    }
    IntervalSet::from_unsorted(full)
}
