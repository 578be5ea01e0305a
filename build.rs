//! Compiles the vendored IANA tz source (`tzdata/`) into bookable's compact zone database.
//!
//! The source files are read with `parse_zoneinfo`'s line parser and table builder; the
//! transitions are computed here with zic's semantics (its `outzone` loop and its merging of
//! transitions that no wall clock could see), for every instant from 1900-01-01 to 2201-02-01.
//! parse_zoneinfo's own transition code stops at 2100, which is why it is not used.
//!
//! Output in `OUT_DIR`:
//! - `tzdb.bin`: `u16` zone count, then `count + 1` little-endian `u32` positions, then per
//!   distinct zone: varint offset count, the offsets (zigzag varints, seconds east of UTC),
//!   varint index of the offset in force on 1900-01-01, varint transition count, the
//!   transition instants as varint deltas (the first from 1900-01-01T00:00Z; `minutes << 1`
//!   when whole minutes, else `seconds << 1 | 1`), and one byte per transition: the index of
//!   the offset that begins then.
//! - `tzdb_names.rs`: every Zone and Link name, sorted and concatenated, where each begins,
//!   and the zone each one uses.

use std::collections::{BTreeMap, HashMap};
use std::env;
use std::fs;
use std::path::Path;

use parse_zoneinfo::line::{ChangeTime, DaySpec, Line, TimeType, Year};
use parse_zoneinfo::table::{Format, RuleInfo, Saving, Table, TableBuilder, ZoneInfo};

const FILES: [&str; 9] = [
    "africa",
    "antarctica",
    "asia",
    "australasia",
    "backward",
    "etcetera",
    "europe",
    "northamerica",
    "southamerica",
];

/// 1900-01-01T00:00:00Z: the first instant the database answers exactly.
const BASE: i64 = -2_208_988_800;
/// 2201-02-01T00:00:00Z: transitions from here on are not kept.
const END: i64 = 7_286_659_200;
/// The last year whose rules are applied.
const LAST_YEAR: i64 = 2201;

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn month_len(y: i64, m: i64) -> i64 {
    days_from_civil(
        if m == 12 { y + 1 } else { y },
        if m == 12 { 1 } else { m + 1 },
        1,
    ) - days_from_civil(y, m, 1)
}

/// Sunday = 0.
fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// The day (days since 1970-01-01) that `spec` names in month `m` of year `y`.
fn day_of(y: i64, m: i64, spec: DaySpec) -> i64 {
    match spec {
        DaySpec::Ordinal(d) => days_from_civil(y, m, d as i64),
        DaySpec::Last(wd) => {
            let last = days_from_civil(y, m, month_len(y, m));
            last - (weekday(last) - wd as i64).rem_euclid(7)
        }
        DaySpec::LastOnOrBefore(wd, d) => {
            let x = days_from_civil(y, m, d as i64);
            x - (weekday(x) - wd as i64).rem_euclid(7)
        }
        DaySpec::FirstOnOrAfter(wd, d) => {
            let x = days_from_civil(y, m, d as i64);
            x + (wd as i64 - weekday(x)).rem_euclid(7)
        }
    }
}

fn year_number(y: Year) -> i64 {
    match y {
        Year::Minimum => i64::MIN / 4,
        Year::Maximum => i64::MAX / 4,
        Year::Number(n) => n,
    }
}

struct Rule {
    lo: i64,
    hi: i64,
    month: i64,
    day: DaySpec,
    tod: i64,
    kind: TimeType,
    save: i64,
    letters: String,
}

impl Rule {
    fn new(r: &RuleInfo) -> Rule {
        let lo = year_number(r.from_year);
        Rule {
            lo,
            hi: r.to_year.map_or(lo, year_number),
            month: r.month as i64,
            day: r.day,
            tod: r.time,
            kind: r.time_type,
            save: r.time_to_add,
            letters: r.letters.clone().unwrap_or_default(),
        }
    }

    /// The rule's moment in `year` as local seconds of the kind `self.kind`.
    fn local_time(&self, year: i64) -> i64 {
        day_of(year, self.month, self.day) * 86_400 + self.tod
    }
}

