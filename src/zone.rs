//! Time zones: IANA names and links through bookable's own database ([`crate::tzdb`]), and an
//! offset table per zone that turns local wall-clock times into instants with the *compatible*
//! rule (SPEC §2) and back.
//!
//! [`OffsetTable`] holds a zone's transitions over a window, read straight from the database.
//! Inside the window every conversion is a short search over a handful of segments; outside it,
//! the table asks the database directly, so answers never depend on the window. The database is
//! exact from 1900 to 2201; before and after, the offsets of its ends hold.
//!
//! The engine speaks in [`Instant`], [`LocalMs`], [`LocalDate`] and [`Ms`]; the calendar reader
//! (`src/ics`, `src/providers.rs`) still hands raw milliseconds to [`OffsetTable::new`],
//! [`OffsetTable::from_transitions`], [`OffsetTable::to_instant`] and [`to_instant_direct`], the
//! boundary where its numbers become the engine's units.

use std::collections::HashMap;

use crate::instant::Instant;
use crate::tzdb::TimeZone;
use crate::units::{LocalDate, LocalMs, Ms, Seconds};

/// A time zone (an IANA zone or link name).
pub type Tz = TimeZone;

/// The UTC offset of `tz` at instant `t`.
pub fn offset_at_direct(tz: Tz, t: Instant) -> Ms {
    Seconds(tz.offset_at(t.0.div_euclid(1000)) as i64).to_ms()
}

/// A zone's offsets over a window of instants: `starts[i]` is where `offsets[i]` begins (both
/// in milliseconds, the table's own representation).
#[derive(Debug, Clone)]
pub struct OffsetTable {
    tz: Tz,
    from: i64,
    to: i64,
    starts: Vec<i64>,
    offsets: Vec<i64>,
}

impl OffsetTable {
    /// Builds the table for instants in `[from, to)`.
    pub fn over(tz: Tz, from: Instant, to: Instant) -> Self {
        let (from, to) = (from.0, to.0);
        let mut starts = vec![from];
        let mut offsets = vec![offset_at_direct(tz, Instant(from)).0];
        // Transitions are whole seconds: those at instants in (from, to).
        let first = from.div_euclid(1000).saturating_add(1);
        let last = to
            .div_euclid(1000)
            .saturating_add(i64::from(to.rem_euclid(1000) != 0));
        for (at, offset) in tz.transitions(first, last) {
            starts.push(Seconds(at).to_ms().0);
            offsets.push(Seconds(offset as i64).to_ms().0);
        }
        OffsetTable {
            tz,
            from,
            to,
            starts,
            offsets,
        }
    }

    /// [`Self::over`] in raw milliseconds, for the calendar reader.
    pub fn new(tz: Tz, from: i64, to: i64) -> Self {
        Self::over(tz, Instant(from), Instant(to))
    }

    /// A table of a zone the database does not hold (an iCalendar VTIMEZONE): `initial` (ms
    /// east of UTC) from `from`, then each `(at, offset)` of `transitions` (ascending instants
    /// in `(from, to)`), all in milliseconds. Every conversion must lie inside `[from, to)`
    /// with 26 hours to spare; beyond it the table answers as UTC.
    #[cfg_attr(not(feature = "calendars"), allow(dead_code))]
    pub fn from_transitions(from: i64, to: i64, initial: i64, transitions: &[(i64, i64)]) -> Self {
        let mut starts = vec![from];
        let mut offsets = vec![initial];
        for &(at, offset) in transitions {
            if at > *starts.last().unwrap_or(&from)
                && at < to
                && offset != *offsets.last().unwrap_or(&initial)
            {
                starts.push(at);
                offsets.push(offset);
            }
        }
        OffsetTable {
            tz: Tz::utc(),
            from,
            to,
            starts,
            offsets,
        }
    }

    fn covers(&self, ms: i64) -> bool {
        ms >= self.from && ms < self.to
    }

