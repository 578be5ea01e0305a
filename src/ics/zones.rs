//! The zones of an iCalendar file (SPEC §10): a TZID is the file's own VTIMEZONE of that name,
//! else an IANA name or link (also after a prefix such as `/mozilla.org/20070129_1/`), else a
//! Windows zone id or display name by CLDR's windowsZones table. A VTIMEZONE (RFC 5545
//! §3.6.5) is compiled into the engine's own [`OffsetTable`] over the window a computation
//! needs, so its local times resolve by SPEC §2 like any other zone's.

use super::recur::Series;
use super::rule::DAY;
use crate::zone::{OffsetTable, Tz};

include!(concat!(env!("OUT_DIR"), "/windows_zones.rs"));

/// A zone times are read in: the database's, or the file's VTIMEZONE number `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Zone {
    Iana(Tz),
    Custom(u32),
}

/// How far back the offset in force at an instant is looked for first (three years).
const LOOK_BACK: i64 = 3 * 366 * DAY;
/// Onsets one observance may have in one window: beyond, the VTIMEZONE is not a zone.
const MAX_ONSETS: usize = 5_000;

/// A STANDARD or DAYLIGHT part of a VTIMEZONE.
#[derive(Debug, Clone)]
pub(crate) struct Observance {
    /// TZOFFSETFROM, seconds east of UTC: the offset in force before each onset.
    pub from: i64,
    /// TZOFFSETTO, seconds east of UTC.
    pub to: i64,
    /// DTSTART, the first onset: local seconds (in `from`).
    pub start: i64,
    /// The RRULE's onsets from DTSTART, if it has one.
    pub series: Option<Series>,
    /// A `Z` UNTIL of the RRULE, as UTC seconds (exact, unlike the series' local bound).
    pub until: Option<i64>,
    /// RDATE onsets, local seconds.
    pub rdates: Vec<i64>,
}

impl Observance {
    /// Onsets with instants (UTC seconds) in `[lo, hi)`, ascending, at most [`MAX_ONSETS`].
    fn onsets(&self, lo: i64, hi: i64, out: &mut Vec<(i64, i64)>) {
        let mut n = 0;
        let until = self.until.unwrap_or(i64::MAX);
        match &self.series {
            Some(series) => series.each(lo + self.from, hi + self.from, &mut |local| {
                let at = local - self.from;
                // DTSTART is the first onset whatever UNTIL says, as for events.
                if at <= until || local == self.start {
                    out.push((at, self.to));
                }
                n += 1;
                n < MAX_ONSETS
            }),
            None => {
                let at = self.start - self.from;
                if (lo..hi).contains(&at) {
                    out.push((at, self.to));
                }
            }
        }
        for &local in &self.rdates {
            let at = local - self.from;
            if (lo..hi).contains(&at) {
                out.push((at, self.to));
            }
        }
    }

    /// The last onset at or before `t` (UTC seconds), if any.
    fn last_onset(&self, t: i64) -> Option<i64> {
        let mut found: Vec<(i64, i64)> = Vec::new();
        self.onsets(t - LOOK_BACK, t + 1, &mut found);
        if found.is_empty() {
            // A rule that ended long before: its last years.
            if let Some(last) = self.series.as_ref().and_then(Series::last) {
                let end = (last - self.from).min(t);
                self.onsets(end - LOOK_BACK, end + 1, &mut found);
            }
        }
        found.push((self.start - self.from, self.to));
        found
            .iter()
            .map(|&(at, _)| at)
            .chain(self.rdates.iter().map(|l| l - self.from))
            .filter(|&at| at <= t)
            .max()
    }
}

/// A VTIMEZONE: its observances.
#[derive(Debug, Clone)]
pub(crate) struct CustomZone {
    pub observances: Vec<Observance>,
}

impl CustomZone {
    /// The zone's offsets over `[from, to)` (milliseconds), as an [`OffsetTable`].
    pub(crate) fn table(&self, from: i64, to: i64) -> OffsetTable {
        let (lo, hi) = (from.div_euclid(1000), to.div_euclid(1000) + 1);
        // The offset in force at `lo`: the latest onset before it, else the first one's FROM.
        let initial = self
            .observances
            .iter()
            .filter_map(|o| o.last_onset(lo).map(|at| (at, o.to)))
            .max_by_key(|&(at, _)| at)
            .map(|(_, to)| to)
            .or_else(|| {
                self.observances
                    .iter()
                    .min_by_key(|o| o.start - o.from)
                    .map(|o| o.from)
            })
            .unwrap_or(0);
        let mut onsets: Vec<(i64, i64)> = Vec::new();
        for o in &self.observances {
            o.onsets(lo, hi, &mut onsets);
        }
        onsets.sort_unstable();
        let transitions: Vec<(i64, i64)> = onsets
            .iter()
            .map(|&(at, to)| (at * 1000, to * 1000))
            .collect();
        OffsetTable::from_transitions(from, to, initial * 1000, &transitions)
    }
}

/// The database zone a TZID names: an IANA name or link, also after a path prefix
/// (`/mozilla.org/20070129_1/Europe/Paris`, `/citadel.org/20190914_1/Europe/Paris`); else a
/// Windows zone id (`W. Europe Standard Time`) or display name
/// (`(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna`, also with another
/// `(UTC…)`/`(GMT…)` prefix, or "and" for "&", when the rest names one zone).
pub(crate) fn named_zone(tzid: &str) -> Option<Tz> {
    let tzid = tzid.trim();
    if tzid.is_empty() {
        return None;
    }
    if let Some(tz) = Tz::from_name(tzid) {
        return Some(tz);
    }
    for (i, c) in tzid.char_indices() {
        if c == '/' {
            if let Some(tz) = Tz::from_name(&tzid[i + 1..]) {
                return Some(tz);
            }
        }
    }
    windows_zone(tzid).and_then(Tz::from_name)
}