/// A zone line's UNTIL as (local seconds, kind, year).
fn until_of(t: &ChangeTime) -> (i64, TimeType, i64) {
    match *t {
        ChangeTime::UntilYear(y) => {
            let y = year_number(y);
            (days_from_civil(y, 1, 1) * 86_400, TimeType::Wall, y)
        }
        ChangeTime::UntilMonth(y, m) => {
            let y = year_number(y);
            (days_from_civil(y, m as i64, 1) * 86_400, TimeType::Wall, y)
        }
        ChangeTime::UntilDay(y, m, d) => {
            let y = year_number(y);
            (day_of(y, m as i64, d) * 86_400, TimeType::Wall, y)
        }
        ChangeTime::UntilTime(y, m, d, t) => {
            let y = year_number(y);
            (day_of(y, m as i64, d) * 86_400 + t.0.as_seconds(), t.1, y)
        }
    }
}

/// A local time type: UTC offset, DST flag, abbreviation (zic merges on all three).
#[derive(Clone, PartialEq)]
struct Type {
    utoff: i64,
    isdst: bool,
    abbr: String,
}

fn abbr(format: &Format, stdoff: i64, save: i64, letters: &str) -> String {
    match format {
        Format::Constant(s) => s.clone(),
        Format::Placeholder(s) => s.replace("%s", if letters == "-" { "" } else { letters }),
        Format::Alternate { standard, dst } => {
            if save != 0 {
                dst.clone()
            } else {
                standard.clone()
            }
        }
        // zic spells the offset; the spelling is a function of the offset.
        Format::Offset => format!("%z{}", stdoff + save),
        _ => String::new(),
    }
}

/// zic's `outzone` for one zone: every (instant, type) it would write, and the type in force
/// before the first.
fn outzone(lines: &[ZoneInfo], rulesets: &HashMap<String, Vec<Rule>>) -> (Type, Vec<(i64, Type)>) {
    let mut out: Vec<(i64, Type)> = Vec::new();
    let mut default: Option<Type> = None;
    let mut save: i64;
    let mut starttime = 0i64;
    let n = lines.len();
    for (i, zl) in lines.iter().enumerate() {
        let mut usestart = i > 0;
        let useuntil = i + 1 < n;
        let stdoff = zl.offset;
        let until = zl.end_time.as_ref().map(until_of);
        let mut startoff = stdoff;
        // zic starts each zone line in standard time: a rule's wall-clock moment is read
        // with no save until a rule of this line sets one (Asia/Shanghai, 1986-05-04).
        save = 0;
        let mut startabbr: Option<String> = None;
        let rules: &[Rule] = match &zl.saving {
            Saving::Multiple(name) => rulesets.get(name).map_or(&[], |v| v.as_slice()),
            _ => &[],
        };
        if rules.is_empty() {
            save = match zl.saving {
                Saving::OneOff(s) => s,
                _ => 0,
            };
            let t = Type {
                utoff: stdoff + save,
                isdst: save != 0,
                abbr: abbr(&zl.format, stdoff, save, ""),
            };
            if usestart {
                out.push((starttime, t));
                usestart = false;
            } else {
                default = Some(t);
            }
        } else {
            let first_year = rules.iter().map(|r| r.lo).min().unwrap_or(1800).max(1800);
            let last_year = match until {
                Some((_, _, y)) if useuntil => y.min(LAST_YEAR),
                _ => LAST_YEAR,
            };
            'years: for year in first_year..=last_year {
                let mut todo: Vec<(usize, i64)> = rules
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| year >= r.lo && year <= r.hi)
                    .map(|(j, r)| (j, r.local_time(year)))
                    .collect();
                loop {
                    let untiltime = until.map(|(t, kind, _)| match kind {
                        TimeType::UTC => t,
                        TimeType::Standard => t - stdoff,
                        TimeType::Wall => t - stdoff - save,
                    });
                    // The rule that takes effect earliest, with the current save.
                    let mut best: Option<(usize, i64)> = None;
                    for (pos, &(j, local)) in todo.iter().enumerate() {
                        let r = &rules[j];
                        let offset = match r.kind {
                            TimeType::UTC => 0,
                            TimeType::Standard => stdoff,
                            TimeType::Wall => stdoff + save,
                        };
                        let jtime = local - offset;
                        if best.is_none_or(|(_, k)| jtime < k) {
                            best = Some((pos, jtime));
                        }
                    }
                    let Some((pos, ktime)) = best else {
                        continue 'years;
                    };
                    let (j, _) = todo.remove(pos);
                    let rp = &rules[j];
                    if useuntil && untiltime.is_some_and(|u| ktime >= u) {
                        if startabbr.is_none() && stdoff + rp.save == startoff {
                            startabbr = Some(abbr(&zl.format, stdoff, rp.save, &rp.letters));
                        }
                        break 'years;
                    }
                    save = rp.save;
                    if usestart && ktime == starttime {
                        usestart = false;
                    }
                    if usestart {
                        if ktime < starttime {
                            startoff = stdoff + save;
                            startabbr = Some(abbr(&zl.format, stdoff, save, &rp.letters));
                            continue;
                        }
                        if startabbr.is_none() && startoff == stdoff + save {
                            startabbr = Some(abbr(&zl.format, stdoff, save, &rp.letters));
                        }
                    }
                    let t = Type {
                        utoff: stdoff + save,
                        isdst: save != 0,
                        abbr: abbr(&zl.format, stdoff, save, &rp.letters),
                    };
                    if default.is_none() && !t.isdst {
                        default = Some(t.clone());
                    }
                    out.push((ktime, t));
                }
            }
        }
        if usestart {
            let isdst = startoff != stdoff;
            let ab = startabbr.unwrap_or_else(|| abbr(&zl.format, stdoff, startoff - stdoff, ""));
            let t = Type {
                utoff: startoff,
                isdst,
                abbr: ab,
            };
            if default.is_none() && !isdst {
                default = Some(t.clone());
            }
            out.push((starttime, t));
        }
        if useuntil {
            if let Some((t, kind, _)) = until {
                starttime = match kind {
                    TimeType::UTC => t,
                    TimeType::Standard => t - stdoff,
                    TimeType::Wall => t - stdoff - save,
                };
            }
        }
    }
    let default = default.or_else(|| out.first().map(|(_, t)| t.clone()));
    let default = default.expect("a zone with no time type");
    (default, out)
}