    fn segment(&self, ms: i64) -> usize {
        self.starts.partition_point(|&s| s <= ms).saturating_sub(1)
    }

    /// The end of segment `i` (exclusive), `i64::MAX` for the last.
    fn segment_end(&self, i: usize) -> i64 {
        self.starts.get(i + 1).copied().unwrap_or(i64::MAX)
    }

    /// The segment of constant offset holding instant `t`: `(start, end, offset)`, clipped to
    /// the table's window. Outside the window, the zone's whole segment (unbounded before the
    /// first or after the last transition).
    pub fn segment_at(&self, t: Instant) -> (Instant, Instant, Ms) {
        let ms = t.0;
        if !self.covers(ms) {
            let (start, end, offset) = self.tz.span_at(ms.div_euclid(1000));
            return (
                Instant(start.saturating_mul(1000)),
                Instant(end.saturating_mul(1000)),
                Seconds(offset as i64).to_ms(),
            );
        }
        let i = self.segment(ms);
        (
            Instant(self.starts[i]),
            Instant(self.segment_end(i).min(self.to)),
            Ms(self.offsets[i]),
        )
    }

    /// The UTC offset at instant `t`.
    pub fn offset_at(&self, t: Instant) -> Ms {
        let ms = t.0;
        if self.offsets.len() == 1 && self.covers(ms) {
            return Ms(self.offsets[0]);
        }
        if self.covers(ms) {
            Ms(self.offsets[self.segment(ms)])
        } else {
            offset_at_direct(self.tz, t)
        }
    }

    /// The local wall-clock time of instant `t`.
    pub fn to_local(&self, t: Instant) -> LocalMs {
        t.to_local(self.offset_at(t))
    }

    /// The local date of instant `t`.
    pub fn local_date(&self, t: Instant) -> LocalDate {
        self.to_local(t).date()
    }

    /// The instant of local wall-clock time `local`, by the compatible rule: a time in a gap
    /// moves forward by the gap's length, a repeated time means the earlier instant.
    pub fn instant_for(&self, local: LocalMs) -> Instant {
        Instant(self.to_instant(local.0))
    }

    /// [`Self::instant_for`] in raw milliseconds, for the calendar reader.
    pub fn to_instant(&self, local: i64) -> i64 {
        if !(self.covers(local.saturating_sub(SPAN)) && self.covers(local.saturating_add(SPAN))) {
            return to_instant_direct(self.tz, local);
        }
        self.resolve(local)
    }

    /// [`Self::to_instant`] for a `local` whose candidates the table covers.
    fn resolve(&self, local: i64) -> i64 {
        if self.offsets.len() == 1 {
            return local.saturating_sub(self.offsets[0]);
        }
        let first = self.segment(local.saturating_sub(SPAN));
        let last = self.segment(local.saturating_add(SPAN));
        let mut best: Option<i64> = None;
        for i in first..=last {
            let u = local.saturating_sub(self.offsets[i]);
            if u >= self.starts[i] && u < self.segment_end(i) {
                best = Some(best.map_or(u, |b: i64| b.min(u)));
            }
        }
        if let Some(u) = best {
            return u;
        }
        // In a gap: use the offset in force before the transition the gap belongs to.
        for k in (first + 1)..=last {
            let t = self.starts[k];
            if local >= t.saturating_add(self.offsets[k - 1])
                && local < t.saturating_add(self.offsets[k])
            {
                return local.saturating_sub(self.offsets[k - 1]);
            }
        }
        local.saturating_sub(self.offsets[first])
    }

    /// Whether local date `date` occurs in the zone at all. A forward jump of a whole day
    /// removes dates: Pacific/Apia has no 2011-12-30.
    pub fn date_exists(&self, date: LocalDate) -> bool {
        // A gap that swallows midnight moves it forward; the date is gone only when midnight
        // lands on a later date.
        self.local_date(self.instant_for(date.start())) == date
    }

