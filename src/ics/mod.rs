//! iCalendar (RFC 5545) for busy times (SPEC §10): a reader of what busy times need and an
//! expander of recurrences over a window, resolved with the engine's own zones (SPEC §2).
//!
//! [`Calendar::read`] reads a file once (content lines, components, VTIMEZONEs, events grouped
//! by UID, each `COUNT` turned into a last instance); [`Calendar::busy`] hands out the busy
//! intervals overlapping any window, with work proportional to what the window holds.
//!
//! ```text
//! lines (§3.1) → components (§3.4, §3.6) → events, freebusy, zones (§3.6.1, §3.6.4, §3.6.5)
//!                values (§3.3) · recur → walk → dates → rule (§3.3.10) · zones (TZID → zone)
//!                                     → expand (window → busy intervals)
//! ```

mod components;
mod dates;
mod events;
mod expand;
mod freebusy;
mod lines;
mod recur;
mod rule;
mod values;
mod vtimezone;
mod walk;
mod zones;

use std::cell::RefCell;
use std::collections::HashMap;

use serde::Serialize;

use crate::zone::Tz;
use events::{Group, Zones};
use zones::CustomZone;

pub use expand::Options;

/// A warning about a part of a file that was left out: `{line, message}` (SPEC §10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The line (from 1) of the part left out.
    pub line: usize,
    /// What was left out, and why.
    pub message: String,
}

/// At most this many warnings are kept per file; one more says how many were dropped.
const MAX_WARNINGS: usize = 1_000;

/// Records a warning, up to [`MAX_WARNINGS`].
fn warn(warnings: &mut Vec<Warning>, line: usize, message: String) {
    if warnings.len() < MAX_WARNINGS {
        warnings.push(Warning { line, message });
    } else if warnings.len() == MAX_WARNINGS {
        warnings.push(Warning {
            line,
            message: "more warnings follow; only the first 1000 are listed".to_string(),
        });
    }
}

/// A file that is not iCalendar, or whose BEGIN and END do not pair up: the line and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotICalendar {
    /// The line (from 1) where reading stopped.
    pub line: usize,
    /// Why.
    pub message: String,
}

/// An iCalendar file read for busy times.
#[derive(Debug, Clone)]
pub struct Calendar {
    groups: Vec<Group>,
    zones: Vec<CustomZone>,
    /// VFREEBUSY periods (ms), sorted by start: busy, then tentative.
    freebusy: [Vec<(i64, i64)>; 2],
    /// The longest instance or period, ms (how far before a window an instance may start).
    longest: i64,
    longest_period: i64,
    warnings: Vec<Warning>,
}

impl Calendar {
    /// Reads iCalendar text; floating times and all-day dates are read in `zone` (the
    /// member's).
    ///
    /// # Errors
    /// [`NotICalendar`] when the text does not begin with `BEGIN:VCALENDAR`, an END closes
    /// another component than the last BEGIN, a BEGIN is never closed or components nest more
    /// than 64 deep. Anything less (an event that cannot be read) is a warning.
    pub fn read(text: &str, zone: Tz) -> Result<Calendar, NotICalendar> {
        let mut warnings = Vec::new();
        let parts = components::read(text, &mut warnings).map_err(|f| NotICalendar {
            line: f.line,
            message: f.message,
        })?;
        let (customs, names): (Vec<CustomZone>, HashMap<String, usize>) =
            vtimezone::read(&parts.zones, &mut warnings);
        let zones = Zones {
            member: zone,
            names: &names,
            points: RefCell::new(zones::Resolver::new(&customs, 0, 0)),
        };
        let groups = events::groups(&parts, &zones, &mut warnings);
        let freebusy = freebusy::periods(&parts, &zones, &mut warnings);
        let longest = groups
            .iter()
            .flat_map(|g| g.master.iter().chain(g.overrides.iter().map(|o| &o.event)))
            .map(events::Event::longest)
            .max()
            .unwrap_or(0);
        let longest_period = freebusy
            .iter()
            .flatten()
            .map(|&(s, e)| e - s)
            .max()
            .unwrap_or(0);
        // By line (one sort of integer pairs, shared with the rest of the module).
        let mut order: Vec<(i64, i64)> = warnings
            .iter()
            .enumerate()
            .map(|(i, w)| (w.line as i64, i as i64))
            .collect();
        order.sort_unstable();
        let warnings: Vec<Warning> = order
            .iter()
            .map(|&(_, i)| warnings[i as usize].clone())
            .collect();
        Ok(Calendar {
            groups,
            zones: customs,
            freebusy,
            longest,
            longest_period,
            warnings,
        })
    }

    /// What was left out, by line.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }
}

/// The database zone a TZID or a provider's zone name names: an IANA name or link (also after
/// a path prefix), or a Windows zone id or display name (CLDR windowsZones).
pub(crate) fn zone_named(name: &str) -> Option<Tz> {
    zones::named_zone(name)
}

/// `YYYYMMDDTHHMMSS` (no `Z`) as naive local seconds.
pub(crate) fn parse_date_time(s: &str) -> Option<i64> {
    values::parse_stamp(s)
        .filter(|s| !s.date && !s.utc)
        .map(|s| s.secs)
}