/// The IANA zone of a Windows zone id or display name (CLDR windowsZones, territory 001).
pub(crate) fn windows_zone(name: &str) -> Option<&'static str> {
    let find = |table: &[(&'static str, &'static str)]| {
        table
            .binary_search_by(|(k, _)| k.cmp(&name))
            .ok()
            .map(|i| table[i].1)
    };
    if let Some(z) = find(&WINDOWS_IDS).or_else(|| find(&WINDOWS_NAMES)) {
        return Some(z);
    }
    if let Some((_, z)) = WINDOWS_IDS
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
    {
        return Some(z);
    }
    // A display name whose offset prefix differs: the rest must name one zone.
    let rest = |s: &str| -> Option<String> {
        let s = s.trim();
        let body = s.strip_prefix('(')?;
        let close = body.find(')')?;
        let head = &body[..close];
        (head.starts_with("UTC") || head.starts_with("GMT")).then(|| {
            body[close + 1..]
                .trim()
                .to_ascii_lowercase()
                .replace(" and ", " & ")
        })
    };
    let wanted = rest(name)?;
    let mut matches = WINDOWS_NAMES
        .iter()
        .filter(|(k, _)| rest(k).as_deref() == Some(wanted.as_str()));
    match (matches.next(), matches.next()) {
        (Some((_, z)), None) => Some(z),
        _ => None,
    }
}

/// Resolves local times of the file's zones, keeping every table it builds: one per zone over
/// the window it was made for (`[from, to)` in ms), and tables of a year around single times
/// outside it (at most [`KEPT`]), so a feed of thousands of events builds a handful.
pub(crate) struct Resolver<'c> {
    customs: &'c [CustomZone],
    from: i64,
    to: i64,
    tables: Vec<(Zone, i64, i64, OffsetTable)>,
}

/// Tables of single times kept besides the window's.
const KEPT: usize = 32;

impl<'c> Resolver<'c> {
    /// A resolver for the zones of a file with `customs`, for instants mostly in `[from, to)`
    /// (ms; an empty window when there is none).
    pub(crate) fn new(customs: &'c [CustomZone], from: i64, to: i64) -> Resolver<'c> {
        Resolver {
            customs,
            from,
            to,
            tables: Vec::new(),
        }
    }

    /// The instant (ms) of local time `local` (ms) in `zone`, by SPEC §2.
    pub(crate) fn instant(&mut self, zone: Zone, local: i64) -> i64 {
        // A table answers for local times with two days to spare (offsets are under 26 h).
        let margin = 2 * DAY * 1000;
        let found = self.tables.iter().position(|&(z, from, to, _)| {
            z == zone && local > from.saturating_add(margin) && local < to.saturating_sub(margin)
        });
        let i = match found {
            Some(i) => i,
            None => {
                let inside = local > self.from.saturating_add(margin)
                    && local < self.to.saturating_sub(margin);
                let (from, to) = if inside {
                    (self.from, self.to)
                } else {
                    (local - 200 * DAY * 1000, local + 200 * DAY * 1000)
                };
                let table = match zone {
                    Zone::Iana(tz) => OffsetTable::new(tz, from, to),
                    Zone::Custom(n) => self.customs[n as usize].table(from, to),
                };
                if !inside && self.tables.len() >= KEPT {
                    // Forget the oldest table of a single time (the window's stay).
                    if let Some(old) = self
                        .tables
                        .iter()
                        .position(|t| (t.1, t.2) != (self.from, self.to))
                    {
                        self.tables.remove(old);
                    }
                }
                self.tables.push((zone, from, to, table));
                self.tables.len() - 1
            }
        };
        self.tables[i].3.to_instant(local)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_ids_and_display_names_map_by_cldr() {
        assert_eq!(
            windows_zone("W. Europe Standard Time"),
            Some("Europe/Berlin")
        );
        assert_eq!(
            windows_zone("Eastern Standard Time"),
            Some("America/New_York")
        );
        assert_eq!(
            windows_zone("(UTC-05:00) Eastern Time (US & Canada)"),
            Some("America/New_York")
        );
        assert_eq!(
            windows_zone("(GMT-05:00) Eastern Time (US & Canada)"),
            Some("America/New_York")
        );
        assert_eq!(windows_zone("Mars Standard Time"), None);
    }

    #[test]
    fn every_cldr_windows_zone_is_in_the_tz_database() {
        for (id, iana) in WINDOWS_IDS.iter().chain(WINDOWS_NAMES.iter()) {
            assert!(Tz::from_name(iana).is_some(), "{id} → {iana}");
        }
        assert!(WINDOWS_IDS.len() > 130, "{}", WINDOWS_IDS.len());
    }

    #[test]
    fn iana_names_after_a_path_prefix() {
        let paris = Tz::from_name("Europe/Paris");
        assert_eq!(named_zone("/mozilla.org/20070129_1/Europe/Paris"), paris);
        assert_eq!(named_zone("/citadel.org/20190914_1/Europe/Paris"), paris);
        assert_eq!(
            named_zone("America/Argentina/Buenos_Aires").map(|t| t.name()),
            Some("America/Argentina/Buenos_Aires")
        );
        assert_eq!(named_zone("Romance Standard Time"), paris);
        assert_eq!(named_zone("Customized Time Zone"), None);
    }
}
