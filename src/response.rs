//! The slots response of SPEC §5 (and the member lists it shares between slots).

use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};

use crate::explain::Explanation;
use crate::instant::Instant;
use crate::units::Ms;
use crate::zone::{OffsetTable, Tz};

/// One offered slot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slot {
    /// Start, UTC.
    pub start: Instant,
    /// End, UTC.
    pub end: Instant,
    /// Who would attend if it were booked now. Shared between the slots of one stretch.
    pub hosts: MemberList,
    /// roundRobin only: every free non-required member, in assignment order. Shared between
    /// the slots of one stretch, so a large team costs memory per stretch, not per slot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidates: Option<MemberList>,
}

/// Slots of one local date in the viewer's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day {
    /// `YYYY-MM-DD` in the viewer's zone.
    pub date: String,
    /// How many slots start that date.
    pub count: usize,
    /// The first of them.
    pub first: Instant,
}

/// The SPEC §5 response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlotsResponse {
    /// The zone of `days`, spelled as the request gave it.
    pub timezone: String,
    /// Every offered slot, by start.
    pub slots: Vec<Slot>,
    /// One entry per viewer-local date with slots, ascending.
    pub days: Vec<Day>,
    /// Present when the request asked to `explain` an instant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
    /// The viewer zone itself (the zone `timezone` names), for [`SlotsResponse::viewer_offsets`].
    /// Not part of the SPEC response: never serialized.
    #[serde(skip)]
    pub viewer: Tz,
}

impl SlotsResponse {
    /// The viewer zone's UTC offsets at each slot's start and at each slot's end, in seconds
    /// east of UTC: `(starts, ends)`, one entry per slot in `slots` order, from bookable's own
    /// tz database. Slot `i` shows in the viewer zone as the wall-clock time
    /// `start + starts[i]` to `end + ends[i]` (milliseconds as if UTC; see
    /// [`crate::instant::format_local`]); the two offsets differ only when the viewer zone
    /// changes offset during the slot. One pass over the slots (a binary search per offset
    /// change, not per slot); the date of `start + starts[i]` is the date `days` counts the
    /// slot on.
    ///
    /// ```
    /// let request = r#"{
    ///   "now": "2026-11-22T10:00:00Z",
    ///   "range": { "start": "2026-11-23T00:00:00Z", "end": "2026-11-24T00:00:00Z" },
    ///   "timezone": "Europe/Paris", "viewerTimezone": "Asia/Kolkata",
    ///   "event": { "duration": 30 },
    ///   "members": [ { "id": "ana", "timezone": "Europe/Paris",
    ///                  "weekly": { "mon": [["09:00", "09:30"]] } } ]
    /// }"#;
    /// let response = bookable::slots_from_json(request, 0).unwrap();
    /// let (starts, ends) = response.viewer_offsets();
    /// assert_eq!((&starts[..], &ends[..]), (&[19_800][..], &[19_800][..])); // UTC+05:30
    /// let local = response.slots[0].start.0 + i64::from(starts[0]) * 1000;
    /// assert_eq!(bookable::format_local(local), "2026-11-23T13:30");
    /// ```
    pub fn viewer_offsets(&self) -> (Vec<i32>, Vec<i32>) {
        let (Some(first), Some(last)) = (self.slots.first(), self.slots.last()) else {
            return (Vec::new(), Vec::new());
        };
        let from = first.start.min(last.start);
        let to = self.slots.iter().map(|s| s.end).max().unwrap_or(from) + Ms(1);
        let table = OffsetTable::over(self.viewer, from, to);
        let offsets = |instants: &mut dyn Iterator<Item = Instant>| {
            // The current stretch of constant offset: (start, end, offset).
            let mut span = (Instant(0), Instant(0), Ms::ZERO);
            instants
                .map(|t| {
                    if t < span.0 || t >= span.1 {
                        span = table.segment_at(t);
                    }
                    // Offsets are whole seconds, at most a day: exact in i32.
                    (span.2 .0 / Ms::SECOND.0) as i32
                })
                .collect::<Vec<i32>>()
        };
        (
            offsets(&mut self.slots.iter().map(|s| s.start)),
            offsets(&mut self.slots.iter().map(|s| s.end)),
        )
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
