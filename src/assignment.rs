//! Round-robin assignment order (SPEC §6): who of the free non-required members hosts first.

use std::cmp::Ordering;

use crate::instant::Instant;
use crate::model::{Assignment, Member};

/// The order of SPEC §6 between two non-required members: smallest key first, ties by id
/// (byte order).
pub fn compare(a: &Member, b: &Member, assignment: Assignment) -> Ordering {
    let last = |m: &Member| m.last_booked_at.unwrap_or(Instant(i64::MIN));
    let key = match assignment {
        Assignment::LeastRecentlyBooked => Ordering::Equal,
        Assignment::Balanced => {
            let load = |m: &Member| (m.bookings.len() + m.booking_count) as f64 / m.weight;
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
