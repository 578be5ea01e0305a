//! The component structure of an iCalendar file (RFC 5545 §3.4, §3.6): BEGIN/END pairs and
//! the properties busy times need, kept per VEVENT, VTIMEZONE observance and VFREEBUSY. Other
//! components (VALARM, VTODO, X- components) are walked past. One pass; nothing recursive.

use std::borrow::Cow;

use super::lines::{lines, property};
use super::values::{parse_stamp, Stamp};
use super::Warning;

/// Components may nest this deep (VCALENDAR › VTIMEZONE › STANDARD is 3).
const MAX_DEPTH: usize = 64;

/// A file that is not iCalendar, or whose BEGIN and END do not pair up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fatal {
    pub line: usize,
    pub message: String,
}

/// A property kept from the file, borrowing its text unless its line was folded.
#[derive(Debug, Clone)]
pub(crate) struct Prop<'a> {
    pub line: usize,
    /// The name, upper case (one of the names kept).
    pub name: &'static str,
    pub value: Cow<'a, str>,
    /// The parameters busy times read ([`PARAMS`]), values without quotes.
    params: [Option<Cow<'a, str>>; 4],
}

/// The parameters kept: a zone, a value type, a recurrence range, a free/busy type.
const PARAMS: [&str; 4] = ["TZID", "VALUE", "RANGE", "FBTYPE"];

impl Prop<'_> {
    /// The value of parameter `name` (upper case, one of [`PARAMS`]), if given.
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        let i = PARAMS.iter().position(|p| *p == name)?;
        self.params[i].as_deref()
    }

    /// The values of a property: a comma-separated list.
    pub(crate) fn stamps(&self) -> Result<Vec<Stamp>, String> {
        self.value
            .split(',')
            .map(|v| {
                let s = parse_stamp(v).ok_or_else(|| {
                    format!(
                        "{} `{}` is not a date or date-time",
                        self.name,
                        super::values::truncated(v)
                    )
                })?;
                match self.param("VALUE") {
                    Some(t) if t.eq_ignore_ascii_case("DATE") && !s.date => Err(format!(
                        "{} says VALUE=DATE but holds a date-time",
                        self.name
                    )),
                    _ => Ok(s),
                }
            })
            .collect()
    }

    /// One date or date-time property.
    pub(crate) fn stamp(&self) -> Result<Stamp, String> {
        let list = self.stamps()?;
        match list.as_slice() {
            [one] => Ok(*one),
            _ => Err(format!(
                "{} holds {} values, not one",
                self.name,
                list.len()
            )),
        }
    }
}

/// `part` (a slice of `whole`) as a slice of the file's text when `whole` is one, else a copy.
fn kept<'a>(base: Option<&'a str>, whole: &str, part: &str) -> Cow<'a, str> {
    let at = part.as_ptr() as usize - whole.as_ptr() as usize;
    match base {
        Some(b) => Cow::Borrowed(&b[at..at + part.len()]),
        None => Cow::Owned(part.to_string()),
    }
}

/// A component's kept properties, and the first line that could not be read inside it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Block<'a> {
    pub line: usize,
    pub props: Vec<Prop<'a>>,
    pub broken: Option<(usize, &'static str)>,
}

impl<'a> Block<'a> {
    /// The first property called `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&Prop<'a>> {
        self.props.iter().find(|p| p.name == name)
    }

    /// Every property called `name`.
    pub(crate) fn all<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Prop<'a>> + 's {
        self.props.iter().filter(move |p| p.name == name)
    }
}

/// A VTIMEZONE: its TZID line's value and its STANDARD and DAYLIGHT blocks.
#[derive(Debug, Clone, Default)]
pub(crate) struct ZoneBlock<'a> {
    pub block: Block<'a>,
    pub observances: Vec<Block<'a>>,
}

/// What a file holds for busy times.
#[derive(Debug, Default)]
pub(crate) struct Components<'a> {
    pub events: Vec<Block<'a>>,
    pub zones: Vec<ZoneBlock<'a>>,
    pub freebusy: Vec<Block<'a>>,
}

const EVENT_PROPS: [&str; 12] = [
    "DTSTART",
    "DTEND",
    "DURATION",
    "RRULE",
    "RDATE",
    "EXDATE",
    "RECURRENCE-ID",
    "UID",
    "SEQUENCE",
    "STATUS",
    "TRANSP",
    "X-MICROSOFT-CDO-BUSYSTATUS",
];
/// A VFREEBUSY's periods, and what Radicale writes instead: one period as DTSTART, DTEND and
/// an FBTYPE property.
const FREEBUSY_PROPS: [&str; 4] = ["FREEBUSY", "DTSTART", "DTEND", "FBTYPE"];
const OBSERVANCE_PROPS: [&str; 5] = ["DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "RRULE", "RDATE"];

/// Where the properties of the innermost open component go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Nowhere,
    Event(usize),
    Zone(usize),
    Observance(usize, usize),
    FreeBusy(usize),
}