    /// Instants whose local wall-clock time lies in `[local_lo, local_hi)`, intersected with
    /// `[from, to)` of the instants considered, as sorted disjoint intervals. Exact even where
    /// local time runs backwards.
    pub fn instants_with_local_in(
        &self,
        local_lo: LocalMs,
        local_hi: LocalMs,
        from: Instant,
        to: Instant,
    ) -> Vec<(Instant, Instant)> {
        let mut out: Vec<(Instant, Instant)> = Vec::new();
        let mut push = |a: Instant, b: Instant| {
            if a < b {
                match out.last_mut() {
                    Some(last) if last.1 >= a => last.1 = last.1.max(b),
                    _ => out.push((a, b)),
                }
            }
        };
        if !(self.covers(from.0) && self.covers(to.0 - 1)) {
            // Rare: outside the table. Walk the zone directly, one probe window at a time.
            let table = OffsetTable::over(self.tz, from - Ms::DAY, to + Ms::DAY);
            return table.instants_with_local_in(local_lo, local_hi, from, to);
        }
        let (first, last) = (self.segment(from.0), self.segment(to.0 - 1));
        for i in first..=last {
            let (ss, se) = (
                Instant(self.starts[i]).max(from),
                Instant(self.segment_end(i)).min(to),
            );
            let o = Ms(self.offsets[i]);
            push(
                ss.max(Instant::from_local(local_lo, o)),
                se.min(Instant::from_local(local_hi, o)),
            );
        }
        out
    }
}

/// Offsets lie within ±26 h: the instants a local time can name lie within this of it.
const SPAN: i64 = 26 * 60 * Ms::MINUTE.0;

