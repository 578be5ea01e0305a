//! zic's input language (the `zic(8)` manual): Rule, Zone and Link lines, in the long form of
//! the IANA source files (`Rule US 1967 2006 - Oct lastSun 2:00 0 S`) and in the compact form
//! of `tzdata.zi` (`R US 1967 2006 - O lastSu 2 0 S`). Names are matched case-insensitively and
//! may be shortened to any prefix that is unambiguous in context, as zic matches them.

use std::collections::{BTreeMap, HashMap};

use crate::Error;

/// How a time of day is to be read (the suffix of an AT or UNTIL time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeKind {
    /// Local wall clock time (no suffix, or `w`).
    Wall,
    /// Local standard time (`s`).
    Standard,
    /// Universal time (`u`, `g` or `z`).
    Universal,
}

/// The ON field of a rule or the day of an UNTIL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DaySpec {
    /// A day of the month, `5`.
    Ordinal(i64),
    /// The last given weekday of the month, `lastSun` (Sunday = 0).
    Last(i64),
    /// The last given weekday on or before a day, `Sun<=25`.
    OnOrBefore(i64, i64),
    /// The first given weekday on or after a day, `Sun>=8`.
    OnOrAfter(i64, i64),
}

/// One Rule line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleLine {
    /// FROM year (`minimum` as a very small year).
    pub from: i64,
    /// TO year (`only` is FROM; `maximum` a very large year).
    pub to: i64,
    /// IN month, 1–12.
    pub month: i64,
    /// ON day.
    pub day: DaySpec,
    /// AT, seconds after the day's midnight (may be negative or past 24 h).
    pub at: i64,
    /// How AT is read.
    pub at_kind: TimeKind,
    /// SAVE, seconds added to standard time.
    pub save: i64,
    /// Whether SAVE counts as daylight saving time (a `d`/`s` suffix says so; else `save != 0`).
    pub is_dst: bool,
    /// LETTER/S (`-` is empty).
    pub letters: String,
}

/// The RULES field of a zone line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZoneRules {
    /// `-`: standard time always.
    None,
    /// A fixed amount of saved time, seconds, and whether it counts as DST.
    Fixed(i64, bool),
    /// The name of a set of Rule lines.
    Named(String),
}

/// The FORMAT field of a zone line, which names the abbreviation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Format {
    /// A fixed abbreviation.
    Constant(String),
    /// An abbreviation with `%s` replaced by the rule's letters.
    Letters(String),
    /// `STD/DST`: the first in standard time, the second in daylight saving time.
    Alternate(String, String),
    /// `%z`: the numeric UTC offset.
    Offset,
}

/// The UNTIL field of a zone line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Until {
    /// Year.
    pub year: i64,
    /// Month, 1–12 (January when absent).
    pub month: i64,
    /// Day (the 1st when absent).
    pub day: DaySpec,
    /// Seconds after midnight (0 when absent).
    pub time: i64,
    /// How the time is read.
    pub kind: TimeKind,
}

/// One Zone line or continuation line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZoneLine {
    /// STDOFF, seconds east of UTC.
    pub stdoff: i64,
    /// RULES.
    pub rules: ZoneRules,
    /// FORMAT.
    pub format: Format,
    /// UNTIL; `None` on a zone's last line.
    pub until: Option<Until>,
}

/// A whole source, read.
#[derive(Clone, Debug, Default)]
pub struct Source {
    /// The release named by a `# version` line, if any.
    pub release: Option<String>,
    /// Rule lines by rule name, in source order.
    pub rules: HashMap<String, Vec<RuleLine>>,
    /// Zone lines by zone name, in source order.
    pub zones: BTreeMap<String, Vec<ZoneLine>>,
    /// Link name → target name.
    pub links: BTreeMap<String, String>,
}

/// The smallest and largest years `minimum` and `maximum` stand for.
pub const MIN_YEAR: i64 = -(1 << 40);
/// See [`MIN_YEAR`].
pub const MAX_YEAR: i64 = 1 << 40;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// zic's `byword`: the index of the table word that `word` spells exactly (case-insensitive),
/// else the only one it is a prefix of.
fn by_word(word: &str, table: &[&str]) -> Option<usize> {
    let lower = word.to_ascii_lowercase();
    if lower.is_empty() {
        return None;
    }
    if let Some(i) = table.iter().position(|t| t.eq_ignore_ascii_case(word)) {
        return Some(i);
    }
    let mut found = None;
    for (i, t) in table.iter().enumerate() {
        if t.to_ascii_lowercase().starts_with(&lower) {
            if found.is_some() {
                return None;
            }
            found = Some(i);
        }
    }
    found
}

