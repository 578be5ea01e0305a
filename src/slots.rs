//! Slot generation (SPEC §4, §5): the candidate grid in the page zone, each member's free starts
//! as intervals, the team rule as a sweep, and the response.
//!
//! The cost grows with the work, not with the minutes in the range: every member's working time
//! is expanded once into sorted instants, busy times are subtracted with sweeps, and the grid is
//! walked only inside the stretches where the team rule holds.

use std::collections::HashMap;
use std::sync::Arc;

use crate::zone::Tz;
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, ErrorCode};
use crate::explain::{self, Explanation};
use crate::instant::{civil_from_days, days_from_civil};
use crate::instant::{format_date, Instant, DAY, MINUTE};
use crate::interval::IntervalSet;
use crate::request::{check_range, BusyItem, Event, Limits, Member, Mode, SlotsRequest, MAX_SLOTS};
use crate::schedule::{weekly_time, working_time};
use crate::team::{pool_order, MemberList, RankSet};
use crate::zone::{parse_zone, OffsetTable};

/// One offered slot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slot {
    /// Start, UTC.
    pub start: Instant,
    /// End, UTC.
    pub end: Instant,
    /// Who would attend if it were booked now. Shared between the slots of one stretch.
    pub hosts: MemberList,
    /// roundRobin only: every free non-required member, in assignment order. Shared between
    /// the slots of one stretch, so a large team costs memory per stretch, not per slot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidates: Option<MemberList>,
}

/// Slots of one local date in the viewer's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day {
    /// `YYYY-MM-DD` in the viewer's zone.
    pub date: String,
    /// How many slots start that date.
    pub count: usize,
    /// The first of them.
    pub first: Instant,
}

/// The SPEC §5 response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlotsResponse {
    /// The zone of `days`, spelled as the request gave it.
    pub timezone: String,
    /// Every offered slot, by start.
    pub slots: Vec<Slot>,
    /// One entry per viewer-local date with slots, ascending.
    pub days: Vec<Day>,
    /// Present when the request asked to `explain` an instant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
    /// The viewer zone itself (the zone `timezone` names), for [`SlotsResponse::viewer_offsets`].
    /// Not part of the SPEC response: never serialized.
    #[serde(skip)]
    pub viewer: Tz,
}

impl SlotsResponse {
    /// The viewer zone's UTC offsets at each slot's start and at each slot's end, in seconds
    /// east of UTC: `(starts, ends)`, one entry per slot in `slots` order, from bookable's own
    /// tz database. Slot `i` shows in the viewer zone as the wall-clock time
    /// `start + starts[i]` to `end + ends[i]` (milliseconds as if UTC; see
    /// [`crate::instant::format_local`]); the two offsets differ only when the viewer zone
    /// changes offset during the slot. One pass over the slots (a binary search per offset
    /// change, not per slot); the date of `start + starts[i]` is the date `days` counts the
    /// slot on.
    ///
    /// ```
    /// let request = r#"{
    ///   "now": "2026-11-22T10:00:00Z",
    ///   "range": { "start": "2026-11-23T00:00:00Z", "end": "2026-11-24T00:00:00Z" },
    ///   "timezone": "Europe/Paris", "viewerTimezone": "Asia/Kolkata",
    ///   "event": { "duration": 30 },
    ///   "members": [ { "id": "ana", "timezone": "Europe/Paris",
    ///                  "weekly": { "mon": [["09:00", "09:30"]] } } ]
    /// }"#;
    /// let response = bookable::slots_from_json(request, 0).unwrap();
    /// let (starts, ends) = response.viewer_offsets();
    /// assert_eq!((&starts[..], &ends[..]), (&[19_800][..], &[19_800][..])); // UTC+05:30
    /// let local = response.slots[0].start.0 + i64::from(starts[0]) * 1000;
    /// assert_eq!(bookable::instant::format_local(local), "2026-11-23T13:30");
    /// ```
    pub fn viewer_offsets(&self) -> (Vec<i32>, Vec<i32>) {
        let (Some(first), Some(last)) = (self.slots.first(), self.slots.last()) else {
            return (Vec::new(), Vec::new());
        };
        let from = first.start.0.min(last.start.0);
        let to = self.slots.iter().map(|s| s.end.0).max().unwrap_or(from) + 1;
        let table = OffsetTable::new(self.viewer, from, to);
        let offsets = |instants: &mut dyn Iterator<Item = i64>| {
            // The current stretch of constant offset: (start, end, offset ms).
            let mut span = (0, 0, 0);
            instants
                .map(|t| {
                    if t < span.0 || t >= span.1 {
                        span = table.segment_at(t);
                    }
                    // Offsets are whole seconds, at most a day: exact in i32.
                    (span.2 / 1000) as i32
                })
                .collect::<Vec<i32>>()
        };
        (
            offsets(&mut self.slots.iter().map(|s| s.start.0)),
            offsets(&mut self.slots.iter().map(|s| s.end.0)),
        )
    }
}

