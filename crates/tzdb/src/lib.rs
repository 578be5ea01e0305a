//! The IANA time zone database, compiled at build time from the vendored source in `tzdata/`
//! (see `tzdata/README.md` and `scripts/update-tzdata.sh`) into bookable's compact offset
//! tables, and the reader of those tables.
//!
//! Every Zone and Link name of the release is known; offsets are exact to the second for every
//! instant from 1900-01-01T00:00Z to 2201-02-01T00:00Z (earlier instants get the offset of
//! 1900-01-01, later ones the last offset). Each distinct offset history is decoded once, on
//! first use.
//!
//! ```
//! use bookable_tzdb::TimeZone;
//!
//! let vancouver = TimeZone::from_name("Canada/Pacific").ok_or("unknown zone")?;
//! assert_eq!(vancouver.canonical().name(), "America/Vancouver");
//! // 2026-12-01T17:00:00Z: British Columbia keeps UTC-7 from 2026-11-01 (IANA 2026c).
//! assert_eq!(vancouver.offset_at(1_796_144_400), -7 * 3600);
//! # Ok::<(), &str>(())
//! ```

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use bookable_tzdb_gen::format::{Database, History};

/// The IANA release compiled in, e.g. `"2026f"`.
pub const RELEASE: &str = env!("BOOKABLE_TZDATA_RELEASE");

static DATA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tzdb.bin"));

/// The database, read once. The build read it back before writing it, so this cannot fail for
/// a database this crate was built with.
fn db() -> &'static Database<'static> {
    static DB: OnceLock<Database<'static>> = OnceLock::new();
    DB.get_or_init(|| match Database::new(DATA) {
        Ok(db) => db,
        Err(e) => panic!("the compiled tz database does not read: {e}"),
    })
}

/// Decoded histories, each on first use.
fn history(h: usize) -> &'static History {
    static CACHE: OnceLock<Box<[OnceLock<History>]>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| (0..db().history_count()).map(|_| OnceLock::new()).collect());
    cache[h.min(cache.len() - 1)].get_or_init(|| match db().history(h) {
        Ok(history) => history,
        Err(e) => panic!("the compiled tz database does not read: {e}"),
    })
}

/// A time zone of the IANA database, named as given (a Link such as `"US/Eastern"` is its
/// own `TimeZone`, with the offsets of the Zone it links to; [`TimeZone::canonical`] gives
/// that Zone).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct TimeZone(u16);

impl TimeZone {
    /// Coordinated Universal Time (`"UTC"`).
    pub fn utc() -> TimeZone {
        TimeZone(db().utc() as u16)
    }

    /// The zone with this exact IANA name (Zone or Link, case-sensitive), if any.
    pub fn from_name(name: &str) -> Option<TimeZone> {
        db().find(name).map(|i| TimeZone(i as u16))
    }

    /// The IANA name this zone was found by.
    pub fn name(self) -> &'static str {
        db().name(self.0 as usize)
    }

    /// Every name known (Zones and Links), sorted by bytes.
    pub fn names() -> impl ExactSizeIterator<Item = &'static str> {
        (0..db().name_count()).map(|i| db().name(i))
    }

    /// The Zone this name resolves to: itself for a Zone, the Zone at the end of the chain
    /// for a Link (`"Asia/Calcutta"` → `"Asia/Kolkata"`).
    pub fn canonical(self) -> TimeZone {
        TimeZone(db().canonical_of(self.0 as usize) as u16)
    }

    /// Whether this name is a Link (a `backward` alias or another name for a Zone).
    pub fn is_link(self) -> bool {
        self.canonical() != self
    }

    fn history(self) -> &'static History {
        history(db().history_of(self.0 as usize))
    }

    /// The offset from UTC, in seconds east, at `unix_secs`.
    pub fn offset_at(self, unix_secs: i64) -> i32 {
        let z = self.history();
        let i = z.starts.partition_point(|&s| s <= unix_secs);
        z.offsets[i.saturating_sub(1)]
    }

    /// The stretch of constant offset holding `unix_secs`: `(start, end, offset)`, with
    /// `start` inclusive (`i64::MIN` before the first transition) and `end` exclusive
    /// (`i64::MAX` after the last).
    pub fn span_at(self, unix_secs: i64) -> (i64, i64, i32) {
        let z = self.history();
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
        let z = self.history();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sorted_and_unique() {
        let names: Vec<&str> = TimeZone::names().collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        assert!(names.len() > 500, "{} names", names.len());
        assert_eq!(TimeZone::utc().name(), "UTC");
        assert_eq!(TimeZone::from_name("UTC"), Some(TimeZone::utc()));
        assert_eq!(db().release(), RELEASE);
    }

    #[test]
    fn every_history_decodes_to_increasing_transitions() {
        for h in 0..db().history_count() {
            let z = db().history(h).unwrap();
            assert_eq!(z.starts.len(), z.offsets.len());
            assert!(z.starts.windows(2).all(|w| w[0] < w[1]), "history {h}");
            assert!(z.offsets.windows(2).all(|w| w[0] != w[1]), "history {h}");
            assert!(z.offsets.iter().all(|o| o.abs() < 26 * 3600), "history {h}");
        }
    }

    #[test]
    fn links_resolve_to_zones_and_zones_to_themselves() {
        for name in TimeZone::names() {
            let tz = TimeZone::from_name(name).unwrap();
            let canonical = tz.canonical();
            assert!(!canonical.is_link(), "{name} → {canonical} is a link");
            assert_eq!(
                tz.history() as *const _,
                canonical.history() as *const _,
                "{name}"
            );
        }
        let calcutta = TimeZone::from_name("Asia/Calcutta").unwrap();
        assert!(calcutta.is_link());
        assert_eq!(calcutta.canonical().name(), "Asia/Kolkata");
        assert!(!TimeZone::from_name("Europe/Paris").unwrap().is_link());
    }

    #[test]
    fn utc_is_zero_everywhere() {
        let utc = TimeZone::utc();
        for t in [i64::MIN, -2_208_988_800, 0, 1 << 40, i64::MAX] {
            assert_eq!(utc.offset_at(t), 0);
        }
        assert_eq!(utc.transitions(i64::MIN, i64::MAX).count(), 0);
    }
}