fn err(line: usize, message: impl Into<String>) -> Error {
    Error {
        line: Some(line),
        message: message.into(),
    }
}

/// Splits a line into fields: white space separates, `#` starts a comment, `"..."` quotes.
fn fields(text: &str, line: usize) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        match chars.peek() {
            None | Some('#') => return Ok(out),
            _ => {}
        }
        let mut field = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '#' {
                break;
            }
            chars.next();
            if c == '"' {
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some(c) => field.push(c),
                        None => return Err(err(line, "unterminated quoted field")),
                    }
                }
            } else {
                field.push(c);
            }
        }
        out.push(field);
    }
}

/// zic's `gethms`: `[-]h[:mm[:ss]]` (or `-` for zero) as seconds.
fn hms(text: &str, line: usize, what: &str) -> Result<i64, Error> {
    if text == "-" {
        return Ok(0);
    }
    let bad = || err(line, format!("invalid {what} {text:?}"));
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text),
    };
    let parts: Vec<&str> = body.split(':').collect();
    if parts.is_empty() || parts.len() > 3 {
        return Err(bad());
    }
    let mut total = 0i64;
    for (i, part) in parts.iter().enumerate() {
        // Seconds may carry a fraction; zic rounds it to even, and tzdata has none.
        let digits = if i == 2 {
            part.split('.').next().unwrap_or("")
        } else {
            part
        };
        if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let v: i64 = digits.parse().map_err(|_| bad())?;
        if i > 0 && v >= 60 {
            return Err(bad());
        }
        total = total * 60 + v;
    }
    for _ in parts.len()..3 {
        total *= 60;
    }
    if total > 167 * 3600 {
        return Err(bad());
    }
    Ok(sign * total)
}

/// A time of day with an optional kind suffix.
fn time_of_day(text: &str, line: usize, what: &str) -> Result<(i64, TimeKind), Error> {
    let (body, kind) = match text.chars().last() {
        Some('w' | 'W') => (&text[..text.len() - 1], TimeKind::Wall),
        Some('s' | 'S') => (&text[..text.len() - 1], TimeKind::Standard),
        Some('u' | 'U' | 'g' | 'G' | 'z' | 'Z') => (&text[..text.len() - 1], TimeKind::Universal),
        _ => (text, TimeKind::Wall),
    };
    Ok((hms(body, line, what)?, kind))
}

/// A SAVE amount: `[-]h[:mm[:ss]]` with an optional `s` (standard) or `d` (daylight) suffix.
fn save_amount(text: &str, line: usize) -> Result<(i64, bool), Error> {
    let (body, dst) = match text.chars().last() {
        Some('s') => (&text[..text.len() - 1], Some(false)),
        Some('d') => (&text[..text.len() - 1], Some(true)),
        _ => (text, None),
    };
    let save = hms(body, line, "SAVE")?;
    Ok((save, dst.unwrap_or(save != 0)))
}

fn year(text: &str, line: usize, what: &str) -> Result<i64, Error> {
    let t = text.strip_prefix('-').unwrap_or(text);
    if !t.is_empty() && t.len() <= 9 && t.bytes().all(|b| b.is_ascii_digit()) {
        let v: i64 = t.parse().map_err(|_| err(line, "year"))?;
        return Ok(if text.starts_with('-') { -v } else { v });
    }
    Err(err(line, format!("invalid {what} {text:?}")))
}

fn month(text: &str, line: usize) -> Result<i64, Error> {
    by_word(text, &MONTHS)
        .map(|i| i as i64 + 1)
        .ok_or_else(|| err(line, format!("invalid month name {text:?}")))
}

fn weekday(text: &str, line: usize) -> Result<i64, Error> {
    by_word(text, &WEEKDAYS)
        .map(|i| i as i64)
        .ok_or_else(|| err(line, format!("invalid weekday name {text:?}")))
}