/// Offset tables for every zone a computation touches, over one window.
pub(crate) struct Tables {
    from: i64,
    to: i64,
    map: HashMap<Tz, OffsetTable>,
}

impl Tables {
    pub(crate) fn new(from: i64, to: i64) -> Self {
        Tables {
            from,
            to,
            map: HashMap::new(),
        }
    }

    pub(crate) fn get(&mut self, tz: Tz) -> &OffsetTable {
        let (from, to) = (self.from, self.to);
        self.map
            .entry(tz)
            .or_insert_with(|| OffsetTable::new(tz, from, to))
    }
}

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

/// A slots computation, prepared once from a request without a `range` and answered for any
/// range: the fast path for pages that move from month to month.
///
/// ```
/// use bookable::{Instant, Scheduler};
/// let request = serde_json::json!({
///   "now": "2026-11-22T10:00:00Z",
///   "timezone": "Asia/Kolkata",
///   "event": { "duration": 30 },
///   "members": [ { "id": "ravi", "timezone": "Asia/Kolkata",
///                  "weekly": { "mon": [["09:00", "10:00"]] } } ]
/// });
/// let scheduler = Scheduler::from_value(&request).unwrap();
/// let start = Instant::from_value(&"2026-11-23T00:00:00+05:30".into(), "start").unwrap();
/// let end = Instant(start.0 + 86_400_000);
/// let starts = scheduler.slot_starts(start, end, None, 0).unwrap();
/// assert_eq!(starts.len(), 2);
/// assert_eq!(Instant(starts[0]).to_string(), "2026-11-23T03:30:00Z");
/// ```
#[derive(Debug, Clone)]
pub struct Scheduler {
    request: SlotsRequest,
    now_given: bool,
}

impl Scheduler {
    /// Validates a slots request whose `range` is absent (a `range`, if present, is validated
    /// and ignored: every call names its own).
    pub fn from_value(value: &Value) -> Result<Scheduler, Error> {
        let now_given = value.get("now").is_some_and(|v| !v.is_null());
        Ok(Scheduler {
            request: SlotsRequest::parse(value, 0, false)?,
            now_given,
        })
    }

    fn now(&self, now: Option<Instant>, default_now_ms: i64) -> i64 {
        match now {
            Some(n) => n.0,
            None if self.now_given => self.request.now,
            None => default_now_ms,
        }
    }

    /// Slots whose start lies in `[start, end)`; `now` overrides the request's `now`, which
    /// overrides `default_now_ms`.
    pub fn slots(
        &self,
        start: Instant,
        end: Instant,
        now: Option<Instant>,
        default_now_ms: i64,
    ) -> Result<SlotsResponse, Error> {
        self.slots_for_viewer(start, end, now, None, default_now_ms)
    }

