//! From a zone's lines and rules to the instants its UTC offset changes, with zic's semantics
//! (its `outzone` loop, then `writezone`'s merging of transitions that no wall clock could
//! see), for every year up to [`LAST_YEAR`].

use std::collections::HashMap;

use crate::parse::{DaySpec, Format, RuleLine, TimeKind, ZoneLine, ZoneRules};

/// The last year whose rules are applied (the database keeps transitions until 2201-02-01).
pub const LAST_YEAR: i64 = 2201;

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn month_len(y: i64, m: i64) -> i64 {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    days_from_civil(ny, nm, 1) - days_from_civil(y, m, 1)
}

/// Sunday = 0.
fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// The day (days since 1970-01-01) that `spec` names in month `m` of year `y`.
fn day_of(y: i64, m: i64, spec: DaySpec) -> i64 {
    match spec {
        DaySpec::Ordinal(d) => days_from_civil(y, m, d),
        DaySpec::Last(wd) => {
            let last = days_from_civil(y, m, month_len(y, m));
            last - (weekday(last) - wd).rem_euclid(7)
        }
        DaySpec::OnOrBefore(wd, d) => {
            let x = days_from_civil(y, m, d);
            x - (weekday(x) - wd).rem_euclid(7)
        }
        DaySpec::OnOrAfter(wd, d) => {
            let x = days_from_civil(y, m, d);
            x + (wd - weekday(x)).rem_euclid(7)
        }
    }
}

/// A local time type: UTC offset, DST flag, abbreviation (zic merges on all three).
#[derive(Clone, Debug, PartialEq)]
pub struct Type {
    /// Seconds east of UTC.
    pub utoff: i64,
    /// Daylight saving time or not.
    pub is_dst: bool,
    /// The abbreviation.
    pub abbr: String,
}

fn abbr(format: &Format, stdoff: i64, save: i64, is_dst: bool, letters: &str) -> String {
    match format {
        Format::Constant(s) => s.clone(),
        Format::Letters(s) => s.replace("%s", letters),
        Format::Alternate(std, dst) => {
            if is_dst {
                dst.clone()
            } else {
                std.clone()
            }
        }
        // zic spells the offset; the spelling is a function of the offset.
        Format::Offset => format!("%z{}", stdoff + save),
    }
}

/// Converts a local moment of `kind` to UTC given the line's standard offset and current save.
fn to_utc(local: i64, kind: TimeKind, stdoff: i64, save: i64) -> i64 {
    match kind {
        TimeKind::Universal => local,
        TimeKind::Standard => local - stdoff,
        TimeKind::Wall => local - stdoff - save,
    }
}

/// zic's `outzone` for one zone: every (instant, type) it would write, and the type in force
/// before the first.
pub fn outzone(
    lines: &[ZoneLine],
    rulesets: &HashMap<String, Vec<RuleLine>>,
) -> (Type, Vec<(i64, Type)>) {
    let mut out: Vec<(i64, Type)> = Vec::new();
    let mut default: Option<Type> = None;
    let mut starttime = 0i64;
    let n = lines.len();
    for (i, zl) in lines.iter().enumerate() {
        let mut usestart = i > 0;
        let useuntil = i + 1 < n;
        let stdoff = zl.stdoff;
        let until = zl.until.map(|u| {
            (
                day_of(u.year, u.month, u.day) * 86_400 + u.time,
                u.kind,
                u.year,
            )
        });
        let mut startoff = stdoff;
        // zic starts each zone line in standard time: a rule's wall-clock moment is read
        // with no save until a rule of this line sets one (Asia/Shanghai, 1986-05-04).
        let mut save = 0i64;
        let mut startabbr: Option<String> = None;
        let rules: &[RuleLine] = match &zl.rules {
            ZoneRules::Named(name) => rulesets.get(name).map_or(&[], |v| v.as_slice()),
            _ => &[],
        };
        if rules.is_empty() {
            let (s, dst) = match zl.rules {
                ZoneRules::Fixed(s, dst) => (s, dst),
                _ => (0, false),
            };
            save = s;
            let t = Type {
                utoff: stdoff + save,
                is_dst: dst,
                abbr: abbr(&zl.format, stdoff, save, dst, ""),
            };
            if usestart {
                out.push((starttime, t));
                usestart = false;
            } else {
                default = Some(t);
            }
        } else {
            let first_year = rules.iter().map(|r| r.from).min().unwrap_or(1800).max(1800);
            let last_year = match until {
                Some((_, _, y)) if useuntil => y.min(LAST_YEAR),
                _ => LAST_YEAR,
            };
            'years: for year in first_year..=last_year {
                let mut todo: Vec<(usize, i64)> = rules
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| year >= r.from && year <= r.to)
                    .map(|(j, r)| (j, day_of(year, r.month, r.day) * 86_400 + r.at))
                    .collect();
                loop {
                    let untiltime = until.map(|(t, kind, _)| to_utc(t, kind, stdoff, save));
                    // The rule that takes effect earliest, with the current save.
                    let Some((pos, ktime)) = todo
                        .iter()
                        .enumerate()
                        .map(|(pos, &(j, local))| {
                            (pos, to_utc(local, rules[j].at_kind, stdoff, save))
                        })
                        .min_by_key(|&(pos, t)| (t, pos))
                    else {
                        continue 'years;
                    };
                    let (j, _) = todo.remove(pos);
                    let rp = &rules[j];
                    if useuntil && untiltime.is_some_and(|u| ktime >= u) {
                        if startabbr.is_none() && stdoff + rp.save == startoff {
                            startabbr =
                                Some(abbr(&zl.format, stdoff, rp.save, rp.is_dst, &rp.letters));
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
                            startabbr =
                                Some(abbr(&zl.format, stdoff, save, rp.is_dst, &rp.letters));
                            continue;
                        }
                        if startabbr.is_none() && startoff == stdoff + save {
                            startabbr =
                                Some(abbr(&zl.format, stdoff, save, rp.is_dst, &rp.letters));
                        }
                    }
                    let t = Type {
                        utoff: stdoff + save,
                        is_dst: rp.is_dst,
                        abbr: abbr(&zl.format, stdoff, save, rp.is_dst, &rp.letters),
                    };
                    if default.is_none() && !t.is_dst {
                        default = Some(t.clone());
                    }
                    out.push((ktime, t));
                }
            }
        }
        if usestart {
            let is_dst = startoff != stdoff;
            let ab = startabbr
                .unwrap_or_else(|| abbr(&zl.format, stdoff, startoff - stdoff, is_dst, ""));
            let t = Type {
                utoff: startoff,
                is_dst,
                abbr: ab,
            };
            if default.is_none() && !is_dst {
                default = Some(t.clone());
            }
            out.push((starttime, t));
        }
        if useuntil {
            if let Some((t, kind, _)) = until {
                starttime = to_utc(t, kind, stdoff, save);
            }
        }
    }
    let default = default
        .or_else(|| out.first().map(|(_, t)| t.clone()))
        .unwrap_or(Type {
            utoff: 0,
            is_dst: false,
            abbr: String::new(),
        });
    (default, out)
}

