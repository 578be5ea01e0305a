//! Time zones: IANA names and links through bookable's own database ([`crate::tzdb`]), and an
//! offset table per zone that turns local wall-clock times into instants with the *compatible*
//! rule (SPEC §2) and back.
//!
//! [`OffsetTable`] holds a zone's transitions over a window, read straight from the database.
//! Inside the window every conversion is a short search over a handful of segments; outside it,
//! the table asks the database directly, so answers never depend on the window. The database is
//! exact from 1900 to 2201; before and after, the offsets of its ends hold.

use std::collections::HashMap;

use crate::instant::DAY;
use crate::tzdb::TimeZone;

/// A time zone (an IANA zone or link name).
pub type Tz = TimeZone;

/// The UTC offset of `tz` at instant `ms`, in milliseconds.
pub fn offset_at_direct(tz: Tz, ms: i64) -> i64 {
    tz.offset_at(ms.div_euclid(1000)) as i64 * 1000
}

/// A zone's offsets over a window of instants: `starts[i]` is where `offsets[i]` begins.
#[derive(Debug, Clone)]
pub struct OffsetTable {
    tz: Tz,
    from: i64,
    to: i64,
    starts: Vec<i64>,
    offsets: Vec<i64>,
}

impl OffsetTable {
    /// Builds the table for instants in `[from, to)` (milliseconds).
    pub fn new(tz: Tz, from: i64, to: i64) -> Self {
        let mut starts = vec![from];
        let mut offsets = vec![offset_at_direct(tz, from)];
        // Transitions are whole seconds: those at instants in (from, to).
        let first = from.div_euclid(1000).saturating_add(1);
        let last = to
            .div_euclid(1000)
            .saturating_add(i64::from(to.rem_euclid(1000) != 0));
        for (at, offset) in tz.transitions(first, last) {
            starts.push(at * 1000);
            offsets.push(offset as i64 * 1000);
        }
        OffsetTable {
            tz,
            from,
            to,
            starts,
            offsets,
        }
    }

    /// A table of a zone the database does not hold (an iCalendar VTIMEZONE): `initial` (ms
    /// east of UTC) from `from`, then each `(at, offset)` of `transitions` (ascending instants
    /// in `(from, to)`). Every conversion must lie inside `[from, to)` with 26 hours to spare;
    /// beyond it the table answers as UTC.
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

    /// The segment of constant offset holding instant `ms`: `(start, end, offset)`, clipped to
    /// the table's window. Outside the window, the zone's whole segment (unbounded before the
    /// first or after the last transition).
    pub fn segment_at(&self, ms: i64) -> (i64, i64, i64) {
        if !self.covers(ms) {
            let (start, end, offset) = self.tz.span_at(ms.div_euclid(1000));
            return (
                start.saturating_mul(1000),
                end.saturating_mul(1000),
                offset as i64 * 1000,
            );
        }
        let i = self.segment(ms);
        (
            self.starts[i],
            self.segment_end(i).min(self.to),
            self.offsets[i],
        )
    }

    /// The UTC offset at instant `ms`, in milliseconds.
    pub fn offset_at(&self, ms: i64) -> i64 {
        if self.offsets.len() == 1 && self.covers(ms) {
            return self.offsets[0];
        }
        if self.covers(ms) {
            self.offsets[self.segment(ms)]
        } else {
            offset_at_direct(self.tz, ms)
        }
    }

    /// Local wall-clock milliseconds (naive, as if UTC) of instant `ms`.
    pub fn to_local(&self, ms: i64) -> i64 {
        ms + self.offset_at(ms)
    }

    /// The local date (days since 1970-01-01) of instant `ms`.
    pub fn local_date(&self, ms: i64) -> i64 {
        self.to_local(ms).div_euclid(DAY)
    }

    /// The instant of local wall-clock time `local` (naive ms), by the compatible rule: a time
    /// in a gap moves forward by the gap's length, a repeated time means the earlier instant.
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

    /// Whether local date `date` (days since 1970-01-01) occurs in the zone at all. A forward
    /// jump of a whole day removes dates: Pacific/Apia has no 2011-12-30.
    pub fn date_exists(&self, date: i64) -> bool {
        // A gap that swallows midnight moves it forward; the date is gone only when midnight
        // lands on a later date.
        self.local_date(self.to_instant(date * DAY)) == date
    }

