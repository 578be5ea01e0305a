//! The team rule (SPEC §3, §5): collective intersects everyone's free starts; round robin
//! intersects the required members' and sweeps the pool's, keeping a rank-ordered set of who is
//! free, so every stretch knows its candidates in assignment order (SPEC §6) at once.

use std::sync::Arc;

use crate::assignment::pool_order;
use crate::error::{Error, ErrorCode};
use crate::free::{free_starts, StretchBudget};
use crate::grid::Grid;
use crate::instant::Instant;
use crate::interval::IntervalSet;
use crate::limits::{MAX_RESPONSE_IDS, MAX_SLOTS};
use crate::model::{Mode, SlotsRequest};
use crate::response::{MemberList, Slot};
use crate::units::Ms;
use crate::zone::Tables;

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

pub(crate) fn too_many_slots() -> Error {
    Error::new(
        ErrorCode::LimitExceeded,
        "range",
        format!("the request would offer more than {MAX_SLOTS} slots; ask for a shorter range or a larger step"),
    )
}

fn too_many_ids() -> Error {
    Error::new(
        ErrorCode::LimitExceeded,
        "range",
        format!("the response would list more than {MAX_RESPONSE_IDS} ids in hosts and candidates; ask for a shorter range or a larger step"),
    )
}

/// The slots of SPEC §4–§5 inside `window`: free starts per member, the team rule, the grid.
pub(crate) fn team_slots(
    request: &SlotsRequest,
    tables: &mut Tables,
    window: IntervalSet,
) -> Result<Vec<Slot>, Error> {
    let event = &request.event;
    let members = &request.members;
    let ids: Arc<[Arc<str>]> = members.iter().map(|m| m.id.clone()).collect();
    let collective = request.mode == Mode::Collective;
    // Collective: everyone; roundRobin: the required members. Intersect as we go.
    let mut budget = StretchBudget::new();
    let mut fixed = window;
    let mut fixed_hosts: Vec<u16> = Vec::new();
    for (i, m) in members.iter().enumerate() {
        if collective || m.required {
            if !fixed.is_empty() {
                let free = free_starts(m, tables.get(m.tz), event, &fixed, &mut budget)?;
                fixed = fixed.intersect(&free);
            }
            fixed_hosts.push(i as u16);
        }
    }
    let mut slots: Vec<Slot> = Vec::new();
    if fixed.is_empty() {
        return Ok(slots);
    }
    let grid_table = tables.get(request.tz).clone();
    let grid = Grid::new(&grid_table, event.step);
    let mut overflow: Option<Error> = None;
    // Every id a response lists, counted as slots are made (SPEC §9: 2,000,000): the lists are
    // shared in memory, but a face writes each one out.
    let mut ids_listed = 0usize;
    let d = event.duration.to_ms();
    let mut push = |s: Instant, hosts: &MemberList, candidates: &Option<MemberList>| {
        if slots.len() >= MAX_SLOTS {
            overflow = Some(too_many_slots());
            return false;
        }
        ids_listed += hosts.len() + candidates.as_ref().map_or(0, MemberList::len);
        if ids_listed > MAX_RESPONSE_IDS {
            overflow = Some(too_many_ids());
            return false;
        }
        slots.push(Slot {
            start: s,
            end: s + d,
            hosts: hosts.clone(),
            candidates: candidates.clone(),
        });
        true
    };

    if collective || request.min_available == 0 {
        let hosts = MemberList::new(&ids, &fixed_hosts);
        let candidates = (!collective).then(|| MemberList::new(&ids, &[]));
        for &(a, b) in fixed.spans() {
            if !grid.each(a, b, |s| push(s, &hosts, &candidates)) {
                break;
            }
        }
    } else {
        // Round robin: sweep the pool's free-start intervals in time order, keeping the set of
        // free members by assignment rank. Events pack (time, kind, rank) into one u64 so that
        // one integer sort orders them, removals before additions at equal times.
        let pool = pool_order(members, request.assignment);
        let base = fixed.spans()[0].0;
        let mut events: Vec<u64> = Vec::new();
        for (rank, &i) in pool.iter().enumerate() {
            let m = &members[i];
            for &(a, b) in free_starts(m, tables.get(m.tz), event, &fixed, &mut budget)?.spans() {
                events.push(((a - base).0 as u64) << 10 | 1 << 9 | rank as u64);
                events.push(((b - base).0 as u64) << 10 | rank as u64);
            }
        }
        events.sort_unstable();
        let time = |e: u64| base + Ms((e >> 10) as i64);
        let mut active = RankSet::with_capacity(pool.len());
        let mut scratch: Vec<u16> = Vec::with_capacity(members.len());
        let mut k = 0;
        while k < events.len() {
            let t = time(events[k]);
            while k < events.len() && time(events[k]) == t {
                let rank = (events[k] & 0x1ff) as usize;
                if events[k] & 1 << 9 != 0 {
                    active.insert(rank);
                } else {
                    active.remove(rank);
                }
                k += 1;
            }
            if active.len() < request.min_available || k == events.len() {
                continue;
            }
            let next = time(events[k]);
            // Many stretches between two events hold no grid point: skip them before building
            // their lists.
            if grid.first_in(t, next).is_none() {
                continue;
            }
            scratch.clear();
            scratch.extend(active.iter().map(|r| pool[r] as u16));
            let candidates = MemberList::new(&ids, &scratch);
            let hosts = if fixed_hosts.is_empty() {
                candidates.prefix(request.min_available)
            } else {
                let mut hosts = fixed_hosts.clone();
                hosts.extend_from_slice(&scratch[..request.min_available]);
                MemberList::new(&ids, &hosts)
            };
            let candidates = Some(candidates);
            if !grid.each(t, next, |s| push(s, &hosts, &candidates)) {
                break;
            }
        }
    }
    if let Some(error) = overflow {
        return Err(error);
    }
    Ok(slots)
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
