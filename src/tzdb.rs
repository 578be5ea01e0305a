//! bookable's own compact IANA time zone database, generated at build time by `build.rs` from
//! the vendored source in `tzdata/`.
//!
//! Every Zone and Link name is known; offsets are exact to the second for every instant from
//! 1900-01-01T00:00Z to 2201-02-01T00:00Z (earlier instants get the offset of 1900-01-01, later
//! ones the last offset). Each distinct zone is stored as a small offset table plus varint
//! transition deltas; a zone is decoded once, on first use, into sorted arrays.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/tzdb_names.rs"));

static DATA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tzdb.bin"));

/// 1900-01-01T00:00:00Z, the origin of the stored transition deltas.
const BASE: i64 = -2_208_988_800;

/// A time zone of the IANA database, named as given (a link such as `"US/Eastern"` is its
/// own `TimeZone`, with the offsets of the zone it links to).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct TimeZone(u16);

/// A decoded zone: `offsets[i]` is in force from `starts[i]` (`starts[0]` is `i64::MIN`).
struct Zone {
    starts: Box<[i64]>,
    offsets: Box<[i32]>,
}

static ZONES: [OnceLock<Zone>; ZONE_COUNT] = [const { OnceLock::new() }; ZONE_COUNT];

impl TimeZone {
    /// Coordinated Universal Time (`"UTC"`).
    pub const UTC: TimeZone = TimeZone(UTC_INDEX);

    /// The zone with this exact IANA name (zone or link), if any.
    pub fn from_name(name: &str) -> Option<TimeZone> {
        let (mut lo, mut hi) = (0usize, ZONE_OF.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match name_of(mid).cmp(name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return u16::try_from(mid).ok().map(TimeZone),
            }
        }
        None
    }

    /// The IANA name this zone was found by.
    pub fn name(self) -> &'static str {
        name_of(self.0 as usize)
    }

    /// Every name known (zones and links), sorted.
    pub fn names() -> impl ExactSizeIterator<Item = &'static str> {
        (0..ZONE_OF.len()).map(name_of)
    }

    fn zone(self) -> &'static Zone {
        let id = ZONE_OF.get(self.0 as usize).copied().unwrap_or(0) as usize;
        let id = id.min(ZONE_COUNT - 1);
        ZONES[id].get_or_init(|| decode(id))
    }

    /// The offset from UTC, in seconds east, at `unix_secs`.
    pub fn offset_at(self, unix_secs: i64) -> i32 {
        let z = self.zone();
        let i = z.starts.partition_point(|&s| s <= unix_secs);
        z.offsets[i.saturating_sub(1)]
    }

    /// The stretch of constant offset holding `unix_secs`: `(start, end, offset)`, with
    /// `start` inclusive (`i64::MIN` before the first transition) and `end` exclusive
    /// (`i64::MAX` after the last).
    pub fn span_at(self, unix_secs: i64) -> (i64, i64, i32) {
        let z = self.zone();
        let i = z
            .starts
            .partition_point(|&s| s <= unix_secs)
            .saturating_sub(1);
        let end = z.starts.get(i + 1).copied().unwrap_or(i64::MAX);
        (z.starts[i], end, z.offsets[i])
    }

    /// The transitions at instants `at` with `from_secs <= at < to_secs`, in order, each with
    /// the offset (seconds east of UTC) that begins there.
    pub fn transitions(
        self,
        from_secs: i64,
        to_secs: i64,
    ) -> impl Iterator<Item = (i64, i32)> + 'static {
        let z = self.zone();
        let lo = z.starts.partition_point(|&s| s < from_secs).max(1);
        let hi = z.starts.partition_point(|&s| s < to_secs).max(lo);
        z.starts[lo..hi]
            .iter()
            .copied()
            .zip(z.offsets[lo..hi].iter().copied())
    }
}

impl fmt::Display for TimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing an unknown zone name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct UnknownTimeZone;