/// zic's `writezone` optimisation: sort, then fold a transition into the previous one when
/// no wall clock could tell them apart, and drop transitions that change nothing.
pub fn optimise(default: &Type, mut at: Vec<(i64, Type)>) -> Vec<(i64, Type)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    fn utc(y: i64, m: i64, d: i64, h: i64) -> i64 {
        days_from_civil(y, m, d) * 86_400 + h * 3600
    }

    fn changes(src: &str, zone: &str) -> Vec<(i64, i64)> {
        let s = parse(src).unwrap();
        let (default, raw) = outzone(&s.zones[zone], &s.rules);
        let mut last = default.utoff;
        let mut out = Vec::new();
        for (t, ty) in optimise(&default, raw) {
            if ty.utoff != last {
                out.push((t, ty.utoff));
                last = ty.utoff;
            }
        }
        out
    }

    #[test]
    fn weekday_rules_land_on_the_right_days() {
        // 2026: March 29 and October 25 are the last Sundays; March 8 is the second Sunday.
        assert_eq!(
            day_of(2026, 3, DaySpec::Last(0)),
            days_from_civil(2026, 3, 29)
        );
        assert_eq!(
            day_of(2026, 10, DaySpec::Last(0)),
            days_from_civil(2026, 10, 25)
        );
        assert_eq!(
            day_of(2026, 3, DaySpec::OnOrAfter(0, 8)),
            days_from_civil(2026, 3, 8)
        );
        assert_eq!(
            day_of(2026, 3, DaySpec::OnOrBefore(5, 31)),
            days_from_civil(2026, 3, 27)
        );
        assert_eq!(weekday(0), 4, "1970-01-01 was a Thursday");
    }

    #[test]
    fn eu_rule_switches_at_one_utc() {
        let src = "R EU 1981 ma - Mar lastSu 1u 1 S\nR EU 1996 ma - O lastSu 1u 0 -\n\
                   Z Europe/Paris 1 EU CE%sT\n";
        let c = changes(src, "Europe/Paris");
        assert!(c.contains(&(utc(2026, 3, 29, 1), 7200)));
        assert!(c.contains(&(utc(2026, 10, 25, 1), 3600)));
        assert!(
            c.contains(&(utc(2200, 3, 30, 1), 7200)),
            "rules run past 2100"
        );
    }

    #[test]
    fn a_zone_line_change_keeps_summer_time_with_a_fixed_offset() {
        // The 2026 shape of America/Vancouver: Canadian rules until the 2026 spring change,
        // then a fixed -7 from 2026-11-01 02:00 local (wall clock, still in DST).
        let src = "R C 2007 ma - Mar Su>=8 2 1 D\nR C 2007 ma - N Su>=1 2 0 S\n\
                   Z America/Vancouver -8 C P%sT 2026 N 1 2\n-7 - MST\n";
        let c = changes(src, "America/Vancouver");
        let spring = utc(2026, 3, 8, 10);
        assert!(c.contains(&(spring, -7 * 3600)), "{c:?}");
        assert_eq!(
            c.last(),
            Some(&(spring, -7 * 3600)),
            "no change on 2026-11-01: {c:?}"
        );
    }

    #[test]
    fn wall_until_is_read_with_the_save_in_force() {
        // Until 1 Nov 02:00 wall during DST (-7): 09:00Z. The next line starts there.
        let src = "R C 2007 ma - Mar Su>=8 2 1 D\nR C 2007 ma - N Su>=1 2 0 S\n\
                   Z X -8 C P%sT 2026 N 1 2\n-5 - EST\n";
        let c = changes(src, "X");
        assert_eq!(c.last(), Some(&(utc(2026, 11, 1, 9), -5 * 3600)));
    }

    #[test]
    fn negative_save_is_winter_time() {
        let src = "R IE 1971 o - O 31 2u -1 -\nR IE 1972 ma - Mar lastSu 1u 0 -\n\
                   R IE 1972 ma - O lastSu 1u -1 -\nZ Europe/Dublin 1 IE IST/GMT\n";
        let c = changes(src, "Europe/Dublin");
        assert!(c.contains(&(utc(2026, 10, 25, 1), 0)));
        assert!(c.contains(&(utc(2026, 3, 29, 1), 3600)));
    }
}
