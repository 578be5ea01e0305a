//! VEVENTs read from their blocks (RFC 5545 §3.6.1) into what busy times need: each event's
//! start and zone, length, busy or free, recurrence, exceptions and overrides; events with one
//! UID grouped as one series (SPEC §10). An event that cannot be read is left out with a warning
//! naming its line. [`Zones`] resolves the file's TZIDs, here and for VFREEBUSY periods.

use std::cell::RefCell;
use std::collections::HashMap;

use super::components::{Block, Components, Prop};
use super::recur::Series;
use super::rule::DAY;
use super::values::{parse_duration, parse_recur, parse_stamp, Duration, Stamp};
use super::zones::{named_zone, Resolver, Zone};
use super::{warn, Warning};
use crate::units::Ms;
use crate::zone::Tz;

/// How long each instance lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Length {
    /// Exactly this many ms (DTEND − DTSTART of the first instance, RFC 5545 §3.8.5.3).
    Exact(i64),
    /// A DURATION: days on the wall clock, then exact ms.
    Nominal { days: i64, ms: i64 },
    /// An all-day event: whole dates.
    Days(i64),
}

impl Length {
    /// An upper bound of an instance's length, ms.
    pub(crate) fn longest(self) -> i64 {
        // A nominal day is a wall-clock day: at most a UTC day plus the largest DST shift (2 h).
        let (day, shift) = (Ms::DAY.0, 2 * Ms::HOUR.0);
        match self {
            Length::Exact(ms) => ms,
            Length::Nominal { days, ms } => days
                .saturating_mul(day)
                .saturating_add(ms)
                .saturating_add(shift),
            Length::Days(n) => n.saturating_mul(day).saturating_add(shift),
        }
    }
}

/// Whether instances are busy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Show {
    Busy,
    Tentative,
    Free,
}

/// A time with its zone resolved (floating and DATE values already given their zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Time {
    /// Local seconds in `zone` (a DATE is its 00:00).
    pub secs: i64,
    pub date: bool,
    pub zone: Zone,
}

/// One VEVENT, read.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub start: Time,
    pub length: Length,
    pub show: Show,
    pub series: Option<Series>,
    /// An exact last instant (ms) from a date-time UNTIL, beside the series' local bound; an
    /// all-day instance is compared by its 00:00. DTSTART is never after it (SPEC §10 v1.2).
    pub until: Option<i64>,
    /// RDATEs: a time, and a period's own length.
    pub rdates: Vec<(Time, Option<Length>)>,
    /// EXDATE date-times as instants (ms), sorted.
    pub ex_instants: Vec<i64>,
    /// EXDATE dates (local dates in DTSTART's zone), sorted.
    pub ex_days: Vec<i64>,
    /// DTEND or DURATION was given (an override without either takes its master's length).
    pub own_length: bool,
}

impl Event {
    /// Whether the instance starting at local `local` (s), instant `at` (ms), comes after the
    /// series' UNTIL: DTSTART never does, whatever UNTIL says (SPEC §10 v1.2).
    pub(crate) fn past_until(&self, local: i64, at: i64) -> bool {
        self.until.is_some_and(|u| at > u) && local != self.start.secs
    }

    /// An upper bound of the length of any of its instances, RDATE periods included, ms.
    pub(crate) fn longest(&self) -> i64 {
        self.rdates
            .iter()
            .filter_map(|r| r.1)
            .map(Length::longest)
            .fold(self.length.longest(), i64::max)
    }
}

/// Which instance of a series an override replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rid {
    /// The instance starting at this instant (ms).
    Instant(i64),
    /// The instance on this local date (an all-day series, or a DATE RECURRENCE-ID).
    Day(i64),
}

/// A VEVENT with a RECURRENCE-ID.
#[derive(Debug, Clone)]
pub(crate) struct Override {
    pub event: Event,
    pub rid: Rid,
    /// `RANGE=THISANDFUTURE`.
    pub future: bool,
    sequence: i64,
    line: usize,
    raw_rid: (Stamp, Option<Zone>),
}

/// The events of one UID (or one event without a UID).
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub master: Option<Event>,
    pub overrides: Vec<Override>,
    /// The master's SEQUENCE.
    sequence: i64,
}