fn day_spec(text: &str, line: usize) -> Result<DaySpec, Error> {
    let day_number = |t: &str| -> Result<i64, Error> {
        match t.parse::<i64>() {
            Ok(d) if (1..=31).contains(&d) && t.bytes().all(|b| b.is_ascii_digit()) => Ok(d),
            _ => Err(err(line, format!("invalid day of month {text:?}"))),
        }
    };
    if text.len() > 4 && text[..4].eq_ignore_ascii_case("last") {
        let rest = text[4..].trim_start_matches('-');
        return Ok(DaySpec::Last(weekday(rest, line)?));
    }
    if let Some((wd, d)) = text.split_once(">=") {
        return Ok(DaySpec::OnOrAfter(weekday(wd, line)?, day_number(d)?));
    }
    if let Some((wd, d)) = text.split_once("<=") {
        return Ok(DaySpec::OnOrBefore(weekday(wd, line)?, day_number(d)?));
    }
    Ok(DaySpec::Ordinal(day_number(text)?))
}

fn rule_line(f: &[String], line: usize) -> Result<(String, RuleLine), Error> {
    if f.len() != 10 {
        return Err(err(
            line,
            format!("a Rule line has 10 fields, not {}", f.len()),
        ));
    }
    let from = match by_word(&f[2], &["minimum", "maximum"]) {
        Some(0) => MIN_YEAR,
        Some(_) => MAX_YEAR,
        None => year(&f[2], line, "FROM year")?,
    };
    let to = match by_word(&f[3], &["minimum", "maximum", "only"]) {
        Some(0) => MIN_YEAR,
        Some(1) => MAX_YEAR,
        Some(_) => from,
        None => year(&f[3], line, "TO year")?,
    };
    if to < from {
        return Err(err(line, "TO year before FROM year"));
    }
    if f[4] != "-" && !f[4].is_empty() {
        return Err(err(line, format!("rule TYPE {:?} is not supported", f[4])));
    }
    let (at, at_kind) = time_of_day(&f[7], line, "AT time")?;
    let (save, is_dst) = save_amount(&f[8], line)?;
    let letters = if f[9] == "-" {
        String::new()
    } else {
        f[9].clone()
    };
    Ok((
        f[1].clone(),
        RuleLine {
            from,
            to,
            month: month(&f[5], line)?,
            day: day_spec(&f[6], line)?,
            at,
            at_kind,
            save,
            is_dst,
            letters,
        },
    ))
}

/// STDOFF RULES FORMAT [UNTIL...], from `f` (the fields after the name).
fn zone_fields(f: &[String], line: usize) -> Result<ZoneLine, Error> {
    if f.len() < 3 || f.len() > 7 {
        return Err(err(line, "a zone line has STDOFF RULES FORMAT [UNTIL]"));
    }
    let stdoff = hms(&f[0], line, "STDOFF")?;
    let rules = if f[1] == "-" {
        ZoneRules::None
    } else if f[1].starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        let (save, dst) = save_amount(&f[1], line)?;
        ZoneRules::Fixed(save, dst)
    } else {
        ZoneRules::Named(f[1].clone())
    };
    let fmt = &f[2];
    let format = if fmt.contains("%z") {
        Format::Offset
    } else if let Some((std, dst)) = fmt.split_once('/') {
        Format::Alternate(std.to_string(), dst.to_string())
    } else if fmt.contains("%s") {
        Format::Letters(fmt.clone())
    } else {
        Format::Constant(fmt.clone())
    };
    let until = if f.len() > 3 {
        let y = year(&f[3], line, "UNTIL year")?;
        let m = f.get(4).map(|m| month(m, line)).transpose()?.unwrap_or(1);
        let d = f
            .get(5)
            .map(|d| day_spec(d, line))
            .transpose()?
            .unwrap_or(DaySpec::Ordinal(1));
        let (time, kind) = f
            .get(6)
            .map(|t| time_of_day(t, line, "UNTIL time"))
            .transpose()?
            .unwrap_or((0, TimeKind::Wall));
        Some(Until {
            year: y,
            month: m,
            day: d,
            time,
            kind,
        })
    } else {
        None
    };
    Ok(ZoneLine {
        stdoff,
        rules,
        format,
        until,
    })
}

