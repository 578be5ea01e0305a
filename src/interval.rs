//! Interval algebra on sorted, disjoint, half-open intervals of milliseconds.
//!
//! Every operation is a linear sweep. Touching intervals join (SPEC §4: 09:00–12:00 and
//! 12:00–17:00 hold an 11:30–12:30 meeting).

/// A half-open interval `[start, end)` in milliseconds.
pub type Span = (i64, i64);

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
    pub fn single(start: i64, end: i64) -> Self {
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
    /// half-open as `[a, b - len + 1)` (starts are whole milliseconds).
    pub fn starts_fitting(&self, len: i64) -> IntervalSet {
        IntervalSet {
            spans: self
                .spans
                .iter()
                .filter(|&&(a, b)| b - a >= len)
                .map(|&(a, b)| (a, b - len + 1))
                .collect(),
        }
    }

    /// Whether `[start, end)` lies inside one interval.
    pub fn contains_span(&self, start: i64, end: i64) -> bool {
        let i = self.spans.partition_point(|&(_, b)| b < end);
        self.spans
            .get(i)
            .is_some_and(|&(a, b)| a <= start && end <= b)
    }

    /// Whether `t` lies in some interval.
    pub fn contains(&self, t: i64) -> bool {
        let i = self.spans.partition_point(|&(_, b)| b <= t);
        self.spans.get(i).is_some_and(|&(a, _)| a <= t)
    }

    /// Whether some interval overlaps `[start, end)`.
    pub fn overlaps(&self, start: i64, end: i64) -> bool {
        let i = self.spans.partition_point(|&(_, b)| b <= start);
        self.spans.get(i).is_some_and(|&(a, _)| a < end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[(i64, i64)]) -> IntervalSet {
        IntervalSet::from_unsorted(v.to_vec())
    }

    #[test]
    fn touching_intervals_join() {
        assert_eq!(set(&[(12, 17), (9, 12)]).spans(), &[(9, 17)]);
        assert_eq!(set(&[(1, 2), (3, 4)]).spans(), &[(1, 2), (3, 4)]);
        assert!(set(&[(9, 12), (12, 17)]).contains_span(11, 13));
    }

    #[test]
    fn subtract_and_intersect_agree_with_pointwise_membership() {
        let a = set(&[(0, 10), (12, 30), (40, 41)]);
        let b = set(&[(-5, 1), (5, 6), (9, 13), (20, 50)]);
        let diff = a.subtract(&b);
        let inter = a.intersect(&b);
        for t in -10..60 {
            assert_eq!(
                diff.contains(t),
                a.contains(t) && !b.contains(t),
                "diff at {t}"
            );
            assert_eq!(
                inter.contains(t),
                a.contains(t) && b.contains(t),
                "inter at {t}"
            );
        }
    }

    #[test]
    fn starts_fitting_keeps_the_last_start_that_fits() {
        let starts = set(&[(0, 60), (100, 110)]).starts_fitting(30);
        assert!(starts.contains(30));
        assert!(!starts.contains(31));
        assert!(!starts.contains(100));
    }

    #[test]
    fn overlaps_is_strict_at_the_edges() {
        let s = set(&[(10, 20)]);
        assert!(!s.overlaps(0, 10));
        assert!(s.overlaps(0, 11));
        assert!(!s.overlaps(20, 30));
        assert!(s.overlaps(19, 30));
    }
}