    /// Instants whose local wall-clock time lies in `[local_lo, local_hi)`, intersected with
    /// `[from, to)` of the instants considered, as sorted disjoint intervals. Exact even where
    /// local time runs backwards.
    pub fn instants_with_local_in(
        &self,
        local_lo: i64,
        local_hi: i64,
        from: i64,
        to: i64,
    ) -> Vec<(i64, i64)> {
        let mut out: Vec<(i64, i64)> = Vec::new();
        let mut push = |a: i64, b: i64| {
            if a < b {
                match out.last_mut() {
                    Some(last) if last.1 >= a => last.1 = last.1.max(b),
                    _ => out.push((a, b)),
                }
            }
        };
        if !(self.covers(from) && self.covers(to - 1)) {
            // Rare: outside the table. Walk the zone directly, one probe window at a time.
            let table = OffsetTable::new(self.tz, from - DAY, to + DAY);
            return table.instants_with_local_in(local_lo, local_hi, from, to);
        }
        let (first, last) = (self.segment(from), self.segment(to - 1));
        for i in first..=last {
            let (ss, se) = (self.starts[i].max(from), self.segment_end(i).min(to));
            let o = self.offsets[i];
            push(ss.max(local_lo - o), se.min(local_hi - o));
        }
        out
    }
}

/// Offsets lie within ±26 h: the instants a local time can name lie within this of it.
const SPAN: i64 = 26 * 3_600_000;

/// The compatible rule for one local wall-clock time (naive ms), without a table at hand.
pub fn to_instant_direct(tz: Tz, local: i64) -> i64 {
    OffsetTable::new(
        tz,
        local.saturating_sub(2 * DAY),
        local.saturating_add(2 * DAY),
    )
    .resolve(local)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instant::days_from_civil;

    fn local(y: i64, m: u32, d: u32, h: i64, min: i64) -> i64 {
        days_from_civil(y, m, d) * DAY + (h * 60 + min) * 60_000
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
        let date = |y, m, d| days_from_civil(y, m, d);
        assert!(t.date_exists(date(2011, 12, 29)));
        assert!(!t.date_exists(date(2011, 12, 30)));
        assert!(t.date_exists(date(2011, 12, 31)));
    }

    #[test]
    fn the_ends_of_the_database_are_clamped_without_panics() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let t = OffsetTable::new(tz, utc(1899, 12, 1, 0, 0), utc(1900, 2, 1, 0, 0));
        // LMT ended in 1883: 1900 is already EST, and so is everything before.
        assert_eq!(t.offset_at(utc(1899, 12, 15, 0, 0)), -18_000_000);
        let t = OffsetTable::new(tz, utc(2200, 12, 1, 0, 0), utc(2201, 3, 1, 0, 0));
        assert_eq!(t.offset_at(utc(2201, 2, 15, 0, 0)), -18_000_000);
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
            let mut l = from + 2 * DAY;
            while l < to - 2 * DAY {
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

/// The offset tables against zic's own tables of the same release (the TZif files in the
/// vendored wheel, read with jiff): an independent reference for the compatible rule.
#[cfg(test)]
mod against_zic {
    use super::*;
    use crate::instant::days_from_civil;

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
                let mut l = from + 2 * DAY;
                while l < to - 2 * DAY {
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
        assert_eq!(
            table.segment_at(from),
            (from, utc(2026, 3, 29, 1, 0) * 1000, 3_600_000)
        );
        let summer = utc(2026, 7, 1, 0, 0) * 1000;
        assert_eq!(
            table.segment_at(summer),
            (
                utc(2026, 3, 29, 1, 0) * 1000,
                utc(2026, 10, 25, 1, 0) * 1000,
                7_200_000
            )
        );
        // Outside the window: the zone's own segment.
        let later = utc(2027, 7, 1, 0, 0) * 1000;
        assert_eq!(
            table.segment_at(later),
            (
                utc(2027, 3, 28, 1, 0) * 1000,
                utc(2027, 10, 31, 1, 0) * 1000,
                7_200_000
            )
        );
        assert_eq!(table.offset_at(later), 7_200_000);
    }

    // --- 2100..2200: hand-checked facts (chrono-tz's data ends in 2099; bookable's does not) ---
}
