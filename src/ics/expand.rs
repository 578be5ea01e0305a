//! The busy intervals of a read calendar inside a window of instants (SPEC §10): each series
//! expanded in its own wall-clock time only over the window, each instance resolved by SPEC §2,
//! less EXDATEs and the instances overrides replace, moved by `RANGE=THISANDFUTURE`; overrides
//! and VFREEBUSY periods as they are.

use super::events::{Event, Group, Length, Override, Rid, Show};
use super::rule::DAY;
use super::zones::{Resolver, Zone};
use super::Calendar;

/// Milliseconds in a day.
const DAY_MS: i64 = DAY * 1000;
/// Offsets lie within ±26 h: a local time and its instant lie within this of each other.
const SLACK: i64 = 27 * 3600;

/// What counts as busy besides busy events: all-day events, tentative ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// All-day (DATE) events count (`"allDay": "busy"`, the default).
    pub all_day: bool,
    /// Tentative events count (`"tentative": "busy"`, the default).
    pub tentative: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            all_day: true,
            tentative: true,
        }
    }
}

impl Options {
    fn busy(self, show: Show, date: bool) -> bool {
        let by_show = match show {
            Show::Busy => true,
            Show::Tentative => self.tentative,
            Show::Free => false,
        };
        by_show && (self.all_day || !date)
    }
}

/// One stretch of a series' instances (by original start) and how it is shown and moved.
#[derive(Clone, Copy)]
struct Segment {
    from: i64,
    shift: i64,
    show: Show,
}

impl Calendar {
    /// Calls `sink(start, end)` (ms) for every busy interval that overlaps `[from, to)`: every
    /// instance is handed out whole, in no particular order. Returns false as soon as `sink`
    /// does (the busy items are too many).
    pub fn busy(
        &self,
        from: i64,
        to: i64,
        options: Options,
        sink: &mut dyn FnMut(i64, i64) -> bool,
    ) -> bool {
        let margin = self.longest.min(400 * DAY_MS) + 3 * DAY_MS;
        let mut resolver = Resolver::new(
            &self.zones,
            from.saturating_sub(margin),
            to.saturating_add(3 * DAY_MS),
        );
        let mut x = Expansion {
            from,
            to,
            options,
            resolver: &mut resolver,
            sink,
        };
        for g in &self.groups {
            if !x.group(g) {
                return false;
            }
        }
        for (list, show) in self.freebusy.iter().zip([Show::Busy, Show::Tentative]) {
            if !options.busy(show, false) {
                continue;
            }
            let first =
                list.partition_point(|&(s, _)| s < from.saturating_sub(self.longest_period));
            for &(s, e) in &list[first..] {
                if s >= to {
                    break;
                }
                if e > from && !(x.sink)(s, e) {
                    return false;
                }
            }
        }
        true
    }
}

/// One pass over a calendar for one window.
struct Expansion<'x, 'c> {
    from: i64,
    to: i64,
    options: Options,
    resolver: &'x mut Resolver<'c>,
    sink: &'x mut dyn FnMut(i64, i64) -> bool,
}

impl Expansion<'_, '_> {
    /// The end (ms) of an instance starting at local `local` (s) / instant `start` (ms).
    fn end(&mut self, length: Length, zone_local: (Zone, i64), start: i64) -> i64 {
        let (zone, local) = zone_local;
        match length {
            Length::Exact(ms) => start + ms,
            Length::Nominal { days, ms } => {
                self.resolver.instant(zone, (local + days * DAY) * 1000) + ms
            }
            Length::Days(n) => self
                .resolver
                .instant(zone, (local.div_euclid(DAY) + n) * DAY_MS),
        }
    }

    fn emit(&mut self, start: i64, end: i64) -> bool {
        if end > start && start < self.to && end > self.from {
            (self.sink)(start, end)
        } else {
            true
        }
    }

    fn group(&mut self, g: &Group) -> bool {
        let Some(m) = &g.master else {
            // Overrides without their series (an invitation to one instance, a moved tail):
            // each is an event of its own, its RRULE and RDATEs included.
            return g.overrides.iter().all(|o| self.master(&o.event, &[]));
        };
        for o in &g.overrides {
            let e = &o.event;
            if !self.options.busy(e.show, e.start.date) {
                continue;
            }
            let length = if e.own_length { e.length } else { m.length };
            let start = self.resolver.instant(e.start.zone, e.start.secs * 1000);
            let end = self.end(length, (e.start.zone, e.start.secs), start);
            if !self.emit(start, end) {
                return false;
            }
        }
        self.master(m, &g.overrides)
    }

