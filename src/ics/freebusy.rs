//! VFREEBUSY components (RFC 5545 §3.6.4) read into busy periods (SPEC §10): every `FREEBUSY`
//! period whose FBTYPE is not FREE, and a component without `FREEBUSY` lines but with an
//! `FBTYPE` property (Radicale answers a free/busy query with one such component per busy
//! interval) as one period from its DTSTART to its DTEND. `BUSY-TENTATIVE` periods are kept
//! apart: they follow the source's `tentative` option.

use super::components::{Block, Components, Prop};
use super::events::Zones;
use super::rule::DAY;
use super::values::{parse_duration, parse_stamp, truncated};
use super::zones::Zone;
use super::{warn, Warning};

/// Which list a FBTYPE puts a period in: `Some(0)` busy, `Some(1)` tentative, `None` free.
/// `BUSY`, `BUSY-UNAVAILABLE`, an unknown type and a missing one are busy.
fn kind(fbtype: Option<&str>) -> Option<usize> {
    match fbtype.map(str::trim) {
        Some(t) if t.eq_ignore_ascii_case("FREE") => None,
        Some(t) if t.eq_ignore_ascii_case("BUSY-TENTATIVE") => Some(1),
        _ => Some(0),
    }
}

/// The busy periods of every VFREEBUSY in ms, sorted: busy ones, then tentative ones. A period
/// that cannot be read is left out with a warning.
pub(crate) fn periods(
    parts: &Components,
    zones: &Zones<'_>,
    warnings: &mut Vec<Warning>,
) -> [Vec<(i64, i64)>; 2] {
    let mut out = [Vec::new(), Vec::new()];
    for block in &parts.freebusy {
        if let Some((line, why)) = block.broken {
            warn(
                warnings,
                block.line,
                format!("the VFREEBUSY is skipped: line {line} cannot be read: {why}"),
            );
            continue;
        }
        let mut lines = block.all("FREEBUSY").peekable();
        if lines.peek().is_none() {
            if let Some(fbtype) = block.get("FBTYPE") {
                one_period(block, fbtype, zones, warnings, &mut out);
            }
            continue;
        }
        for p in lines {
            let Some(list) = kind(p.param("FBTYPE")) else {
                continue;
            };
            for item in p.value.split(',') {
                match period(p, item, zones, warnings) {
                    Some((start, end)) if end > start => out[list].push((start, end)),
                    Some(_) => {}
                    None => warn(
                        warnings,
                        p.line,
                        format!("a FREEBUSY period `{}` cannot be read", truncated(item)),
                    ),
                }
            }
        }
    }
    out[0].sort_unstable();
    out[1].sort_unstable();
    out
}

/// One `start/end` or `start/duration` item of a FREEBUSY line, in ms.
fn period(
    p: &Prop,
    item: &str,
    zones: &Zones<'_>,
    warnings: &mut Vec<Warning>,
) -> Option<(i64, i64)> {
    let (a, b) = item.split_once('/')?;
    let s = parse_stamp(a)?;
    let zone = zones.of(p, s, warnings).unwrap_or(Zone::Iana(zones.member));
    let start = zones.instant(zone, s.secs);
    let end = match (parse_stamp(b), parse_duration(b)) {
        (Some(e), _) => zones.instant(zones.of(p, e, warnings).unwrap_or(zone), e.secs),
        (None, Some(d)) => zones.instant(zone, s.secs + d.days * DAY) + d.secs * 1000,
        _ => return None,
    };
    Some((start, end))
}

/// A VFREEBUSY without FREEBUSY lines but with an FBTYPE property: its DTSTART..DTEND.
fn one_period(
    block: &Block,
    fbtype: &Prop,
    zones: &Zones<'_>,
    warnings: &mut Vec<Warning>,
    out: &mut [Vec<(i64, i64)>; 2],
) {
    let Some(list) = kind(Some(&fbtype.value)) else {
        return;
    };
    let at = |name: &str, warnings: &mut Vec<Warning>| -> Result<i64, String> {
        let p = block
            .get(name)
            .ok_or_else(|| format!("it has an FBTYPE but no {name}"))?;
        let s = p.stamp()?;
        let zone = zones.of(p, s, warnings).unwrap_or(Zone::Iana(zones.member));
        Ok(zones.instant(zone, s.secs))
    };
    match at("DTSTART", warnings).and_then(|s| Ok((s, at("DTEND", warnings)?))) {
        Ok((start, end)) if end > start => out[list].push((start, end)),
        Ok(_) => {}
        Err(why) => warn(
            warnings,
            block.line,
            format!("the VFREEBUSY is skipped: {why}"),
        ),
    }
}
