//! One pass over the periods of a rule anchored at its DTSTART: every instance between two local times, in
//! order, or a count of them (how `COUNT` becomes the local time of the last instance). Work is
//! proportional to the periods looked at and the instances handed out; a count of a whole
//! period or day that lies inside the pass is added at once, not enumerated.

use super::dates::{
    day_passes, month_dates, week_dates, week_of, week_one, week_year_dates, year_dates,
};
use super::rule::{bits, Anchored, Freq, DAY, LAST_DAY};
use crate::instant::{civil_from_days, days_from_civil, weekday};

/// Work units a `COUNT` scan may spend before the rule is refused as too costly.
pub(super) const COUNT_BUDGET: u64 = 4_000_000;

/// How many `p` in `[a, b)` have `p ≡ r (mod step)`.
fn count_progression(a: i64, b: i64, r: i64, step: i64) -> i64 {
    let first = a + (r - a).rem_euclid(step);
    if first >= b {
        0
    } else {
        (b - 1 - first) / step + 1
    }
}

/// The first index in `0..n` where `before` turns false (`before` is true, then false).
fn partition(n: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Selected 0-based indices of a period set of `n` elements under `BYSETPOS`, ascending.
fn set_indices(positions: &[i32], n: usize, out: &mut Vec<i64>) {
    out.clear();
    let n = n as i64;
    for &p in positions {
        let i = if p > 0 { p as i64 - 1 } else { n + p as i64 };
        if (0..n).contains(&i) {
            out.push(i);
        }
    }
    out.sort_unstable();
    out.dedup();
}

/// What a walk does with the instances it finds.
pub(super) enum Emit<'f> {
    /// Hands each to the caller.
    Each(&'f mut dyn FnMut(i64) -> bool),
    /// Counts `left` more, remembering the last one found.
    Count { left: u64, found: Option<i64> },
}

/// One pass over the periods of an anchored rule between `lo` and `hi` (local seconds).
pub(super) struct Walk<'s, 'f> {
    pub anchored: &'s Anchored,
    pub lo: i64,
    pub hi: i64,
    pub emit: Emit<'f>,
    /// Work units spent (periods and days looked at, elements counted one by one).
    pub work: u64,
}

impl Walk<'_, '_> {
    /// Offers one instance; false to stop.
    fn offer(&mut self, t: i64) -> bool {
        if t < self.lo {
            return true;
        }
        if t >= self.hi {
            return false;
        }
        match &mut self.emit {
            Emit::Each(f) => f(t),
            Emit::Count { left, found } => {
                *found = Some(t);
                *left -= 1;
                *left > 0
            }
        }
    }

    /// Whether the scan must stop for its budget (only a count has one).
    fn exhausted(&self) -> bool {
        matches!(self.emit, Emit::Count { .. }) && self.work > COUNT_BUDGET
    }

    /// Offers a whole period set (ascending `firsts` × `rest`, or its `BYSETPOS` picks), or
    /// only counts it when it lies entirely inside the walk and a count is running.
    fn offer_set(&mut self, firsts: &[i64], rest: &[i64], picks: &mut Vec<i64>) -> bool {
        let (nf, nr) = (firsts.len(), rest.len());
        if nf == 0 || nr == 0 {
            return true;
        }
        let n = nf * nr;
        let at = |i: usize| firsts[i / nr] + rest[i % nr];
        let positions = &self.anchored.rule.set_positions;
        if !positions.is_empty() {
            set_indices(positions, n, picks);
        }
        let (size, lo_el, hi_el) = if positions.is_empty() {
            (n, at(0), at(n - 1))
        } else if let (Some(&a), Some(&b)) = (picks.first(), picks.last()) {
            (picks.len(), at(a as usize), at(b as usize))
        } else {
            return true;
        };
        if let Emit::Count { left, found } = &mut self.emit {
            if lo_el >= self.lo && hi_el < self.hi && (size as u64) < *left {
                *left -= size as u64;
                *found = Some(hi_el);
                return true;
            }
        }
        if hi_el < self.lo {
            return true;
        }
        // Elements ascend with their index: start at the first one in the walk.
        if positions.is_empty() {
            let from = partition(n, |i| at(i) < self.lo);
            for i in from..n {
                self.work += 1;
                if !self.offer(at(i)) {
                    return false;
                }
            }
        } else {
            let from = partition(picks.len(), |k| at(picks[k] as usize) < self.lo);
            for &i in &picks[from..] {
                self.work += 1;
                if !self.offer(at(i as usize)) {
                    return false;
                }
            }
        }
        true
    }

    pub(super) fn run(&mut self, from_day: i64) {
        match self.anchored.rule.freq {
            Freq::Secondly | Freq::Minutely | Freq::Hourly => self.sub_daily(from_day),
            _ => self.periods(from_day),
        }
    }

    /// Daily and coarser rules: period by period from the one holding `from_day`.
    fn periods(&mut self, from_day: i64) {
        let s = self.anchored;
        let r = &s.rule;
        let (d0, _, _, _) = s.start_parts();
        let (y0, m0, day0) = civil_from_days(d0);
        let times: Vec<i64> = s.times();
        let step = r.interval;
        let wkst = r.week_start;
        let by_week_no = r.freq == Freq::Yearly && !r.week_numbers.is_empty();
        let (fy, fm, _) = civil_from_days(from_day);
        // The first period index worth looking at (one early is harmless).
        let mut k = match r.freq {
            Freq::Yearly => {
                let base = if by_week_no { week_of(d0, wkst).0 } else { y0 };
                (fy - 1 - base).div_euclid(step)
            }
            Freq::Monthly => ((fy * 12 + fm as i64) - (y0 * 12 + m0 as i64)).div_euclid(step),
            Freq::Weekly => {
                let ws0 = d0 - (weekday(d0) as i64 - wkst as i64).rem_euclid(7);
                (from_day - ws0).div_euclid(7 * step)
            }
            _ => (from_day - d0).div_euclid(step),
        }
        .max(0);
        let hi_day = (self.hi - 1).div_euclid(DAY);
        let mut dates: Vec<i64> = Vec::new();
        let mut firsts: Vec<i64> = Vec::new();
        let mut picks: Vec<i64> = Vec::new();
        loop {
            self.work += 1;
            if self.exhausted() {
                return;
            }
            dates.clear();
            let first_day = match r.freq {
                Freq::Yearly => {
                    let y = if by_week_no { week_of(d0, wkst).0 } else { y0 } + k * step;
                    if y > 2202 {
                        return;
                    }
                    if by_week_no {
                        week_year_dates(r, y, weekday(d0) as u8, &mut dates);
                        week_one(y, wkst)
                    } else {
                        year_dates(r, y, m0, day0, &mut dates);
                        days_from_civil(y, 1, 1)
                    }
                }
                Freq::Monthly => {
                    let mi = y0 * 12 + (m0 as i64 - 1) + k * step;
                    let (y, m) = (mi.div_euclid(12), (mi.rem_euclid(12) + 1) as u32);
                    if y > 2202 {
                        return;
                    }
                    month_dates(r, y, m, day0, &mut dates);
                    days_from_civil(y, m, 1)
                }
                Freq::Weekly => {
                    let ws = d0 - (weekday(d0) as i64 - wkst as i64).rem_euclid(7) + k * 7 * step;
                    if ws > LAST_DAY {
                        return;
                    }
                    week_dates(r, ws, weekday(d0) as u8, &mut dates);
                    ws
                }
                _ => {
                    let d = d0 + k * step;
                    if d > LAST_DAY {
                        return;
                    }
                    if day_passes(r, d) {
                        dates.push(d);
                    }
                    d
                }
            };
            if first_day > hi_day {
                return;
            }
            firsts.clear();
            firsts.extend(dates.iter().map(|d| d * DAY));
            if !self.offer_set(&firsts, &times, &mut picks) {
                return;
            }
            k += 1;
        }
    }

    /// Hourly, minutely and secondly rules: day by day from `from_day`, each day's periods in
    /// arithmetic progression from DTSTART's.
    fn sub_daily(&mut self, from_day: i64) {
        let s = self.anchored;
        let r = &s.rule;
        let (_, _, m0, s0) = s.start_parts();
        let unit = match r.freq {
            Freq::Hourly => 3600,
            Freq::Minutely => 60,
            _ => 1,
        };
        let step = r.interval;
        let p0 = s.start.div_euclid(unit);
        // The instants inside one period, as offsets from its start, ascending.
        let inner: Vec<i64> = match r.freq {
            Freq::Hourly => {
                let minutes: Vec<i64> = if r.minutes == 0 {
                    vec![m0]
                } else {
                    bits(r.minutes, 60).collect()
                };
                let seconds: Vec<i64> = if r.seconds == 0 {
                    vec![s0]
                } else {
                    bits(r.seconds, 60).collect()
                };
                minutes
                    .iter()
                    .flat_map(|m| seconds.iter().map(move |s| m * 60 + s))
                    .collect()
            }
            Freq::Minutely => {
                if r.seconds == 0 {
                    vec![s0]
                } else {
                    bits(r.seconds, 60).collect()
                }
            }
            _ => vec![0],
        };
        let hours: Vec<i64> = if r.hours == 0 {
            (0..24).collect()
        } else {
            bits(u64::from(r.hours), 24).collect()
        };
        let minutes_filter = r.freq <= Freq::Minutely && r.minutes != 0;
        let seconds_filter = r.freq == Freq::Secondly && r.seconds != 0;
        let mut picks: Vec<i64> = Vec::new();
        let mut starts: Vec<i64> = Vec::new();
        let hi_day = (self.hi - 1).div_euclid(DAY);
        let mut day = from_day.max(s.start.div_euclid(DAY));
        while day <= hi_day {
            self.work += 1;
            if self.exhausted() {
                return;
            }
            if !day_passes(r, day) {
                day += 1;
                continue;
            }
            // Counting a whole day at once, when it lies inside the walk.
            let day_lo = day * DAY;
            if let Emit::Count { left, .. } = self.emit {
                if day_lo >= self.lo && day_lo + DAY <= self.hi {
                    let per = if r.set_positions.is_empty() {
                        inner.len() as i64
                    } else {
                        set_indices(&r.set_positions, inner.len(), &mut picks);
                        picks.len() as i64
                    };
                    let periods = self.periods_in_day(day, unit, step, p0, &hours);
                    if ((periods * per) as u64) < left {
                        if let Emit::Count { left, .. } = &mut self.emit {
                            *left -= (periods * per) as u64;
                        }
                        day += 1;
                        continue;
                    }
                }
            }
            starts.clear();
            for &h in &hours {
                let hour_lo = day_lo + h * 3600;
                match r.freq {
                    Freq::Hourly => {
                        let p = hour_lo / 3600;
                        if p >= p0 && (p - p0) % step == 0 {
                            starts.push(hour_lo);
                        }
                    }
                    Freq::Minutely => {
                        for m in 0..60 {
                            if minutes_filter && r.minutes & (1 << m) == 0 {
                                continue;
                            }
                            let p = hour_lo / 60 + m;
                            if p >= p0 && (p - p0) % step == 0 {
                                starts.push(hour_lo + m * 60);
                            }
                        }
                        self.work += 60;
                    }
                    _ => {
                        for m in 0..60 {
                            if r.minutes != 0 && r.minutes & (1 << m) == 0 {
                                continue;
                            }
                            let minute_lo = hour_lo + m * 60;
                            if seconds_filter {
                                for sec in bits(r.seconds, 60) {
                                    let p = minute_lo + sec;
                                    if p >= p0 && (p - p0) % step == 0 {
                                        starts.push(p);
                                    }
                                }
                            } else {
                                let mut p = minute_lo + (p0 - minute_lo).rem_euclid(step);
                                while p < minute_lo + 60 {
                                    if p >= p0 {
                                        starts.push(p);
                                    }
                                    p += step;
                                }
                            }
                        }
                        self.work += 60;
                    }
                }
            }
            for i in 0..starts.len() {
                if !self.offer_set(&starts[i..=i], &inner, &mut picks) {
                    return;
                }
            }
            day += 1;
        }
    }

    /// How many periods of a sub-daily rule fall on `day` (all after DTSTART's period).
    fn periods_in_day(&mut self, day: i64, unit: i64, step: i64, p0: i64, hours: &[i64]) -> i64 {
        let r = &self.anchored.rule;
        let r0 = p0.rem_euclid(step);
        let mut total = 0;
        for &h in hours {
            let hour_lo = (day * DAY + h * 3600) / unit;
            let hour_len = 3600 / unit;
            match r.freq {
                Freq::Hourly => total += count_progression(hour_lo, hour_lo + 1, r0, step),
                Freq::Minutely if r.minutes == 0 => {
                    total += count_progression(hour_lo, hour_lo + hour_len, r0, step);
                }
                Freq::Minutely => {
                    for m in bits(r.minutes, 60) {
                        total += count_progression(hour_lo + m, hour_lo + m + 1, r0, step);
                    }
                    self.work += 8;
                }
                _ => {
                    if r.minutes == 0 && r.seconds == 0 {
                        total += count_progression(hour_lo, hour_lo + hour_len, r0, step);
                        continue;
                    }
                    for m in 0..60 {
                        if r.minutes != 0 && r.minutes & (1 << m) == 0 {
                            continue;
                        }
                        let minute_lo = hour_lo + m * 60;
                        if r.seconds == 0 {
                            total += count_progression(minute_lo, minute_lo + 60, r0, step);
                        } else {
                            for sec in bits(r.seconds, 60) {
                                total += count_progression(
                                    minute_lo + sec,
                                    minute_lo + sec + 1,
                                    r0,
                                    step,
                                );
                            }
                            self.work += 4;
                        }
                    }
                    self.work += 4;
                }
            }
        }
        total
    }
}
