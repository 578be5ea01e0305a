//! The validated request: what the engine computes from, with no JSON in sight. The reader
//! (the `read` module) builds these from request text and is the only place that knows field
//! names, paths and limits.
//!
//! Units are in the types ([`crate::units`]): instants are [`Instant`] (ms since the Unix epoch,
//! rounded outward where a sub-millisecond fraction could change a comparison); lengths the
//! request gives in minutes (duration, step, buffers, notice) are [`Minutes`]; local dates are
//! [`LocalDate`] day numbers; a pair's times are [`Minutes`] after local midnight (0..=1440).

use std::collections::HashMap;
use std::sync::Arc;

use crate::instant::Instant;
use crate::providers::Source;
use crate::units::{LocalDate, Minutes};
use crate::zone::Tz;

/// Local `[start, end)` minute pairs of one day (end may be ≤ start: across midnight).
pub type Pairs = Vec<(Minutes, Minutes)>;

/// Weekly hours: index 0 = Monday … 6 = Sunday.
#[derive(Debug, Clone, Default)]
pub struct Weekly(pub [Pairs; 7]);

/// A busy interval or booking (SPEC §3), `[start, end)` (rounded outward to the ms), with the
/// item's own buffers when it gives them (SPEC 1.1: a booking without them takes the
/// event's, a busy item 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusyItem {
    /// Start.
    pub start: Instant,
    /// End.
    pub end: Instant,
    /// `bufferBefore`, when the item has one.
    pub buffer_before: Option<Minutes>,
    /// `bufferAfter`, when the item has one.
    pub buffer_after: Option<Minutes>,
}

/// Booking limits per local date, week (Monday to Sunday) and calendar month in the member's
/// zone (SPEC §3: `maxPerDay`, `maxPerWeek`, `maxPerMonth`); `None` = no limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    /// Bookings per local date.
    pub day: Option<usize>,
    /// Bookings per local week, Monday to Sunday.
    pub week: Option<usize>,
    /// Bookings per calendar month.
    pub month: Option<usize>,
}

impl Limits {
    /// These limits where set, else `fallback`'s (a member's own limits over the event's).
    pub fn or(self, fallback: Limits) -> Limits {
        Limits {
            day: self.day.or(fallback.day),
            week: self.week.or(fallback.week),
            month: self.month.or(fallback.month),
        }
    }
}

/// A member's hours: weekly, overrides and time off (shared by slots and status requests).
#[derive(Debug, Clone, Default)]
pub struct Hours {
    /// Weekly working hours in the member's zone.
    pub weekly: Weekly,
    /// Local date → pairs replacing that date's weekly hours.
    pub overrides: HashMap<LocalDate, Pairs>,
    /// Whole local dates off, inclusive `(from, to)`.
    pub off_dates: Vec<(LocalDate, LocalDate)>,
    /// Instant periods off, `[start, end)` (rounded outward).
    pub off_instants: Vec<(Instant, Instant)>,
}

/// One team member of a slots request.
#[derive(Debug, Clone)]
pub struct Member {
    /// The member's id, as given.
    pub id: Arc<str>,
    /// The member's zone.
    pub tz: Tz,
    /// Working hours and time off.
    pub hours: Hours,
    /// Busy intervals from calendars.
    pub busy: Vec<BusyItem>,
    /// Bookings made through this page.
    pub bookings: Vec<BusyItem>,
    /// Calendar sources whose busy times count as `busy` items (SPEC §10), read once and
    /// expanded over each computation's window.
    pub calendars: Arc<[Source]>,
    /// The member's own limits (each replaces the event's of the same name).
    pub limits: Limits,
    /// Local dates (member zone) on which a booking limit is reached, as a public request
    /// carries them instead of the bookings (SPEC §11; the `fullDates` extension).
    pub full_dates: Vec<LocalDate>,
    /// Bookings not listed in `bookings` that count for `balanced` (SPEC §11; the
    /// `bookingCount` extension).
    pub booking_count: usize,
    /// roundRobin: a fixed host.
    pub required: bool,
    /// Assignment input (`priority` order).
    pub priority: f64,
    /// Assignment input (`balanced` order), > 0.
    pub weight: f64,
    /// Assignment input; `None` = earliest possible.
    pub last_booked_at: Option<Instant>,
    /// Team status: when the member last got a conversation; `None` = earliest possible.
    pub last_assigned_at: Option<Instant>,
}