    /// [`Scheduler::slots`] for one viewer: `days`, `timezone` and
    /// [`SlotsResponse::viewer_offsets`] are in the zone named `viewer` (an IANA zone or link,
    /// echoed in `timezone` as given) instead of the request's `viewerTimezone`; `None` keeps
    /// the request's. One prepared page serves visitors in every zone.
    ///
    /// Errors: `invalid_timezone` at path `viewerTimezone` for a name the database does not
    /// know; otherwise those of [`Scheduler::slots`].
    ///
    /// ```
    /// use bookable::{Instant, Scheduler};
    /// let request = serde_json::json!({
    ///   "now": "2026-11-22T10:00:00Z", "timezone": "Europe/Paris",
    ///   "event": { "duration": 60 },
    ///   "members": [ { "id": "ana", "timezone": "Europe/Paris",
    ///                  "weekly": { "mon": [["23:00", "24:00"]] } } ]
    /// });
    /// let scheduler = Scheduler::from_value(&request).unwrap();
    /// let (start, end) = (Instant(1_795_392_000_000), Instant(1_795_478_400_000)); // 2026-11-23, UTC
    /// let paris = scheduler.slots(start, end, None, 0).unwrap();
    /// assert_eq!(paris.days[0].date, "2026-11-23");
    /// let tokyo = scheduler.slots_for_viewer(start, end, None, Some("Asia/Tokyo"), 0).unwrap();
    /// assert_eq!((tokyo.timezone.as_str(), tokyo.days[0].date.as_str()), ("Asia/Tokyo", "2026-11-24"));
    /// let err = scheduler.slots_for_viewer(start, end, None, Some("Mars/Base"), 0).unwrap_err();
    /// assert_eq!((err.code.as_str(), err.path.as_str()), ("invalid_timezone", "viewerTimezone"));
    /// ```
    pub fn slots_for_viewer(
        &self,
        start: Instant,
        end: Instant,
        now: Option<Instant>,
        viewer: Option<&str>,
        default_now_ms: i64,
    ) -> Result<SlotsResponse, Error> {
        let viewer = match viewer {
            Some(name) => (
                parse_zone(&Value::String(name.to_string()), "viewerTimezone")?,
                name,
            ),
            None => (self.request.viewer_tz, self.request.viewer_tz_name.as_str()),
        };
        check_range(start.0, end.0, "range")?;
        run(
            &self.request,
            start.0,
            end.0,
            self.now(now, default_now_ms),
            Some(viewer),
        )
    }

    /// Only the slot starts (epoch ms), for callers that need no hosts or days.
    pub fn slot_starts(
        &self,
        start: Instant,
        end: Instant,
        now: Option<Instant>,
        default_now_ms: i64,
    ) -> Result<Vec<i64>, Error> {
        check_range(start.0, end.0, "range")?;
        let response = run(
            &self.request,
            start.0,
            end.0,
            self.now(now, default_now_ms),
            None,
        )?;
        Ok(response.slots.iter().map(|s| s.start.0).collect())
    }
}

/// Computes the response to a validated request with a range.
pub fn compute(request: &SlotsRequest) -> Result<SlotsResponse, Error> {
    let Some((start, end)) = request.range else {
        return Err(Error::new(
            ErrorCode::MissingField,
            "range",
            "`range` is required",
        ));
    };
    run(
        request,
        start,
        end,
        request.now,
        Some((request.viewer_tz, &request.viewer_tz_name)),
    )
}

