//! Interval algebra on sorted, disjoint, half-open intervals of instants.
//!
//! Every operation is a linear sweep. Touching intervals join (SPEC §4: 09:00–12:00 and
//! 12:00–17:00 hold an 11:30–12:30 meeting).

use crate::instant::Instant;
use crate::units::Ms;

/// A half-open interval `[start, end)` of instants.
pub type Span = (Instant, Instant);

/// Sorted, disjoint, non-touching, non-empty half-open intervals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IntervalSet {
    spans: Vec<Span>,
}

impl IntervalSet {
    /// The empty set.
    pub fn new() -> Self {
        IntervalSet { spans: Vec::new() }
    }

    /// One interval (empty if `end <= start`).
    pub fn single(start: Instant, end: Instant) -> Self {
        let mut s = IntervalSet::new();
        if start < end {
            s.spans.push((start, end));
        }
        s
    }

    /// The union of arbitrary intervals: sorts, drops empties, joins overlapping and touching.
    pub fn from_unsorted(mut spans: Vec<Span>) -> Self {
        spans.retain(|&(a, b)| a < b);
        spans.sort_unstable();
        let mut out: Vec<Span> = Vec::with_capacity(spans.len());
        for (a, b) in spans {
            match out.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        IntervalSet { spans: out }
    }

    /// Builds from intervals already sorted by start (joins overlaps and touches).
    pub fn from_sorted(spans: impl IntoIterator<Item = Span>) -> Self {
        let mut out: Vec<Span> = Vec::new();
        for (a, b) in spans {
            if a >= b {
                continue;
            }
            match out.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        IntervalSet { spans: out }
    }

    /// The intervals.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// True when there is no interval.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// `self ∩ other`.
    pub fn intersect(&self, other: &IntervalSet) -> IntervalSet {
        let (a, b) = (&self.spans, &other.spans);
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        while i < a.len() && j < b.len() {
            let lo = a[i].0.max(b[j].0);
            let hi = a[i].1.min(b[j].1);
            if lo < hi {
                out.push((lo, hi));
            }
            if a[i].1 < b[j].1 {
                i += 1;
            } else {
                j += 1;
            }
        }
        IntervalSet { spans: out }
    }

    /// `self \ other`.
    pub fn subtract(&self, other: &IntervalSet) -> IntervalSet {
        let b = &other.spans;
        let mut out = Vec::with_capacity(self.spans.len());
        let mut j = 0;
        for &(mut lo, hi) in &self.spans {
            while j < b.len() && b[j].1 <= lo {
                j += 1;
            }
            let mut k = j;
            while k < b.len() && b[k].0 < hi {
                if b[k].0 > lo {
                    out.push((lo, b[k].0));
                }
                lo = lo.max(b[k].1);
                if lo >= hi {
                    break;
                }
                k += 1;
            }
            if lo < hi {
                out.push((lo, hi));
            }
        }
        IntervalSet { spans: out }
    }

    /// The starts `s` whose `[s, s + len)` fits inside one interval: `[a, b - len]`, kept
    /// half-open as `[a, b - len + 1 ms)` (starts are whole milliseconds).
    pub fn starts_fitting(&self, len: Ms) -> IntervalSet {
        IntervalSet {
            spans: self
                .spans
                .iter()
                .filter(|&&(a, b)| b - a >= len)
                .map(|&(a, b)| (a, b - len + Ms(1)))
                .collect(),
        }
    }

    /// Whether `[start, end)` lies inside one interval.
    pub fn contains_span(&self, start: Instant, end: Instant) -> bool {
        let i = self.spans.partition_point(|&(_, b)| b < end);
        self.spans
            .get(i)
            .is_some_and(|&(a, b)| a <= start && end <= b)
    }

    /// Whether `t` lies in some interval.
    pub fn contains(&self, t: Instant) -> bool {
        let i = self.spans.partition_point(|&(_, b)| b <= t);
        self.spans.get(i).is_some_and(|&(a, _)| a <= t)
    }

    /// Whether some interval overlaps `[start, end)`.
    pub fn overlaps(&self, start: Instant, end: Instant) -> bool {
        let i = self.spans.partition_point(|&(_, b)| b <= start);
        self.spans.get(i).is_some_and(|&(a, _)| a < end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[(i64, i64)]) -> IntervalSet {
        IntervalSet::from_unsorted(v.iter().map(|&(a, b)| (Instant(a), Instant(b))).collect())
    }

    fn spans(s: &IntervalSet) -> Vec<(i64, i64)> {
        s.spans().iter().map(|&(a, b)| (a.0, b.0)).collect()
    }

    fn at(t: i64) -> Instant {
        Instant(t)
    }

    #[test]
    fn touching_intervals_join() {
        assert_eq!(spans(&set(&[(12, 17), (9, 12)])), [(9, 17)]);
        assert_eq!(spans(&set(&[(1, 2), (3, 4)])), [(1, 2), (3, 4)]);
        assert!(set(&[(9, 12), (12, 17)]).contains_span(at(11), at(13)));
    }

    #[test]
    fn subtract_and_intersect_agree_with_pointwise_membership() {
        let a = set(&[(0, 10), (12, 30), (40, 41)]);
        let b = set(&[(-5, 1), (5, 6), (9, 13), (20, 50)]);
        let diff = a.subtract(&b);
        let inter = a.intersect(&b);
        for t in -10..60 {
            assert_eq!(
                diff.contains(at(t)),
                a.contains(at(t)) && !b.contains(at(t)),
                "diff at {t}"
            );
            assert_eq!(
                inter.contains(at(t)),
                a.contains(at(t)) && b.contains(at(t)),
                "inter at {t}"
            );
        }
    }

    #[test]
    fn starts_fitting_keeps_the_last_start_that_fits() {
        let starts = set(&[(0, 60), (100, 110)]).starts_fitting(Ms(30));
        assert!(starts.contains(at(30)));
        assert!(!starts.contains(at(31)));
        assert!(!starts.contains(at(100)));
    }

    #[test]
    fn overlaps_is_strict_at_the_edges() {
        let s = set(&[(10, 20)]);
        assert!(!s.overlaps(at(0), at(10)));
        assert!(s.overlaps(at(0), at(11)));
        assert!(!s.overlaps(at(20), at(30)));
        assert!(s.overlaps(at(19), at(30)));
    }
}