/// A file's time zones and the member's.
pub(crate) struct Zones<'a> {
    pub member: Tz,
    pub names: &'a HashMap<String, usize>,
    /// Single local times resolved while reading, with the tables kept.
    pub points: RefCell<Resolver<'a>>,
}

impl Zones<'_> {
    /// The zone of a value: `Z` is UTC, a TZID is looked up (SPEC §10 order; unknown: the
    /// member's zone, with a warning), a DATE or floating time has none (`None`).
    pub(super) fn of(
        &self,
        prop: &Prop,
        stamp: Stamp,
        warnings: &mut Vec<Warning>,
    ) -> Option<Zone> {
        if stamp.utc {
            return Some(Zone::Iana(Tz::utc()));
        }
        if stamp.date {
            return None;
        }
        let tzid = prop.param("TZID")?;
        if let Some(&n) = self.names.get(tzid) {
            return Some(Zone::Custom(n as u32));
        }
        if let Some(tz) = named_zone(tzid) {
            return Some(Zone::Iana(tz));
        }
        warn(
            warnings,
            prop.line,
            format!(
                "unknown TZID `{}`: read in the member's zone",
                super::values::truncated(tzid)
            ),
        );
        Some(Zone::Iana(self.member))
    }

    /// The instant (ms) of local `secs` in `zone`, by SPEC §2.
    pub(super) fn instant(&self, zone: Zone, secs: i64) -> i64 {
        self.points.borrow_mut().instant(zone, secs * 1000)
    }
}