    fn master(&mut self, m: &Event, overrides: &[Override]) -> bool {
        // Segments of the series: before the first THISANDFUTURE override, then from each.
        let mut segments = vec![Segment {
            from: i64::MIN,
            shift: 0,
            show: m.show,
        }];
        // (original start, index) of each THISANDFUTURE override, in time order.
        let mut future: Vec<(i64, i64)> = Vec::new();
        let mut moves: Vec<(i64, Show)> = Vec::new();
        for o in overrides.iter().filter(|o| o.future) {
            let (at, shift) = match o.rid {
                Rid::Instant(at) => (
                    at,
                    self.resolver
                        .instant(o.event.start.zone, o.event.start.secs * 1000)
                        - at,
                ),
                Rid::Day(d) => (
                    self.resolver.instant(m.start.zone, d * DAY_MS),
                    (o.event.start.secs.div_euclid(DAY) - d) * DAY_MS,
                ),
            };
            future.push((at, moves.len() as i64));
            moves.push((shift, o.event.show));
        }
        future.sort_unstable();
        segments.extend(future.iter().map(|&(from, i)| {
            let (shift, show) = moves[i as usize];
            Segment { from, shift, show }
        }));
        if !segments
            .iter()
            .any(|s| self.options.busy(s.show, m.start.date))
        {
            return true;
        }
        let longest = m.longest();
        let segment_of = |at: i64| -> Segment {
            segments[segments.partition_point(|s| s.from <= at).saturating_sub(1)]
        };
        let (mut rid_instants, mut rid_days) = (Vec::new(), Vec::new());
        for o in overrides {
            match o.rid {
                Rid::Instant(at) => rid_instants.push(at),
                Rid::Day(d) => rid_days.push(d),
            }
        }
        rid_instants.sort_unstable();
        rid_days.sort_unstable();
        let replaced = |at: i64, day: i64| {
            m.ex_instants.binary_search(&at).is_ok()
                || m.ex_days.binary_search(&day).is_ok()
                || rid_instants.binary_search(&at).is_ok()
                || rid_days.binary_search(&day).is_ok()
        };
        let zone = m.start.zone;
        for (k, seg) in segments.iter().enumerate() {
            if !self.options.busy(seg.show, m.start.date) {
                continue;
            }
            let seg_to = segments.get(k + 1).map_or(i64::MAX, |s| s.from);
            // Original starts that land in the window once moved, inside this segment.
            let lo = (self.from - seg.shift - longest)
                .max(seg.from)
                .div_euclid(1000)
                - SLACK;
            let hi = (self.to - seg.shift).min(seg_to).div_euclid(1000) + SLACK;
            let mut within = true;
            let mut instance = |t: i64| -> bool {
                let at = self.resolver.instant(zone, t * 1000);
                if at < seg.from
                    || at >= seg_to
                    || m.past_until(t, at)
                    || replaced(at, t.div_euclid(DAY))
                {
                    return true;
                }
                let end = self.end(m.length, (zone, t), at);
                within = self.emit(at + seg.shift, end + seg.shift);
                within
            };
            match &m.series {
                // Instances of no length are busy nowhere: not even looked for.
                _ if m.length == Length::Exact(0) => {}
                Some(series) => series.each(lo, hi, &mut instance),
                None if (lo..hi).contains(&m.start.secs) => {
                    instance(m.start.secs);
                }
                None => {}
            }
            if !within {
                return false;
            }
        }
        // RDATEs that are not also rule instances.
        let mut rdates: Vec<(i64, i64)> = m
            .rdates
            .iter()
            .enumerate()
            .map(|(i, (t, _))| (self.resolver.instant(t.zone, t.secs * 1000), i as i64))
            .collect();
        rdates.sort_unstable();
        rdates.dedup_by_key(|r| r.0);
        for (at, i) in rdates {
            let (t, own) = m.rdates[i as usize];
            let seg = segment_of(at);
            if !self.options.busy(seg.show, m.start.date)
                || replaced(at, t.secs.div_euclid(DAY))
                || self.is_rule_instance(m, at)
            {
                continue;
            }
            let end = self.end(own.unwrap_or(m.length), (t.zone, t.secs), at);
            if !self.emit(at + seg.shift, end + seg.shift) {
                return false;
            }
        }
        true
    }

    /// Whether the series itself (DTSTART included) has an instance starting at `at` (ms).
    fn is_rule_instance(&mut self, m: &Event, at: i64) -> bool {
        let around = at.div_euclid(1000);
        let mut locals = Vec::new();
        match &m.series {
            Some(series) => series.each(around - SLACK, around + SLACK, &mut |t| {
                locals.push(t);
                locals.len() < 10_000
            }),
            None => locals.push(m.start.secs),
        }
        locals
            .iter()
            .any(|&t| self.resolver.instant(m.start.zone, t * 1000) == at && !m.past_until(t, at))
    }
}