/// Every start `s` in `[lo, hi)` whose page-local date passes `maxDaysAhead` and `dateRange`
/// and whose slot fits the page hours.
fn page_window(event: &Event, page: &OffsetTable, now: i64, lo: i64, hi: i64) -> IntervalSet {
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

/// The starts in `window` for which `member` is free (SPEC §4).
fn free_starts(
    member: &Member,
    table: &OffsetTable,
    event: &Event,
    window: &IntervalSet,
) -> IntervalSet {
    let (Some(&(lo, _)), Some(&(_, hi))) = (window.spans().first(), window.spans().last()) else {
        return IntervalSet::new();
    };
    let d = event.duration;
    let wt = working_time(
        &member.hours,
        table,
        event.respect_working_hours,
        lo - DAY,
        hi + d + DAY,
    );
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
    free
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

    /// Every period, with its explain reason.
    pub(crate) const ALL: [(Period, &'static str); 3] = [
        (Period::Day, "maxPerDay"),
        (Period::Week, "maxPerWeek"),
        (Period::Month, "maxPerMonth"),
    ];
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
    let (first, end) = period.dates(table.local_date(s));
    max == 0
        || member
            .bookings
            .iter()
            .filter(|b| (first..end).contains(&table.local_date(b.start)))
            .count()
            >= max
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
    let limits = member.limits.or(event.limits);
    let mut full: Vec<(i64, i64)> = Vec::new();
    for (period, _) in Period::ALL {
        let Some(max) = period.limit(limits) else {
            continue;
        };
        if max == 0 {
            return IntervalSet::single(lo, hi);
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
        for (&first, &n) in &counts {
            if n >= max {
                let (_, end) = period.dates(first);
                full.extend(table.instants_with_local_in(first * DAY, end * DAY, lo, hi));
            }
        }
    }
    IntervalSet::from_unsorted(full)
}

fn too_many_slots() -> Error {
    Error::new(
        ErrorCode::LimitExceeded,
        "range",
        format!("the request would offer more than {MAX_SLOTS} slots; ask for a shorter range or a larger step"),
    )
}

/// The slots of `[start, end)` at `now`; `days` are grouped in the `viewer` zone (its name as
/// given), none without a viewer (only the starts are wanted).
fn run(
    request: &SlotsRequest,
    start: i64,
    end: i64,
    now: i64,
    viewer: Option<(Tz, &str)>,
) -> Result<SlotsResponse, Error> {
    let event = &request.event;
    let d = event.duration;
    let mut tables = Tables::new(start - 3 * DAY, end + d + 3 * DAY);
    let lo = start.max(now.saturating_add(event.min_notice));
    let window = page_window(event, tables.get(request.tz), now, lo, end);

    let slots = if window.is_empty() {
        Vec::new()
    } else {
        team_slots(request, &mut tables, window)?
    };

    let days = match viewer {
        Some((tz, _)) => group_days(&slots, tables.get(tz)),
        None => Vec::new(),
    };
    let explanation = request
        .explain
        .map(|(x, whole)| explain::explain(request, &mut tables, start, end, now, x, whole));
    let (viewer, timezone) = viewer.unwrap_or((request.viewer_tz, &request.viewer_tz_name));
    Ok(SlotsResponse {
        timezone: timezone.to_string(),
        slots,
        days,
        explanation,
        viewer,
    })
}

/// The slots of SPEC §4–§5 inside `window`: free starts per member, the team rule, the grid.
fn team_slots(
    request: &SlotsRequest,
    tables: &mut Tables,
    window: IntervalSet,
) -> Result<Vec<Slot>, Error> {
    let event = &request.event;
    let members = &request.members;
    let ids: Arc<[Arc<str>]> = members.iter().map(|m| m.id.clone()).collect();
    let collective = request.mode == Mode::Collective;
    // Collective: everyone; roundRobin: the required members. Intersect as we go.
    let mut fixed = window;
    let mut fixed_hosts: Vec<u16> = Vec::new();
    for (i, m) in members.iter().enumerate() {
        if collective || m.required {
            if !fixed.is_empty() {
                let free = free_starts(m, tables.get(m.tz), event, &fixed);
                fixed = fixed.intersect(&free);
            }
            fixed_hosts.push(i as u16);
        }
    }
    let mut slots: Vec<Slot> = Vec::new();
    if fixed.is_empty() {
        return Ok(slots);
    }
    let grid_table = tables.get(request.tz).clone();
    let grid = Grid::new(&grid_table, event.step);
    let mut overflow = false;
    let mut push = |s: i64, hosts: &MemberList, candidates: &Option<MemberList>| {
        if slots.len() >= MAX_SLOTS {
            overflow = true;
            return false;
        }
        slots.push(Slot {
            start: Instant(s),
            end: Instant(s + event.duration),
            hosts: hosts.clone(),
            candidates: candidates.clone(),
        });
        true
    };

    if collective || request.min_available == 0 {
        let hosts = MemberList::new(&ids, &fixed_hosts);
        let candidates = (!collective).then(|| MemberList::new(&ids, &[]));
        for &(a, b) in fixed.spans() {
            if !grid.each(a, b, |s| push(s, &hosts, &candidates)) {
                break;
            }
        }
    } else {
        // Round robin: sweep the pool's free-start intervals in time order, keeping the set of
        // free members by assignment rank. Events pack (time, kind, rank) into one u64 so that
        // one integer sort orders them, removals before additions at equal times.
        let pool = pool_order(members, request.assignment);
        let base = fixed.spans()[0].0;
        let mut events: Vec<u64> = Vec::new();
        for (rank, &i) in pool.iter().enumerate() {
            let m = &members[i];
            for &(a, b) in free_starts(m, tables.get(m.tz), event, &fixed).spans() {
                events.push(((a - base) as u64) << 10 | 1 << 9 | rank as u64);
                events.push(((b - base) as u64) << 10 | rank as u64);
            }
        }
        events.sort_unstable();
        let time = |e: u64| base + (e >> 10) as i64;
        let mut active = RankSet::with_capacity(pool.len());
        let mut scratch: Vec<u16> = Vec::with_capacity(members.len());
        let mut k = 0;
        while k < events.len() {
            let t = time(events[k]);
            while k < events.len() && time(events[k]) == t {
                let rank = (events[k] & 0x1ff) as usize;
                if events[k] & 1 << 9 != 0 {
                    active.insert(rank);
                } else {
                    active.remove(rank);
                }
                k += 1;
            }
            if active.len() < request.min_available || k == events.len() {
                continue;
            }
            let next = time(events[k]);
            // Many stretches between two events hold no grid point: skip them before building
            // their lists.
            if grid.first_in(t, next).is_none() {
                continue;
            }
            scratch.clear();
            scratch.extend(active.iter().map(|r| pool[r] as u16));
            let candidates = MemberList::new(&ids, &scratch);
            let hosts = if fixed_hosts.is_empty() {
                candidates.prefix(request.min_available)
            } else {
                let mut hosts = fixed_hosts.clone();
                hosts.extend_from_slice(&scratch[..request.min_available]);
                MemberList::new(&ids, &hosts)
            };
            let candidates = Some(candidates);
            if !grid.each(t, next, |s| push(s, &hosts, &candidates)) {
                break;
            }
        }
    }
    if overflow {
        return Err(too_many_slots());
    }
    Ok(slots)
}

fn group_days(slots: &[Slot], viewer: &OffsetTable) -> Vec<Day> {
    let mut days: Vec<(i64, usize, i64)> = Vec::new();
    let mut ordered = true;
    for slot in slots {
        let (s, date) = (slot.start.0, viewer.local_date(slot.start.0));
        match days.last_mut() {
            Some(last) if last.0 == date => last.1 += 1,
            last => {
                ordered &= last.is_none_or(|l| l.0 < date);
                days.push((date, 1, s));
            }
        }
    }
    if !ordered {
        // A zone whose local date ran backwards: merge entries of the same date.
        days.sort_by_key(|&(date, _, first)| (date, first));
        days.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0;
            if same {
                earlier.1 += later.1;
            }
            same
        });
    }
    days.into_iter()
        .map(|(date, count, first)| Day {
            date: format_date(date),
            count,
            first: Instant(first),
        })
        .collect()
}
