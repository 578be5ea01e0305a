//! "Why is 3 pm not offered?" — every rule that rejects one start, for page owners (SPEC §7).

use serde::Serialize;

use crate::assignment::pool_order;
use crate::free::{busy_spans, limit_reached, Period};
use crate::grid::Grid;
use crate::instant::Instant;
use crate::model::{Mode, SlotsRequest};
use crate::schedule::{weekly_time, working_time};
use crate::units::Ms;
use crate::zone::Tables;

/// A slot-level reason of SPEC §7: a rule of the page that rejects the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SlotReason {
    /// Not a whole minute, or not on the step grid of the page zone.
    OffGrid,
    /// Outside `[range.start, range.end)`.
    OutsideRange,
    /// Before `now + minNotice`.
    MinNotice,
    /// On a page-local date less than `minDaysAhead` days after now's (SPEC 1.1).
    MinDaysAhead,
    /// On a page-local date more than `maxDaysAhead` days after now's.
    BeyondMaxDaysAhead,
    /// Outside `event.dateRange`.
    OutsideDateRange,
    /// Not inside the page hours.
    OutsidePageHours,
    /// The team rule fails.
    Team,
}

/// A member-level reason of SPEC §7: why one member is not free for the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MemberReason {
    /// Not inside one stretch of working time, and time off overlaps the meeting.
    TimeOff,
    /// Not inside one stretch of working time, and no time off overlaps it.
    OutsideWorkingHours,
    /// A busy interval or booking overlaps the meeting itself.
    Busy,
    /// None overlaps the meeting, but one does once both sides' buffers count.
    Buffer,
    /// The member's bookings of that local date reached `maxPerDay`.
    MaxPerDay,
    /// The member's bookings of that Monday–Sunday week reached `maxPerWeek` (SPEC 1.1).
    MaxPerWeek,
    /// The member's bookings of that calendar month reached `maxPerMonth` (SPEC 1.1).
    MaxPerMonth,
}

impl MemberReason {
    /// The reason a reached booking limit of `period` gives.
    fn limit(period: Period) -> MemberReason {
        match period {
            Period::Day => MemberReason::MaxPerDay,
            Period::Week => MemberReason::MaxPerWeek,
            Period::Month => MemberReason::MaxPerMonth,
        }
    }
}

/// The SPEC §7 explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The instant explained.
    pub start: Instant,
    /// True when no slot-level rule rejects it.
    pub offered: bool,
    /// Slot-level reasons.
    pub reasons: Vec<SlotReason>,
    /// Every member, in request order.
    pub members: Vec<MemberExplanation>,
    /// When offered: who would attend, exactly as the slot's `hosts` (SPEC 1.1 §7).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hosts: Option<Vec<String>>,
    /// When offered on a roundRobin page: the slot's `candidates` (SPEC 1.1 §7).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidates: Option<Vec<String>>,
}

/// One member's part of an explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberExplanation {
    /// The member's id.
    pub id: String,
    /// True when the member has no reason.
    pub free: bool,
    /// Member-level reasons.
    pub reasons: Vec<MemberReason>,
}

/// Explains start `x` (`whole_minute` when it has no seconds) against every rule.
pub(crate) fn explain(
    request: &SlotsRequest,
    tables: &mut Tables,
    start: Instant,
    end: Instant,
    now: Instant,
    x: Instant,
    whole_minute: bool,
) -> Explanation {
    let event = &request.event;
    let d = event.duration.to_ms();
    let (before, after) = (event.buffer_before.to_ms(), event.buffer_after.to_ms());
    let (lo, hi) = (x - Ms::DAY, x + d + Ms::DAY);

    let members: Vec<MemberExplanation> = request
        .members
        .iter()
        .map(|m| {
            let table = tables.get(m.tz);
            let mut reasons = Vec::new();
            let wt = working_time(&m.hours, table, event.respect_working_hours, lo, hi);
            if !wt.work.contains_span(x, x + d) {
                reasons.push(if wt.off.overlaps(x, x + d) {
                    MemberReason::TimeOff
                } else {
                    MemberReason::OutsideWorkingHours
                });
            }
            if m.busy
                .iter()
                .chain(&m.bookings)
                .any(|b| b.start < x + d && b.end > x)
            {
                reasons.push(MemberReason::Busy);
            } else if busy_spans(m, event).any(|(b0, b1)| b0 < x + d + after && b1 > x - before) {
                reasons.push(MemberReason::Buffer);
            }
            for period in Period::ALL {
                if limit_reached(m, table, event, period, x) {
                    reasons.push(MemberReason::limit(period));
                }
            }
            MemberExplanation {
                id: m.id.to_string(),
                free: reasons.is_empty(),
                reasons,
            }
        })
        .collect();

    let page = tables.get(request.tz);
    let mut reasons = Vec::new();
    if !whole_minute || !Grid::new(page, event.step).contains(x) {
        reasons.push(SlotReason::OffGrid);
    }
    if x < start || x >= end {
        reasons.push(SlotReason::OutsideRange);
    }
    if x < now.saturating_add(event.min_notice.to_ms()) {
        reasons.push(SlotReason::MinNotice);
    }
    let date = page.local_date(x);
    if date < page.local_date(now) + event.min_days_ahead {
        reasons.push(SlotReason::MinDaysAhead);
    }
    if event
        .max_days_ahead
        .is_some_and(|days| date > page.local_date(now) + days)
    {
        reasons.push(SlotReason::BeyondMaxDaysAhead);
    }
    if event
        .date_range
        .is_some_and(|(from, to)| date < from || date > to)
    {
        reasons.push(SlotReason::OutsideDateRange);
    }
    if let Some(hours) = &event.hours {
        if !weekly_time(hours, page, lo, hi).contains_span(x, x + d) {
            reasons.push(SlotReason::OutsidePageHours);
        }
    }
    let team_ok = match request.mode {
        Mode::Collective => members.iter().all(|m| m.free),
        Mode::RoundRobin => {
            let pairs = || request.members.iter().zip(&members);
            pairs().all(|(m, e)| !m.required || e.free)
                && pairs().filter(|(m, e)| !m.required && e.free).count() >= request.min_available
        }
    };
    if !team_ok {
        reasons.push(SlotReason::Team);
    }
    let offered = reasons.is_empty();
    let (mut hosts, mut candidates) = (None, None);
    if offered {
        let ids = |list: &mut dyn Iterator<Item = usize>| -> Vec<String> {
            list.map(|i| request.members[i].id.to_string()).collect()
        };
        let all = 0..request.members.len();
        match request.mode {
            Mode::Collective => hosts = Some(ids(&mut all.clone())),
            Mode::RoundRobin => {
                let free: Vec<usize> = pool_order(&request.members, request.assignment)
                    .into_iter()
                    .filter(|&i| members[i].free)
                    .collect();
                let mut chosen: Vec<usize> = all.filter(|&i| request.members[i].required).collect();
                chosen.extend(free.iter().take(request.min_available));
                hosts = Some(ids(&mut chosen.into_iter()));
                candidates = Some(ids(&mut free.into_iter()));
            }
        }
    }
    Explanation {
        start: x,
        offered,
        reasons,
        members,
        hosts,
        candidates,
    }
}