/// Reads one VEVENT block; `Err` is the reason it is skipped.
fn event(
    block: &Block,
    zones: &Zones<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<(Event, Option<Override>, Option<String>), String> {
    if let Some((line, why)) = block.broken {
        return Err(format!("line {line} cannot be read: {why}"));
    }
    let rid = match block.get("RECURRENCE-ID") {
        Some(p) => {
            let s = p.stamp()?;
            let future = p
                .param("RANGE")
                .is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE"));
            Some((s, zones.of(p, s, warnings), future))
        }
        None => None,
    };
    let (start_stamp, start_zone) = match (block.get("DTSTART"), rid) {
        (Some(p), _) if !p.value.is_empty() => {
            let s = p.stamp()?;
            (s, zones.of(p, s, warnings))
        }
        (None, Some((s, z, _))) => (s, z),
        _ => return Err("it has no DTSTART".to_string()),
    };
    let zone = start_zone.unwrap_or(Zone::Iana(zones.member));
    let start = Time {
        secs: start_stamp.secs,
        date: start_stamp.date,
        zone,
    };
    let start_ms = zones.instant(zone, start.secs);
    // Another value read in DTSTART's zone when it has none of its own.
    let time_of = |prop: &Prop, s: Stamp, warnings: &mut Vec<Warning>| -> Time {
        let z = if s.date {
            zone
        } else {
            zones.of(prop, s, warnings).unwrap_or(zone)
        };
        Time {
            secs: s.secs,
            date: s.date,
            zone: z,
        }
    };
    let length = match (block.get("DTEND"), block.get("DURATION")) {
        (Some(p), _) if !p.value.is_empty() => {
            let end = time_of(p, p.stamp()?, warnings);
            if start.date && end.date {
                Length::Days((end.secs - start.secs) / DAY)
            } else {
                Length::Exact(zones.instant(end.zone, end.secs) - start_ms)
            }
        }
        (_, Some(p)) => {
            let Duration { days, secs } = parse_duration(&p.value).ok_or_else(|| {
                format!(
                    "DURATION `{}` cannot be read",
                    super::values::truncated(&p.value)
                )
            })?;
            if days < 0 || secs < 0 {
                return Err("its DURATION is negative".to_string());
            }
            Length::Nominal {
                days,
                ms: secs * 1000,
            }
        }
        _ if start.date => Length::Days(1),
        _ => Length::Exact(0),
    };
    if matches!(length, Length::Exact(ms) if ms < 0) || matches!(length, Length::Days(d) if d < 0) {
        return Err("its DTEND is before its DTSTART".to_string());
    }
    let show = show(block);
    let mut until = None;
    let series = match block.get("RRULE") {
        Some(p) => {
            let recur = parse_recur(&p.value)?;
            let bound = recur.until.map(|u| {
                if u.date && !start.date {
                    u.secs + DAY - 1
                } else if u.utc {
                    // Exact below; the local bound only has to be late enough.
                    u.secs + 2 * DAY
                } else {
                    u.secs
                }
            });
            // A date-time UNTIL is an instant, also on an all-day series (Outlook writes
            // `UNTIL=20261019T230000Z` for "until 20 October" in London): the instance on
            // date D stays while D's 00:00 in the member's zone is not after it (SPEC §10 v1.2).
            if let Some(u) = recur.until.filter(|u| !u.date) {
                until = Some(if u.utc {
                    u.secs * 1000
                } else {
                    zones.instant(zone, u.secs)
                });
            }
            Some(
                Series::new(recur.rule, start.secs, start.date, bound)
                    .map_err(|e| e.message().to_string())?,
            )
        }
        _ => None,
    };
    let mut rdates = Vec::new();
    for p in block.all("RDATE") {
        let period = p
            .param("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"))
            || p.value.contains('/');
        if period {
            for item in p.value.split(',') {
                let (a, b) = item.split_once('/').ok_or_else(|| {
                    format!(
                        "RDATE period `{}` has no `/`",
                        super::values::truncated(item)
                    )
                })?;
                let s = parse_stamp(a).ok_or_else(|| {
                    format!(
                        "RDATE period `{}` cannot be read",
                        super::values::truncated(item)
                    )
                })?;
                let t = time_of(p, s, warnings);
                let len = match (parse_stamp(b), parse_duration(b)) {
                    (Some(e), _) => Length::Exact(
                        zones.instant(time_of(p, e, warnings).zone, e.secs)
                            - zones.instant(t.zone, t.secs),
                    ),
                    (None, Some(d)) if d.days >= 0 && d.secs >= 0 => Length::Nominal {
                        days: d.days,
                        ms: d.secs * 1000,
                    },
                    _ => {
                        return Err(format!(
                            "RDATE period `{}` cannot be read",
                            super::values::truncated(item)
                        ))
                    }
                };
                if matches!(len, Length::Exact(ms) if ms < 0) {
                    return Err("an RDATE period ends before it starts".to_string());
                }
                rdates.push((t, Some(len)));
            }
        } else {
            for s in p.stamps()? {
                let mut t = time_of(p, s, warnings);
                if s.date && !start.date {
                    // A date in a timed series: that date at DTSTART's time of day.
                    t.secs += start.secs.rem_euclid(DAY);
                    t.date = false;
                } else if !s.date && start.date {
                    // A date-time in an all-day series: its date.
                    t = Time {
                        secs: s.secs - s.secs.rem_euclid(DAY),
                        date: true,
                        zone,
                    };
                }
                rdates.push((t, None));
            }
        }
    }
    let (mut ex_instants, mut ex_days) = (Vec::new(), Vec::new());
    for p in block.all("EXDATE") {
        for s in p.stamps()? {
            if s.date || start.date {
                ex_days.push(s.secs.div_euclid(DAY));
            } else {
                let t = time_of(p, s, warnings);
                ex_instants.push(zones.instant(t.zone, t.secs));
            }
        }
    }
    ex_instants.sort_unstable();
    ex_days.sort_unstable();
    let own_length = block.get("DTEND").is_some() || block.get("DURATION").is_some();
    let event = Event {
        start,
        length,
        show,
        series,
        until,
        rdates,
        ex_instants,
        ex_days,
        own_length,
    };
    let uid = block
        .get("UID")
        .map(|p| p.value.to_string())
        .filter(|u| !u.is_empty());
    let sequence = block
        .get("SEQUENCE")
        .and_then(|p| p.value.trim().parse::<i64>().ok())
        .unwrap_or(0);
    let over = rid.map(|(s, z, future)| Override {
        event: event.clone(),
        rid: Rid::Day(0),
        future,
        sequence,
        line: block.line,
        raw_rid: (s, z),
    });
    Ok((event, over, uid))
}

/// Busy, tentative or free, by STATUS, TRANSP and Outlook's busy status (SPEC §10).
fn show(block: &Block) -> Show {
    let is = |name: &str, value: &str| {
        block
            .get(name)
            .is_some_and(|p| p.value.eq_ignore_ascii_case(value))
    };
    if is("STATUS", "CANCELLED") {
        return Show::Free;
    }
    if is("X-MICROSOFT-CDO-BUSYSTATUS", "FREE")
        || is("X-MICROSOFT-CDO-BUSYSTATUS", "WORKINGELSEWHERE")
        || is("TRANSP", "TRANSPARENT")
    {
        return Show::Free;
    }
    if is("STATUS", "TENTATIVE") || is("X-MICROSOFT-CDO-BUSYSTATUS", "TENTATIVE") {
        return Show::Tentative;
    }
    Show::Busy
}