/// The team rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every member must be free.
    Collective,
    /// Every required member and at least `min_available` of the others.
    RoundRobin,
}

/// Round-robin assignment order (SPEC §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignment {
    /// `lastBookedAt`, missing first.
    LeastRecentlyBooked,
    /// bookings ÷ weight, then `lastBookedAt`.
    Balanced,
    /// Highest priority, then `lastBookedAt`.
    Priority,
}

/// The page's rules.
#[derive(Debug, Clone)]
pub struct Event {
    /// Meeting length.
    pub duration: Minutes,
    /// Grid step.
    pub step: Minutes,
    /// Free time needed before.
    pub buffer_before: Minutes,
    /// Free time needed after.
    pub buffer_after: Minutes,
    /// Minimum notice.
    pub min_notice: Minutes,
    /// Days after now's local date (page zone): a count of dates.
    pub max_days_ahead: Option<i64>,
    /// `(from, to)`: inclusive local dates (page zone) a slot must start on.
    pub date_range: Option<(LocalDate, LocalDate)>,
    /// Page hours in the page zone.
    pub hours: Option<Weekly>,
    /// When false, members' weekly hours and overrides are ignored.
    pub respect_working_hours: bool,
    /// Local dates (page zone) after now's that a slot's date must at least be.
    pub min_days_ahead: i64,
    /// Bookings per member-local date, week and month that make a member unavailable then
    /// (0: never available, as the SPEC's wording reads).
    pub limits: Limits,
}

/// A validated slots request (SPEC §3).
#[derive(Debug, Clone)]
pub struct SlotsRequest {
    /// The viewing instant (rounded up: slots must start at or after it).
    pub now: Instant,
    /// `[start, end)` of slot starts; `None` for a [`crate::Scheduler`] template.
    pub range: Option<(Instant, Instant)>,
    /// The page zone.
    pub tz: Tz,
    /// The zone for `days`.
    pub viewer_tz: Tz,
    /// The zone name for the response, as the request spelled it.
    pub viewer_tz_name: String,
    /// The page's rules.
    pub event: Event,
    /// The team rule.
    pub mode: Mode,
    /// roundRobin: how many non-required members must be free.
    pub min_available: usize,
    /// roundRobin: order of candidates.
    pub assignment: Assignment,
    /// The members, in request order.
    pub members: Vec<Member>,
    /// An instant to explain: (floored to the ms, whether it is a whole minute).
    pub explain: Option<(Instant, bool)>,
}

/// A manual status choice (SPEC §8).
#[derive(Debug, Clone)]
pub struct Manual {
    /// `true` for available, `false` for away.
    pub available: bool,
    /// When it was chosen.
    pub since: Instant,
    /// The reason given, if any.
    pub reason: Option<String>,
}

/// One member of a status request (SPEC §8).
#[derive(Debug, Clone)]
pub struct StatusMember {
    /// The member's id.
    pub id: String,
    /// The member's zone.
    pub tz: Tz,
    /// Working hours and time off.
    pub hours: Hours,
    /// The manual choice, if any.
    pub manual: Option<Manual>,
    /// `(max, assigned)`.
    pub capacity: Option<(u64, u64)>,
    /// When the member last got a conversation; `None` = earliest possible.
    pub last_assigned_at: Option<Instant>,
}

/// Who gets the next conversation in a team status (SPEC §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusAssignment {
    /// Longest since `lastAssignedAt`, then id.
    RoundRobin,
    /// Lowest `assigned / max`, then `lastAssignedAt`, then id.
    LeastLoaded,
}

/// A validated status request (SPEC §8): one member, or a team (SPEC 1.1).
#[derive(Debug, Clone)]
pub struct StatusRequest {
    /// The instant asked about.
    pub now: Instant,
    /// The members, in request order (one for a single-member request).
    pub members: Vec<StatusMember>,
    /// `Some` for a team status (`members` given): how `next` is chosen.
    pub team: Option<StatusAssignment>,
}