/// zic's `writezone` optimisation: sort, then fold a transition into the previous one when
/// no wall clock could tell them apart, and drop transitions that change nothing.
fn optimise(default: &Type, mut at: Vec<(i64, Type)>) -> Vec<(i64, Type)> {
    at.sort_by_key(|(t, _)| *t);
    let mut kept: Vec<(i64, Type)> = Vec::with_capacity(at.len());
    for (t, ty) in at {
        if let Some(last) = kept.last() {
            let before = if kept.len() >= 2 {
                kept[kept.len() - 2].1.utoff
            } else {
                default.utoff
            };
            if t + last.1.utoff <= last.0 + before {
                let k = kept.len() - 1;
                kept[k].1 = ty;
                continue;
            }
        }
        if kept.last().is_none_or(|(_, prev)| *prev != ty) {
            kept.push((t, ty));
        }
    }
    kept
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

/// The zone's offsets from 1900 on, encoded.
fn encode(default: &Type, transitions: &[(i64, Type)]) -> Vec<u8> {
    let mut initial = default.utoff;
    let mut changes: Vec<(i64, i64)> = Vec::new();
    for (t, ty) in transitions {
        if *t <= BASE {
            initial = ty.utoff;
        } else if *t < END {
            let current = changes.last().map_or(initial, |c| c.1);
            if ty.utoff != current {
                changes.push((*t, ty.utoff));
            }
        }
    }
    let mut offsets: Vec<i64> = vec![initial];
    for (_, o) in &changes {
        if !offsets.contains(o) {
            offsets.push(*o);
        }
    }
    assert!(offsets.len() < 256, "too many offsets in one zone");
    let index = |o: i64| offsets.iter().position(|&x| x == o).unwrap_or(0);
    let mut out = Vec::new();
    varint(&mut out, offsets.len() as u64);
    for &o in &offsets {
        varint(&mut out, zigzag(o));
    }
    varint(&mut out, index(initial) as u64);
    varint(&mut out, changes.len() as u64);
    let mut prev = BASE;
    for (t, _) in &changes {
        // Whole minutes (all but some LMT ends) as minutes, flag bit 0; else seconds, flag 1.
        let delta = (t - prev) as u64;
        varint(
            &mut out,
            if delta % 60 == 0 {
                (delta / 60) << 1
            } else {
                (delta << 1) | 1
            },
        );
        prev = *t;
    }
    for (_, o) in &changes {
        out.push(index(*o) as u8);
    }
    out
}

fn read_table(dir: &Path) -> Table {
    let mut builder = TableBuilder::new();
    for name in FILES {
        let path = dir.join(name);
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        for (n, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("");
            let parsed =
                Line::new(line).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1));
            builder
                .add_line(parsed)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1));
        }
    }
    builder.build()
}

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let dir = Path::new(&root).join("tzdata");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=tzdata");
    for name in FILES.iter().chain(["VERSION"].iter()) {
        println!("cargo:rerun-if-changed=tzdata/{name}");
    }
    let version = fs::read_to_string(dir.join("VERSION")).expect("tzdata/VERSION");
    let version = version.trim();

    let table = read_table(&dir);
    let rulesets: HashMap<String, Vec<Rule>> = table
        .rulesets
        .iter()
        .map(|(name, rules)| (name.clone(), rules.iter().map(Rule::new).collect()))
        .collect();

    // Zones in name order; identical encodings share one entry.
    let zone_names: BTreeMap<&String, &Vec<ZoneInfo>> = table.zonesets.iter().collect();
    let mut blobs: Vec<Vec<u8>> = Vec::new();
    let mut blob_index: HashMap<Vec<u8>, u16> = HashMap::new();
    let mut zone_of: BTreeMap<String, u16> = BTreeMap::new();
    for (name, lines) in zone_names {
        let (default, raw) = outzone(lines, &rulesets);
        let kept = optimise(&default, raw);
        let enc = encode(&default, &kept);
        let next = blobs.len() as u16;
        let id = *blob_index.entry(enc.clone()).or_insert_with(|| {
            blobs.push(enc);
            next
        });
        zone_of.insert(name.clone(), id);
    }
    let links: BTreeMap<&String, &String> = table.links.iter().collect();
    for (new, existing) in links {
        let mut target = existing;
        let mut hops = 0;
        while let Some(t) = table.links.get(target) {
            target = t;
            hops += 1;
            assert!(hops < 8, "link loop at {new}");
        }
        let id = *zone_of
            .get(target)
            .unwrap_or_else(|| panic!("link {new} -> {existing}: no such zone"));
        zone_of.insert(new.clone(), id);
    }

    let mut bin: Vec<u8> = Vec::new();
    bin.extend_from_slice(&(blobs.len() as u16).to_le_bytes());
    let mut pos = 2 + 4 * (blobs.len() as u32 + 1);
    bin.extend_from_slice(&pos.to_le_bytes());
    for b in &blobs {
        pos += b.len() as u32;
        bin.extend_from_slice(&pos.to_le_bytes());
    }
    for b in &blobs {
        bin.extend_from_slice(b);
    }

    let mut rs = String::new();
    rs.push_str("// Generated by build.rs from tzdata/. Do not edit.\n");
    rs.push_str(&format!(
        "/// The IANA tz database release compiled in.\npub const VERSION: &str = {version:?};\n"
    ));
    rs.push_str(&format!("const ZONE_COUNT: usize = {};\n", blobs.len()));
    let utc = zone_of
        .keys()
        .position(|n| n == "UTC")
        .expect("a zone named UTC");
    rs.push_str(&format!("const UTC_INDEX: u16 = {utc};\n"));
    let text: String = zone_of.keys().map(String::as_str).collect();
    assert!(text.len() < 65_536, "names too long for u16 positions");
    rs.push_str(&format!("static NAME_TEXT: &str = {text:?};\n"));
    rs.push_str(&format!(
        "static NAME_START: [u16; {}] = [",
        zone_of.len() + 1
    ));
    let mut at = 0;
    for name in zone_of.keys() {
        rs.push_str(&format!("{at},"));
        at += name.len();
    }
    rs.push_str(&format!("{at}];\n"));
    rs.push_str(&format!("static ZONE_OF: [u16; {}] = [", zone_of.len()));
    for id in zone_of.values() {
        rs.push_str(&format!("{id},"));
    }
    rs.push_str("];\n");

    let out = env::var("OUT_DIR").expect("OUT_DIR");
    fs::write(Path::new(&out).join("tzdb.bin"), bin).expect("write tzdb.bin");
    fs::write(Path::new(&out).join("tzdb_names.rs"), rs).expect("write tzdb_names.rs");
}