/// The compatible rule for one local wall-clock time (naive ms), without a table at hand; raw
/// milliseconds, for the calendar reader.
pub fn to_instant_direct(tz: Tz, local: i64) -> i64 {
    let two_days = 2 * Ms::DAY.0;
    OffsetTable::new(
        tz,
        local.saturating_sub(two_days),
        local.saturating_add(two_days),
    )
    .resolve(local)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::{days_from_civil, Minutes};

    fn local(y: i64, m: u32, d: u32, h: i64, min: i64) -> i64 {
        LocalDate::from_civil(y, m, d).at(Minutes(h * 60 + min)).0
    }

    fn utc(y: i64, m: u32, d: u32, h: i64, min: i64) -> i64 {
        local(y, m, d, h, min)
    }

    /// The table over `window` and the direct path both resolve `local` to `expected`.
    fn assert_resolves(t: &OffsetTable, local: i64, expected: i64) {
        assert_eq!(t.to_instant(local), expected, "table");
        assert_eq!(to_instant_direct(t.tz, local), expected, "direct");
    }

    #[test]
    fn paris_spring_forward_0230_becomes_0330() {
        let tz: Tz = "Europe/Paris".parse().unwrap();
        let t = OffsetTable::new(tz, utc(2026, 3, 20, 0, 0), utc(2026, 4, 5, 0, 0));
        assert_resolves(&t, local(2026, 3, 29, 2, 30), utc(2026, 3, 29, 1, 30));
        assert_eq!(t.starts.len(), 2);
        assert_eq!(t.starts[1], utc(2026, 3, 29, 1, 0));
    }

    #[test]
    fn new_york_fall_back_0130_means_the_earlier() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let t = OffsetTable::new(tz, utc(2026, 10, 25, 0, 0), utc(2026, 11, 8, 0, 0));
        assert_resolves(&t, local(2026, 11, 1, 1, 30), utc(2026, 11, 1, 5, 30));
    }

    #[test]
    fn lord_howe_half_hour_gap() {
        let tz: Tz = "Australia/Lord_Howe".parse().unwrap();
        let t = OffsetTable::new(tz, utc(2026, 9, 28, 0, 0), utc(2026, 10, 10, 0, 0));
        // 2026-10-04 02:00 +10:30 jumps to 02:30 +11:00; 02:15 becomes 02:45 (15:45Z on the 3rd).
        assert_resolves(&t, local(2026, 10, 4, 2, 15), utc(2026, 10, 3, 15, 45));
    }

    #[test]
    fn rules_hold_after_2099() {
        // chrono-tz's data ended in 2099; Paris springs forward on 2100-03-28 at 01:00Z.
        let tz: Tz = "Europe/Paris".parse().unwrap();
        let t = OffsetTable::new(tz, utc(2100, 3, 20, 0, 0), utc(2100, 4, 5, 0, 0));
        assert_eq!(t.starts, [utc(2100, 3, 20, 0, 0), utc(2100, 3, 28, 1, 0)]);
        assert_resolves(&t, local(2100, 3, 28, 2, 30), utc(2100, 3, 28, 1, 30));
        assert_eq!(
            to_instant_direct(tz, local(2200, 10, 26, 2, 30)),
            utc(2200, 10, 26, 0, 30)
        );
    }

    #[test]
    fn apia_has_no_2011_12_30() {
        let tz: Tz = "Pacific/Apia".parse().unwrap();
        let t = OffsetTable::new(tz, utc(2011, 12, 25, 0, 0), utc(2012, 1, 5, 0, 0));
        let date = |y, m, d| LocalDate(days_from_civil(y, m, d));
        assert!(t.date_exists(date(2011, 12, 29)));
        assert!(!t.date_exists(date(2011, 12, 30)));
        assert!(t.date_exists(date(2011, 12, 31)));
    }

    #[test]
    fn the_ends_of_the_database_are_clamped_without_panics() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let t = OffsetTable::new(tz, utc(1899, 12, 1, 0, 0), utc(1900, 2, 1, 0, 0));
        // LMT ended in 1883: 1900 is already EST, and so is everything before.
        assert_eq!(
            t.offset_at(Instant(utc(1899, 12, 15, 0, 0))),
            Ms(-18_000_000)
        );
        let t = OffsetTable::new(tz, utc(2200, 12, 1, 0, 0), utc(2201, 3, 1, 0, 0));
        assert_eq!(
            t.offset_at(Instant(utc(2201, 2, 15, 0, 0))),
            Ms(-18_000_000)
        );
        let far = OffsetTable::new(tz, i64::MIN / 2, i64::MAX / 2);
        assert!(far.starts.len() > 400);
        assert_eq!(to_instant_direct(tz, i64::MAX), i64::MAX);
        assert_eq!(to_instant_direct(tz, i64::MIN), i64::MIN + 18_000_000);
    }

    #[test]
    fn table_and_direct_agree_every_quarter_hour_around_transitions() {
        for name in [
            "Europe/Paris",
            "America/Santiago",
            "America/Havana",
            "Pacific/Apia",
            "Pacific/Chatham",
            "Australia/Lord_Howe",
            "America/St_Johns",
        ] {
            let tz: Tz = name.parse().unwrap();
            let (from, to) = (utc(2011, 1, 1, 0, 0), utc(2012, 6, 1, 0, 0));
            let t = OffsetTable::new(tz, from, to);
            let mut l = from + 2 * Ms::DAY.0;
            while l < to - 2 * Ms::DAY.0 {
                assert_eq!(
                    t.to_instant(l),
                    to_instant_direct(tz, l),
                    "{name} at local {l}"
                );
                l += 15 * 60_000;
            }
        }
    }
}

/// Offset tables for every zone a computation touches, over one window.
pub struct Tables {
    from: Instant,
    to: Instant,
    map: HashMap<Tz, OffsetTable>,
}

impl Tables {
    /// No table yet; each zone's will cover instants in `[from, to)`.
    pub(crate) fn new(from: Instant, to: Instant) -> Self {
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
            .or_insert_with(|| OffsetTable::over(tz, from, to))
    }
}