/// Reads a whole source text (one file, or several concatenated).
///
/// # Errors
/// The first line zic would refuse, with its 1-based number: unknown line types, malformed
/// fields, a zone whose last line has an UNTIL but no continuation (a cut file), a name defined
/// twice, a Link to no Zone, a rule set a zone names but no Rule line defines.
pub fn parse(text: &str) -> Result<Source, Error> {
    let mut src = Source::default();
    // The zone whose continuation line comes next: (name, line number of its last line).
    let mut open: Option<(String, usize)> = None;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (index, raw) in text.lines().enumerate() {
        let n = index + 1;
        if src.release.is_none() && n <= 3 {
            if let Some(v) = raw.strip_prefix("# version ") {
                src.release = Some(v.trim().to_string());
            }
        }
        let f = fields(raw, n)?;
        if f.is_empty() {
            continue;
        }
        if let Some((name, _)) = open.take() {
            let zl = zone_fields(&f, n)?;
            let continues = zl.until.is_some();
            let lines = src.zones.entry(name.clone()).or_default();
            lines.push(zl);
            if continues {
                open = Some((name, n));
            }
            continue;
        }
        // zic reads Leap and Expires lines only from a leap second file, so `L` is Link here.
        let kind = by_word(&f[0], &["Rule", "Zone", "Link"])
            .or_else(|| by_word(&f[0], &["Leap", "Expires"]).map(|_| 3));
        match kind {
            Some(0) => {
                let (name, rule) = rule_line(&f, n)?;
                src.rules.entry(name).or_default().push(rule);
            }
            Some(1) => {
                if f.len() < 2 {
                    return Err(err(n, "a Zone line without a name"));
                }
                let name = f[1].clone();
                if src.zones.contains_key(&name) || src.links.contains_key(&name) {
                    return Err(err(n, format!("{name} is defined twice")));
                }
                let zl = zone_fields(&f[2..], n)?;
                let continues = zl.until.is_some();
                src.zones.insert(name.clone(), vec![zl]);
                if continues {
                    open = Some((name, n));
                }
            }
            Some(2) => {
                if f.len() != 3 {
                    return Err(err(n, "a Link line has TARGET LINK-NAME"));
                }
                if src.links.contains_key(&f[2]) || src.zones.contains_key(&f[2]) {
                    return Err(err(n, format!("{} is defined twice", f[2])));
                }
                src.links.insert(f[2].clone(), f[1].clone());
            }
            Some(_) => return Err(err(n, "leap second lines are not supported")),
            None => return Err(err(n, format!("unknown line type {:?}", f[0]))),
        }
    }
    if let Some((name, line)) = open {
        return Err(err(
            line,
            format!("zone {name} ends with an UNTIL but has no continuation line: is the file cut short?"),
        ));
    }
    for (name, lines) in &src.zones {
        for zl in lines {
            if let ZoneRules::Named(r) = &zl.rules {
                if !src.rules.contains_key(r) {
                    return Err(Error {
                        line: None,
                        message: format!("zone {name} uses rule {r}, which no Rule line defines"),
                    });
                }
            }
        }
    }
    for (link, target) in &src.links {
        if !src.zones.contains_key(target) && !src.links.contains_key(target) {
            return Err(Error {
                line: None,
                message: format!("link {link} points to {target}, which is no zone"),
            });
        }
    }
    Ok(src)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_compact_forms_read_alike() {
        let long = "Rule\tUS\t1967\t2006\t-\tOct\tlastSun\t2:00\t0\tS\n\
                    Rule US 2007 max - Mar Sun>=8 2:00 1:00 D # comment\n\
                    Zone America/New_York -4:56:02 - LMT 1883 Nov 18 17:00u\n\
                    \t\t\t-5:00 US E%sT\n\
                    Link America/New_York US/Eastern\n";
        let compact = "R US 1967 2006 - O lastSu 2 0 S\n\
                       R US 2007 ma - Mar Su>=8 2 1 D\n\
                       Z America/New_York -4:56:2 - LMT 1883 N 18 17u\n\
                       -5 US E%sT\n\
                       L America/New_York US/Eastern\n";
        let a = parse(long).unwrap();
        let b = parse(compact).unwrap();
        assert_eq!(a.rules, b.rules);
        assert_eq!(a.zones, b.zones);
        assert_eq!(a.links, b.links);
        let us = &a.rules["US"];
        assert_eq!(us[0].day, DaySpec::Last(0));
        assert_eq!(us[1].day, DaySpec::OnOrAfter(0, 8));
        assert_eq!((us[1].from, us[1].to), (2007, MAX_YEAR));
        assert_eq!((us[1].save, us[1].letters.as_str()), (3600, "D"));
        let ny = &a.zones["America/New_York"];
        assert_eq!(ny[0].stdoff, -(4 * 3600 + 56 * 60 + 2));
        let until = ny[0].until.unwrap();
        assert_eq!((until.year, until.month), (1883, 11));
        assert_eq!((until.time, until.kind), (17 * 3600, TimeKind::Universal));
        assert_eq!(ny[1].format, Format::Letters("E%sT".into()));
        assert_eq!(a.links["US/Eastern"], "America/New_York");
    }

    #[test]
    fn names_match_unambiguous_prefixes_only() {
        assert_eq!(by_word("Ja", &MONTHS), Some(0));
        assert_eq!(by_word("ju", &MONTHS), None);
        assert_eq!(by_word("Jun", &MONTHS), Some(5));
        assert_eq!(by_word("M", &WEEKDAYS), Some(1));
        assert_eq!(by_word("S", &WEEKDAYS), None);
        assert_eq!(by_word("Z", &["Rule", "Zone", "Link"]), Some(1));
        assert_eq!(by_word("L", &["Rule", "Zone", "Link"]), Some(2));
        assert_eq!(by_word("", &MONTHS), None);
    }

    #[test]
    fn times_read_as_zic_reads_them() {
        assert_eq!(hms("-", 1, "t").unwrap(), 0);
        assert_eq!(hms("24", 1, "t").unwrap(), 86_400);
        assert_eq!(hms("-0:16:8", 1, "t").unwrap(), -968);
        assert_eq!(hms("0:9:21", 1, "t").unwrap(), 561);
        assert!(hms("1:60", 1, "t").is_err());
        assert!(hms("1::", 1, "t").is_err());
        assert!(hms("x", 1, "t").is_err());
        assert_eq!(
            time_of_day("2s", 1, "t").unwrap(),
            (7200, TimeKind::Standard)
        );
        assert_eq!(time_of_day("23u", 1, "t").unwrap().1, TimeKind::Universal);
        assert_eq!(save_amount("-1", 1).unwrap(), (-3600, true));
        assert_eq!(save_amount("0", 1).unwrap(), (0, false));
        assert_eq!(save_amount("1s", 1).unwrap(), (3600, false));
    }

    #[test]
    fn a_cut_source_is_refused_with_its_line() {
        let cut =
            "# version 2026f\nZ Europe/Paris 0:9:21 - LMT 1891 Mar 16\n0:9:21 - PMT 1911 Mar 11\n";
        let e = parse(cut).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("cut short"), "{e}");
    }

    #[test]
    fn bad_lines_name_their_line() {
        let cases = [
            ("R X 1990 o - Foo 1 0 1 S\n", "month"),
            ("R X 1990 o - Mar S>=1 0 1 S\n", "weekday"),
            ("R X 1990 o - Mar 32 0 1 S\n", "day"),
            ("R X 1990 1980 - Mar 1 0 1 S\n", "TO year"),
            ("Q X\n", "unknown line type"),
            ("Z A 1 - A\nZ A 1 - B\n", "twice"),
            ("Z A \"1 - B\n", "unterminated"),
        ];
        for (text, what) in cases {
            let e = parse(text).unwrap_err();
            assert!(e.line.is_some(), "{text}");
            assert!(e.message.contains(what), "{text}: {e}");
        }
        let e = parse("Z A 1 Nope X\n").unwrap_err();
        assert!(e.message.contains("rule Nope"), "{e}");
        let e = parse("Leap 2016 Dec 31 23:59:60 + S\n").unwrap_err();
        assert!(e.message.contains("leap"), "{e}");
        let e = parse("L Nowhere Somewhere\n").unwrap_err();
        assert!(e.message.contains("no zone"), "{e}");
    }

    #[test]
    fn the_release_comes_from_the_version_line() {
        let src = parse("# version 2026f\n# redo posix_only\nZ UTC 0 - UTC\n").unwrap();
        assert_eq!(src.release.as_deref(), Some("2026f"));
        assert_eq!(parse("Z UTC 0 - UTC\n").unwrap().release, None);
    }
}
