//! The team rule and round-robin assignment order (SPEC §3, §5, §6).

use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};

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

/// A list of member ids (hosts or candidates of a slot), cheap to share between slots: the ids
/// live once per request, a list is a run of member indices into them, and a prefix of a list
/// (the hosts taken from the candidates) shares the same indices.
///
/// ```
/// # let response = bookable::slots_from_json(r#"{"now":"2026-11-22T00:00:00Z",
/// #   "range":{"start":"2026-11-23T09:00:00Z","end":"2026-11-23T09:30:00Z"},
/// #   "timezone":"UTC","event":{"duration":30},"team":{"mode":"roundRobin"},
/// #   "members":[{"id":"b","timezone":"UTC","weekly":{"mon":[["09:00","10:00"]]}},
/// #              {"id":"a","timezone":"UTC","weekly":{"mon":[["09:00","10:00"]]}}]}"#, 0).unwrap();
/// let slot = &response.slots[0];
/// assert_eq!(slot.hosts.iter().collect::<Vec<_>>(), ["a"]);
/// assert_eq!(slot.candidates.as_ref().unwrap().to_vec(), ["a", "b"]);
/// ```
#[derive(Clone)]
pub struct MemberList {
    ids: Arc<[Arc<str>]>,
    members: Arc<[u16]>,
    len: usize,
}

impl MemberList {
    /// The list of `members` (indices into `ids`).
    pub(crate) fn new(ids: &Arc<[Arc<str>]>, members: &[u16]) -> Self {
        MemberList {
            ids: ids.clone(),
            members: Arc::from(members),
            len: members.len(),
        }
    }

    /// The first `n` entries, sharing this list's storage.
    pub(crate) fn prefix(&self, n: usize) -> Self {
        MemberList {
            ids: self.ids.clone(),
            members: self.members.clone(),
            len: n.min(self.len),
        }
    }

    /// Whether two lists share their storage (and so hold the same ids).
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.members, &b.members) && a.len == b.len
    }

    /// The member ids, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.members[..self.len]
            .iter()
            .map(|&i| &*self.ids[i as usize])
    }

    /// The indices of the members in the request's `members`, in order.
    pub fn indices(&self) -> &[u16] {
        &self.members[..self.len]
    }

    /// How many ids.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The ids as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

impl PartialEq for MemberList {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl fmt::Debug for MemberList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for MemberList {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}
