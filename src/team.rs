//! The team rule and round-robin assignment order (SPEC §3, §5, §6).

use std::cmp::Ordering;

use crate::request::{Assignment, Member};

/// The order of SPEC §6 between two non-required members: smallest key first, ties by id
/// (byte order).
pub fn compare(a: &Member, b: &Member, assignment: Assignment) -> Ordering {
    let last = |m: &Member| m.last_booked_at.unwrap_or(i64::MIN);
    let key = match assignment {
        Assignment::LeastRecentlyBooked => Ordering::Equal,
        Assignment::Balanced => {
            let load = |m: &Member| m.bookings.len() as f64 / m.weight;
            load(a).total_cmp(&load(b))
        }
        // Highest priority first.
        Assignment::Priority => b.priority.total_cmp(&a.priority),
    };
    key.then_with(|| last(a).cmp(&last(b)))
        .then_with(|| a.id.as_bytes().cmp(b.id.as_bytes()))
}

/// Indices of the non-required members of `members`, in assignment order.
pub fn pool_order(members: &[Member], assignment: Assignment) -> Vec<usize> {
    let mut pool: Vec<usize> = (0..members.len())
        .filter(|&i| !members[i].required)
        .collect();
    pool.sort_by(|&a, &b| compare(&members[a], &members[b], assignment));
    pool
}

/// A set of pool ranks, iterated in rank (assignment) order.
#[derive(Debug, Clone, Default)]
pub struct RankSet {
    words: Vec<u64>,
    len: usize,
}

impl RankSet {
    /// An empty set for ranks `0..n`.
    pub fn with_capacity(n: usize) -> Self {
        RankSet {
            words: vec![0; n.div_ceil(64)],
            len: 0,
        }
    }

    /// Adds `rank`.
    pub fn insert(&mut self, rank: usize) {
        let (w, bit) = (rank / 64, 1u64 << (rank % 64));
        if self.words[w] & bit == 0 {
            self.words[w] |= bit;
            self.len += 1;
        }
    }

    /// Removes `rank`.
    pub fn remove(&mut self, rank: usize) {
        let (w, bit) = (rank / 64, 1u64 << (rank % 64));
        if self.words[w] & bit != 0 {
            self.words[w] &= !bit;
            self.len -= 1;
        }
    }

    /// How many ranks are in the set.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The ranks, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &word)| {
            let mut bits = word;
            std::iter::from_fn(move || {
                if bits == 0 {
                    return None;
                }
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                Some(w * 64 + b)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_set_iterates_in_order_across_words() {
        let mut s = RankSet::with_capacity(200);
        for r in [130, 3, 64, 199, 0] {
            s.insert(r);
        }
        s.remove(64);
        s.remove(64);
        assert_eq!(s.iter().collect::<Vec<_>>(), [0, 3, 130, 199]);
        assert_eq!(s.len(), 4);
    }
}
