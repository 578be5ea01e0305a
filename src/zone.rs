//! Time zones: IANA names and links through chrono-tz, and an offset table per zone that turns
//! local wall-clock times into instants with the *compatible* rule (SPEC §2) and back.
//!
//! chrono-tz does not expose its transitions, so [`OffsetTable`] finds them over a window by
//! probing every six hours and bisecting to the second where the offset changes. Inside the window
//! every conversion is a short search over a handful of segments; outside it, the table falls back
//! to chrono-tz directly, so answers never depend on the window.

use std::str::FromStr;

use chrono::{DateTime, LocalResult, Offset, TimeZone};
use chrono_tz::{GapInfo, Tz};
use serde_json::Value;

use crate::error::{Error, ErrorCode};
use crate::instant::{truncate, DAY};

const PROBE_MS: i64 = 6 * 3_600_000;

/// Resolves an IANA zone name or link (`"Asia/Calcutta"`, `"US/Eastern"`, `"UTC"`).
pub fn parse_zone(value: &Value, path: impl Into<String> + Copy) -> Result<Tz, Error> {
    match value {
        Value::String(s) => Tz::from_str(s).map_err(|_| {
            Error::new(
                ErrorCode::InvalidTimezone,
                path,
                format!("`{}` is not an IANA time zone name", truncate(s)),
            )
        }),
        _ => Err(Error::new(
            ErrorCode::InvalidTimezone,
            path,
            "expected an IANA time zone name such as \"Europe/Paris\"",
        )),
    }
}

/// The UTC offset of `tz` at instant `ms`, in milliseconds.
pub fn offset_at_direct(tz: Tz, ms: i64) -> i64 {
    let secs = ms.div_euclid(1000);
    match DateTime::from_timestamp(secs, 0) {
        Some(dt) => {
            tz.offset_from_utc_datetime(&dt.naive_utc())
                .fix()
                .local_minus_utc() as i64
                * 1000
        }
        None => 0,
    }
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
        let mut t = from;
        while t < to {
            let next = (t + PROBE_MS).min(to);
            let last = *offsets.last().unwrap_or(&0);
            if offset_at_direct(tz, next) == last {
                t = next;
                continue;
            }
            // Bisect to the first second in (t, next] whose offset differs.
            let (mut lo, mut hi) = (t.div_euclid(1000), next.div_euclid(1000));
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset_at_direct(tz, mid * 1000) == last {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let at = hi * 1000;
            starts.push(at);
            offsets.push(offset_at_direct(tz, at));
            t = at;
        }
        OffsetTable {
            tz,
            from,
            to,
            starts,
            offsets,
        }
    }

    /// The zone.
    pub fn tz(&self) -> Tz {
        self.tz
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
    /// the table's window. Outside the window, a one-minute segment from chrono-tz.
    pub fn segment_at(&self, ms: i64) -> (i64, i64, i64) {
        if !self.covers(ms) {
            return (
                ms,
                ms + crate::instant::MINUTE,
                offset_at_direct(self.tz, ms),
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
        // Offsets lie within ±26 h; look at every segment that could hold the answer.
        const SPAN: i64 = 26 * 3_600_000;
        if !(self.covers(local - SPAN) && self.covers(local + SPAN)) {
            return to_instant_direct(self.tz, local);
        }
        if self.offsets.len() == 1 {
            return local - self.offsets[0];
        }
        let first = self.segment(local - SPAN);
        let last = self.segment(local + SPAN);
        let mut best: Option<i64> = None;
        for i in first..=last {
            let u = local - self.offsets[i];
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
            if local >= t + self.offsets[k - 1] && local < t + self.offsets[k] {
                return local - self.offsets[k - 1];
            }
        }
        to_instant_direct(self.tz, local)
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

/// The compatible rule straight from chrono-tz (slow path and reference).
pub fn to_instant_direct(tz: Tz, local: i64) -> i64 {
    let secs = local.div_euclid(1000);
    let sub = local.rem_euclid(1000);
    let Some(naive) = DateTime::from_timestamp(secs, 0).map(|d| d.naive_utc()) else {
        return local;
    };
    let offset_ms = match tz.offset_from_local_datetime(&naive) {
        LocalResult::Single(o) => o.fix().local_minus_utc() as i64 * 1000,
        // The earlier instant has the larger offset.
        LocalResult::Ambiguous(a, b) => {
            (a.fix().local_minus_utc().max(b.fix().local_minus_utc())) as i64 * 1000
        }
        // In a gap: the offset in force before the gap moves the time forward by its length.
        LocalResult::None => match GapInfo::new(&naive, &tz).and_then(|g| g.begin) {
            Some((_, before)) => before.fix().local_minus_utc() as i64 * 1000,
            None => offset_at_direct(tz, local),
        },
    };
    secs * 1000 + sub - offset_ms
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

    #[test]
    fn paris_spring_forward_0230_becomes_0330() {
        let tz: Tz = "Europe/Paris".parse().unwrap();
        let t = OffsetTable::new(tz, utc(2026, 3, 20, 0, 0), utc(2026, 4, 5, 0, 0));
        assert_eq!(
            t.to_instant(local(2026, 3, 29, 2, 30)),
            utc(2026, 3, 29, 1, 30)
        );
        assert_eq!(
            to_instant_direct(tz, local(2026, 3, 29, 2, 30)),
            utc(2026, 3, 29, 1, 30)
        );
        assert_eq!(t.starts.len(), 2);
        assert_eq!(t.starts[1], utc(2026, 3, 29, 1, 0));
    }

    #[test]
    fn new_york_fall_back_0130_means_the_earlier() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let t = OffsetTable::new(tz, utc(2026, 10, 25, 0, 0), utc(2026, 11, 8, 0, 0));
        assert_eq!(
            t.to_instant(local(2026, 11, 1, 1, 30)),
            utc(2026, 11, 1, 5, 30)
        );
        assert_eq!(
            to_instant_direct(tz, local(2026, 11, 1, 1, 30)),
            utc(2026, 11, 1, 5, 30)
        );
    }

    #[test]
    fn lord_howe_half_hour_gap() {
        let tz: Tz = "Australia/Lord_Howe".parse().unwrap();
        let t = OffsetTable::new(tz, utc(2026, 9, 28, 0, 0), utc(2026, 10, 10, 0, 0));
        // 2026-10-04 02:00 +10:30 jumps to 02:30 +11:00; 02:15 becomes 02:45 (15:45Z on the 3rd).
        assert_eq!(
            t.to_instant(local(2026, 10, 4, 2, 15)),
            utc(2026, 10, 3, 15, 45)
        );
        assert_eq!(
            to_instant_direct(tz, local(2026, 10, 4, 2, 15)),
            utc(2026, 10, 3, 15, 45)
        );
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