/// Reads the VEVENTs and groups them by UID: of several without RECURRENCE-ID, the highest
/// SEQUENCE wins, then the last in the file; overrides likewise per RECURRENCE-ID.
pub(crate) fn groups(
    parts: &Components,
    zones: &Zones<'_>,
    warnings: &mut Vec<Warning>,
) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_uid: HashMap<String, usize> = HashMap::new();
    for block in &parts.events {
        let (event, over, uid) = match event(block, zones, warnings) {
            Ok(read) => read,
            Err(why) => {
                warn(warnings, block.line, format!("the event is skipped: {why}"));
                continue;
            }
        };
        let sequence = block
            .get("SEQUENCE")
            .and_then(|p| p.value.trim().parse::<i64>().ok())
            .unwrap_or(0);
        let fresh = Group {
            master: None,
            overrides: Vec::new(),
            sequence: i64::MIN,
        };
        let slot = match uid {
            Some(uid) => *by_uid.entry(uid).or_insert_with(|| {
                groups.push(fresh);
                groups.len() - 1
            }),
            None => {
                groups.push(fresh);
                groups.len() - 1
            }
        };
        let group = &mut groups[slot];
        match over {
            Some(o) => group.overrides.push(o),
            None if sequence >= group.sequence => {
                group.sequence = sequence;
                group.master = Some(event);
            }
            None => {}
        }
    }
    for g in &mut groups {
        resolve_overrides(g, zones, warnings);
    }
    groups
}

/// Gives each override the instance it names, in its master's terms, and keeps one override
/// per instance (highest SEQUENCE, then the last).
fn resolve_overrides(g: &mut Group, zones: &Zones<'_>, warnings: &mut Vec<Warning>) {
    let master_zone = g.master.as_ref().map(|m| m.start.zone);
    let all_day = g.master.as_ref().is_some_and(|m| m.start.date);
    for o in &mut g.overrides {
        let (s, z) = o.raw_rid;
        o.rid = if all_day || s.date {
            Rid::Day(s.secs.div_euclid(DAY))
        } else {
            let zone = z.or(master_zone).unwrap_or(Zone::Iana(zones.member));
            Rid::Instant(zones.instant(zone, s.secs))
        };
    }
    // One override per instance: sorted by the instance it names, then file order.
    let key = |rid: Rid| match rid {
        Rid::Instant(at) => at.saturating_mul(2),
        Rid::Day(d) => d.saturating_mul(2) + 1,
    };
    let mut order: Vec<(i64, i64)> = g
        .overrides
        .iter()
        .enumerate()
        .map(|(i, o)| (key(o.rid), i as i64))
        .collect();
    order.sort_unstable();
    let mut chosen: Vec<(i64, i64)> = Vec::with_capacity(order.len());
    for &(k, i) in &order {
        match chosen.last_mut() {
            // Of one instance's overrides the highest SEQUENCE wins, then the last.
            Some(last) if last.0 == k => {
                if g.overrides[i as usize].sequence >= g.overrides[last.1 as usize].sequence {
                    last.1 = i;
                }
            }
            _ => chosen.push((k, i)),
        }
    }
    let mut slots: Vec<Option<Override>> = g.overrides.drain(..).map(Some).collect();
    let mut kept: Vec<Override> = chosen
        .iter()
        .filter_map(|&(_, i)| slots[i as usize].take())
        .collect();
    // Each RANGE=THISANDFUTURE splits the series once more: a few are real, thousands are not.
    let mut futures = 0;
    for o in &mut kept {
        if o.future {
            futures += 1;
            if futures > MAX_FUTURES {
                o.future = false;
                warn(
                    warnings,
                    o.line,
                    format!("only {MAX_FUTURES} RANGE=THISANDFUTURE overrides are read per event: this one moves its own instance only"),
                );
            }
        }
    }
    g.overrides = kept;
}

/// At most this many `RANGE=THISANDFUTURE` overrides shift one series.
const MAX_FUTURES: usize = 100;