/// The offset tables against zic's own tables of the same release (the TZif files in the
/// vendored wheel, read with jiff): an independent reference for the compatible rule.
#[cfg(test)]
mod against_zic {
    use super::*;
    use crate::units::days_from_civil;

    use crate::zic_reference::Tz as RefTz;

    fn zone(name: &str) -> Tz {
        Tz::from_name(name).unwrap_or_else(|| panic!("{name} not found"))
    }

    fn utc(y: i64, m: u32, d: u32, h: i64, min: i64) -> i64 {
        days_from_civil(y, m, d) * 86_400 + h * 3600 + min * 60
    }

    #[test]
    fn the_compatible_rule_matches_zic_around_transitions() {
        // The reference: jiff's `compatible` disambiguation (Temporal's, and SPEC §2's: a skipped
        // time moves forward by the gap, a repeated one takes the earlier instant) on zic's tables.
        fn reference(tz: RefTz, local_ms: i64) -> i64 {
            let secs = local_ms.div_euclid(1000);
            let dt =
                jiff::tz::TimeZone::UTC.to_datetime(jiff::Timestamp::from_second(secs).unwrap());
            let ts = tz.jiff().to_ambiguous_timestamp(dt).compatible().unwrap();
            ts.as_millisecond() + local_ms.rem_euclid(1000)
        }
        let windows = [
            ((2011, 1, 1), (2012, 6, 1)),
            // The 2026 changes: Vancouver, Havana and Casablanca keep or drop a change.
            ((2026, 1, 1), (2027, 12, 1)),
        ];
        for name in [
            "Europe/Paris",
            "America/Santiago",
            "America/Havana",
            "America/Vancouver",
            "Pacific/Apia",
            "Pacific/Chatham",
            "Australia/Lord_Howe",
            "America/St_Johns",
            "Europe/Dublin",
            "Africa/Casablanca",
        ] {
            for ((y0, m0, d0), (y1, m1, d1)) in windows {
                let ours = zone(name);
                let theirs: RefTz = name.parse().unwrap();
                let (from, to) = (utc(y0, m0, d0, 0, 0) * 1000, utc(y1, m1, d1, 0, 0) * 1000);
                let table = OffsetTable::new(ours, from, to);
                let mut l = from + 2 * Ms::DAY.0;
                while l < to - 2 * Ms::DAY.0 {
                    let want = reference(theirs, l);
                    assert_eq!(table.to_instant(l), want, "{name} at local {l}");
                    assert_eq!(to_instant_direct(ours, l), want, "{name} at local {l}");
                    l += 15 * 60_000;
                }
            }
        }
    }

    #[test]
    fn offset_tables_hold_exactly_the_transitions_in_their_window() {
        let paris = zone("Europe/Paris");
        let (from, to) = (utc(2026, 1, 1, 0, 0) * 1000, utc(2027, 1, 1, 0, 0) * 1000);
        let table = OffsetTable::new(paris, from, to);
        let segment = |t: i64| {
            let (a, b, o) = table.segment_at(Instant(t));
            (a.0, b.0, o.0)
        };
        assert_eq!(
            segment(from),
            (from, utc(2026, 3, 29, 1, 0) * 1000, 3_600_000)
        );
        let summer = utc(2026, 7, 1, 0, 0) * 1000;
        assert_eq!(
            segment(summer),
            (
                utc(2026, 3, 29, 1, 0) * 1000,
                utc(2026, 10, 25, 1, 0) * 1000,
                7_200_000
            )
        );
        // Outside the window: the zone's own segment.
        let later = utc(2027, 7, 1, 0, 0) * 1000;
        assert_eq!(
            segment(later),
            (
                utc(2027, 3, 28, 1, 0) * 1000,
                utc(2027, 10, 31, 1, 0) * 1000,
                7_200_000
            )
        );
        assert_eq!(table.offset_at(Instant(later)), Ms(7_200_000));
    }

    // --- 2100..2200: hand-checked facts (chrono-tz's data ends in 2099; bookable's does not) ---
}