/// Reads the component structure of `text`.
///
/// # Errors
/// [`Fatal`] when the first line is not `BEGIN:VCALENDAR`, an END closes another component
/// than the last BEGIN, a BEGIN is never closed, or components nest deeper than 64.
pub(crate) fn read<'a>(
    text: &'a str,
    warnings: &mut Vec<Warning>,
) -> Result<Components<'a>, Fatal> {
    let mut out = Components::default();
    // Open components: name (upper case), line, where their properties go.
    let mut stack: Vec<(String, usize, Target)> = Vec::new();
    let mut first = true;
    let mut calendars = 0;
    for line in lines(text) {
        let n = line.number;
        let (base, whole): (Option<&'a str>, Cow<'a, str>) = match line.text {
            Cow::Borrowed(t) => (Some(t), Cow::Borrowed(t)),
            owned => (None, owned),
        };
        let prop = match property(&whole) {
            Ok(p) => p,
            Err(why) => {
                if first {
                    return Err(not_icalendar(n));
                }
                let target = stack.last().map_or(Target::Nowhere, |s| s.2);
                mark_broken(&mut out, target, n, why, warnings);
                continue;
            }
        };
        if first && !(prop.is("BEGIN") && prop.value.trim().eq_ignore_ascii_case("VCALENDAR")) {
            return Err(not_icalendar(n));
        }
        first = false;
        if prop.is("BEGIN") {
            let name = prop.value.trim().to_ascii_uppercase();
            if stack.len() >= MAX_DEPTH {
                return Err(Fatal {
                    line: n,
                    message: format!("components are nested more than {MAX_DEPTH} deep"),
                });
            }
            let parent = stack.last().map(|s| (s.0.as_str(), s.2));
            let target = match (name.as_str(), parent) {
                ("VCALENDAR", None) => {
                    calendars += 1;
                    Target::Nowhere
                }
                ("VEVENT", Some(("VCALENDAR", _))) => {
                    out.events.push(Block {
                        line: n,
                        ..Block::default()
                    });
                    Target::Event(out.events.len() - 1)
                }
                ("VTIMEZONE", Some(("VCALENDAR", _))) => {
                    out.zones.push(ZoneBlock {
                        block: Block {
                            line: n,
                            ..Block::default()
                        },
                        observances: Vec::new(),
                    });
                    Target::Zone(out.zones.len() - 1)
                }
                ("STANDARD" | "DAYLIGHT", Some((_, Target::Zone(z)))) => {
                    out.zones[z].observances.push(Block {
                        line: n,
                        ..Block::default()
                    });
                    Target::Observance(z, out.zones[z].observances.len() - 1)
                }
                ("VFREEBUSY", Some(("VCALENDAR", _))) => {
                    out.freebusy.push(Block {
                        line: n,
                        ..Block::default()
                    });
                    Target::FreeBusy(out.freebusy.len() - 1)
                }
                _ => Target::Nowhere,
            };
            stack.push((name, n, target));
            continue;
        }
        if prop.is("END") {
            let name = prop.value.trim();
            match stack.pop() {
                Some((open, _, _)) if open.eq_ignore_ascii_case(name) => {}
                Some((open, at, _)) => {
                    return Err(Fatal {
                        line: n,
                        message: format!(
                            "END:{} does not close BEGIN:{open} of line {at}",
                            super::values::truncated(name)
                        ),
                    })
                }
                None => {
                    return Err(Fatal {
                        line: n,
                        message: format!("END:{} closes nothing", super::values::truncated(name)),
                    })
                }
            }
            continue;
        }
        let Some(&(_, _, target)) = stack.last() else {
            continue;
        };
        let keep = |names: &[&'static str]| names.iter().copied().find(|k| prop.is(k));
        let (block, name) = match target {
            Target::Event(i) => match keep(&EVENT_PROPS) {
                Some(name) => (&mut out.events[i], name),
                None => continue,
            },
            Target::Zone(z) if prop.is("TZID") => (&mut out.zones[z].block, "TZID"),
            Target::Observance(z, o) => match keep(&OBSERVANCE_PROPS) {
                Some(name) => (&mut out.zones[z].observances[o], name),
                None => continue,
            },
            Target::FreeBusy(i) => match keep(&FREEBUSY_PROPS) {
                Some(name) => (&mut out.freebusy[i], name),
                None => continue,
            },
            _ => continue,
        };
        let mut params: [Option<Cow<'a, str>>; 4] = Default::default();
        for (key, value) in prop.params() {
            if let Some(k) = PARAMS.iter().position(|p| p.eq_ignore_ascii_case(key)) {
                params[k].get_or_insert_with(|| kept(base, &whole, value));
            }
        }
        block.props.push(Prop {
            line: n,
            name,
            value: kept(base, &whole, prop.value.trim()),
            params,
        });
    }
    if let Some((name, at, _)) = stack.first() {
        return Err(Fatal {
            line: *at,
            message: format!("BEGIN:{name} is never closed"),
        });
    }
    if calendars == 0 {
        return Err(not_icalendar(1));
    }
    Ok(out)
}

fn not_icalendar(line: usize) -> Fatal {
    Fatal {
        line,
        message: "this is not an iCalendar file: it must begin with BEGIN:VCALENDAR".to_string(),
    }
}

/// Records a line that could not be read: the component it sits in is skipped (a VEVENT) or
/// read without it; either way a warning says so.
fn mark_broken(
    out: &mut Components,
    target: Target,
    line: usize,
    why: &'static str,
    warnings: &mut Vec<Warning>,
) {
    let block = match target {
        Target::Event(i) => &mut out.events[i],
        Target::Zone(z) => &mut out.zones[z].block,
        Target::Observance(z, o) => &mut out.zones[z].observances[o],
        Target::FreeBusy(i) => &mut out.freebusy[i],
        Target::Nowhere => {
            super::warn(
                warnings,
                line,
                format!("a line that cannot be read is ignored: {why}"),
            );
            return;
        }
    };
    if block.broken.is_none() {
        block.broken = Some((line, why));
    }
}