impl fmt::Display for UnknownTimeZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not an IANA time zone name")
    }
}

impl std::error::Error for UnknownTimeZone {}

impl FromStr for TimeZone {
    type Err = UnknownTimeZone;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TimeZone::from_name(s).ok_or(UnknownTimeZone)
    }
}

/// Name number `i` of the sorted table ("UTC" past its end).
fn name_of(i: usize) -> &'static str {
    let (Some(&a), Some(&b)) = (NAME_START.get(i), NAME_START.get(i + 1)) else {
        return "UTC";
    };
    NAME_TEXT.get(a as usize..b as usize).unwrap_or("UTC")
}

/// Reads a LEB128 varint at `*pos`; a truncated one reads as what was there.
fn varint(data: &[u8], pos: &mut usize) -> u64 {
    let mut v = 0u64;
    let mut shift = 0;
    while let Some(&b) = data.get(*pos) {
        *pos += 1;
        if shift < 64 {
            v |= u64::from(b & 0x7f) << shift;
        }
        shift += 7;
        if b & 0x80 == 0 {
            break;
        }
    }
    v
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn u32_at(pos: usize) -> usize {
    match DATA.get(pos..pos + 4) {
        Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize,
        None => DATA.len(),
    }
}

fn decode(id: usize) -> Zone {
    let start = u32_at(2 + 4 * id);
    let end = u32_at(2 + 4 * (id + 1)).min(DATA.len());
    let data = DATA.get(start..end).unwrap_or(&[]);
    let mut pos = 0;
    let n_offsets = varint(data, &mut pos) as usize;
    let table: Vec<i32> = (0..n_offsets.min(256))
        .map(|_| unzigzag(varint(data, &mut pos)) as i32)
        .collect();
    let pick = |i: usize| table.get(i).copied().unwrap_or(0);
    let initial = pick(varint(data, &mut pos) as usize);
    let n = (varint(data, &mut pos) as usize).min(data.len());
    let mut starts = Vec::with_capacity(n + 1);
    let mut offsets = Vec::with_capacity(n + 1);
    starts.push(i64::MIN);
    offsets.push(initial);
    let mut at = BASE;
    for _ in 0..n {
        let v = varint(data, &mut pos);
        let delta = if v & 1 == 0 { (v >> 1) * 60 } else { v >> 1 };
        at = at.saturating_add(i64::try_from(delta).unwrap_or(i64::MAX));
        starts.push(at);
    }
    for k in 0..n {
        offsets.push(pick(data.get(pos + k).copied().unwrap_or(0) as usize));
    }
    Zone {
        starts: starts.into_boxed_slice(),
        offsets: offsets.into_boxed_slice(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sorted_and_unique() {
        let names: Vec<&str> = TimeZone::names().collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(names.len(), ZONE_OF.len());
        assert_eq!(NAME_START.len(), ZONE_OF.len() + 1);
        assert_eq!(TimeZone::UTC.name(), "UTC");
        assert_eq!(TimeZone::from_name("UTC"), Some(TimeZone::UTC));
    }

    #[test]
    fn every_zone_decodes_to_increasing_transitions() {
        for id in 0..ZONE_COUNT {
            let z = decode(id);
            assert_eq!(z.starts.len(), z.offsets.len());
            assert!(z.starts.windows(2).all(|w| w[0] < w[1]), "zone {id}");
            assert!(z.offsets.windows(2).all(|w| w[0] != w[1]), "zone {id}");
            assert!(z.offsets.iter().all(|o| o.abs() < 26 * 3600), "zone {id}");
        }
    }

    #[test]
    fn utc_is_zero_everywhere() {
        for t in [i64::MIN, BASE, 0, 1 << 40, i64::MAX] {
            assert_eq!(TimeZone::UTC.offset_at(t), 0);
        }
        assert_eq!(TimeZone::UTC.transitions(i64::MIN, i64::MAX).count(), 0);
    }
}
