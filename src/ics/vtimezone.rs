//! VTIMEZONE components (RFC 5545 §3.6.5) read into [`CustomZone`]s: each STANDARD and DAYLIGHT
//! part's DTSTART, TZOFFSETFROM, TZOFFSETTO, RRULE and RDATEs. Outlook's "Customized Time
//! Zone" is one like any other. A VTIMEZONE that cannot be read is left out with a warning, and
//! its TZID then resolves as a name (SPEC §10 order).

use std::collections::HashMap;

use super::components::ZoneBlock;
use super::recur::Series;
use super::rule::DAY;
use super::values::{parse_offset, parse_recur, parse_stamp, unescape};
use super::zones::{CustomZone, Observance};
use super::{warn, Warning};

/// Reads every VTIMEZONE; one that cannot be compiled is left out (its TZID then resolves as a
/// name) with a warning.
pub(crate) fn read(
    blocks: &[ZoneBlock],
    warnings: &mut Vec<Warning>,
) -> (Vec<CustomZone>, HashMap<String, usize>) {
    let mut customs = Vec::new();
    let mut names = HashMap::new();
    for z in blocks {
        let Some(tzid) = z.block.get("TZID").map(|p| unescape(&p.value)) else {
            warn(
                warnings,
                z.block.line,
                "a VTIMEZONE without TZID is ignored".to_string(),
            );
            continue;
        };
        match custom_zone(z) {
            Ok(zone) => {
                names.insert(tzid, customs.len());
                customs.push(zone);
            }
            Err(why) => warn(
                warnings,
                z.block.line,
                format!(
                    "VTIMEZONE `{}` is ignored: {why}",
                    super::values::truncated(&tzid)
                ),
            ),
        }
    }
    (customs, names)
}

fn custom_zone(z: &ZoneBlock) -> Result<CustomZone, String> {
    if let Some((line, why)) = z.block.broken {
        return Err(format!("line {line} cannot be read: {why}"));
    }
    let mut observances = Vec::new();
    for o in &z.observances {
        if let Some((line, why)) = o.broken {
            return Err(format!("line {line} cannot be read: {why}"));
        }
        let offset = |name: &str| -> Result<i64, String> {
            o.get(name)
                .and_then(|p| parse_offset(&p.value))
                .ok_or_else(|| format!("an observance at line {} has no readable {name}", o.line))
        };
        let (from, to) = (offset("TZOFFSETFROM")?, offset("TZOFFSETTO")?);
        let start = o
            .get("DTSTART")
            .and_then(|p| parse_stamp(&p.value))
            .ok_or_else(|| format!("an observance at line {} has no readable DTSTART", o.line))?;
        let mut until = None;
        let series = match o.get("RRULE") {
            Some(p) => {
                let recur = parse_recur(&p.value)?;
                let bound = recur.until.map(|u| {
                    if u.utc {
                        u.secs + 2 * DAY
                    } else if u.date {
                        u.secs + DAY - 1
                    } else {
                        u.secs
                    }
                });
                until = recur.until.filter(|u| u.utc).map(|u| u.secs);
                Some(
                    Series::new(recur.rule, start.secs, false, bound)
                        .map_err(|e| e.message().to_string())?,
                )
            }
            None => None,
        };
        let mut rdates = Vec::new();
        for p in o.all("RDATE") {
            for v in p.value.split(',') {
                let s = parse_stamp(v)
                    .ok_or_else(|| format!("an RDATE at line {} cannot be read", p.line))?;
                rdates.push(if s.utc { s.secs + from } else { s.secs });
            }
        }
        observances.push(Observance {
            from,
            to,
            start: start.secs,
            series,
            until,
            rdates,
        });
    }
    if observances.is_empty() {
        return Err("it has no STANDARD or DAYLIGHT part".to_string());
    }
    Ok(CustomZone { observances })
}
