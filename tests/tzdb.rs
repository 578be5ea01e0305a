//! bookable's tz database as the engine sees it: the database ends, names and links, and
//! hand-checked facts up to 2200, with zic's own tables of the same release (`tests/zic`) beside
//! them. Every zone's offsets against zic are in `crates/tzdb/tests/reference.rs`; the
//! compatible rule of the offset tables against zic is in `src/zone.rs`'s tests.

mod zic;

use bookable::tzdb::TimeZone;
use zic::Tz;

/// 1900-01-01T00:00:00Z: where the database starts answering exactly.
const FROM: i64 = -2_208_988_800;

/// Seconds since the epoch of a UTC date and time (jiff's calendar, not bookable's).
fn utc(y: i64, m: u32, d: u32, h: i64, min: i64) -> i64 {
    let dt = jiff::civil::datetime(y as i16, m as i8, d as i8, h as i8, min as i8, 0, 0);
    jiff::tz::TimeZone::UTC
        .to_timestamp(dt)
        .unwrap()
        .as_second()
}

fn zone(name: &str) -> TimeZone {
    TimeZone::from_name(name).unwrap_or_else(|| panic!("{name} not found"))
}

fn reference_offset(name: &str, secs: i64) -> i32 {
    let tz: Tz = name.parse().unwrap();
    tz.jiff()
        .to_offset(jiff::Timestamp::from_second(secs).unwrap())
        .seconds()
}

#[test]
fn shanghai_1986_reads_the_rule_in_standard_time() {
    // zic starts a zone line in standard time: Asia/Shanghai's PRC line (from 1949, when the
    // previous line ended in summer time) reads 1986-05-04 02:00 with no save, i.e. 18:00Z.
    let shanghai = zone("Asia/Shanghai");
    assert_eq!(shanghai.offset_at(utc(1986, 5, 3, 17, 59)), 8 * 3600);
    assert_eq!(shanghai.offset_at(utc(1986, 5, 3, 18, 0)), 9 * 3600);
    assert_eq!(
        reference_offset("Asia/Shanghai", utc(1986, 5, 3, 17, 59)),
        8 * 3600
    );
}

#[test]
fn paris_keeps_summer_time_after_2099() {
    let paris = zone("Europe/Paris");
    assert_eq!(paris.offset_at(utc(2100, 7, 1, 12, 0)), 7200);
    assert_eq!(paris.offset_at(utc(2100, 1, 15, 12, 0)), 3600);
    assert_eq!(paris.offset_at(utc(2150, 7, 1, 12, 0)), 7200);
    assert_eq!(paris.offset_at(utc(2200, 12, 31, 23, 59)), 3600);
    // 2100: the last Sunday of March is the 28th, of October the 31st; both at 01:00Z.
    let t: Vec<(i64, i32)> = paris
        .transitions(utc(2100, 1, 1, 0, 0), utc(2101, 1, 1, 0, 0))
        .collect();
    assert_eq!(
        t,
        [
            (utc(2100, 3, 28, 1, 0), 7200),
            (utc(2100, 10, 31, 1, 0), 3600)
        ]
    );
    // zic's own tables (TZif to 2037, then the POSIX rule) agree.
    assert_eq!(
        reference_offset("Europe/Paris", utc(2100, 7, 1, 12, 0)),
        7200
    );
}

#[test]
fn rules_run_to_2200() {
    // New York: EDT from the second Sunday of March; 2150-07-04 is summer.
    assert_eq!(
        zone("America/New_York").offset_at(utc(2150, 7, 4, 12, 0)),
        -4 * 3600
    );
    assert_eq!(
        zone("US/Eastern").offset_at(utc(2150, 12, 25, 12, 0)),
        -5 * 3600
    );
    // Lord Howe: +10:30 standard, half an hour of DST in the southern summer.
    let lh = zone("Australia/Lord_Howe");
    assert_eq!(lh.offset_at(utc(2150, 1, 1, 0, 0)), 11 * 3600);
    assert_eq!(lh.offset_at(utc(2150, 7, 1, 0, 0)), 10 * 3600 + 1800);
    // Dublin: IST (+01) is standard, winter GMT is a negative save; offsets are what count.
    let dublin = zone("Europe/Dublin");
    assert_eq!(dublin.offset_at(utc(2120, 1, 15, 12, 0)), 0);
    assert_eq!(dublin.offset_at(utc(2120, 7, 15, 12, 0)), 3600);
    // Kolkata: +05:30 all along, no transitions at all after 1945.
    let kolkata = zone("Asia/Kolkata");
    assert_eq!(kolkata.offset_at(utc(2200, 6, 1, 0, 0)), 5 * 3600 + 1800);
    assert_eq!(
        kolkata
            .transitions(utc(1946, 1, 1, 0, 0), utc(2201, 1, 1, 0, 0))
            .count(),
        0
    );
}

#[test]
fn santiago_follows_its_current_rule_in_2150() {
    // Chile: -03 from the first Sunday on or after September 2 (at 24:00 of the Saturday,
    // 04:00Z) to the first Sunday on or after April 2 (at 24:00 of the Saturday in -03, 03:00Z).
    let santiago = zone("America/Santiago");
    let t: Vec<(i64, i32)> = santiago
        .transitions(utc(2150, 1, 1, 0, 0), utc(2151, 1, 1, 0, 0))
        .collect();
    // 2150-04-02 is a Thursday: Sunday 2150-04-05; 2150-09-02 is a Wednesday: Sunday 09-06.
    assert_eq!(
        t,
        [
            (utc(2150, 4, 5, 3, 0), -4 * 3600),
            (utc(2150, 9, 6, 4, 0), -3 * 3600)
        ]
    );
    // And zic's tables agree with the same rule in 2150.
    for (at, offset) in t {
        assert_eq!(reference_offset("America/Santiago", at), offset);
        assert_ne!(reference_offset("America/Santiago", at - 1), offset);
    }
}

#[test]
fn the_database_ends_are_clamped() {
    let paris = zone("Europe/Paris");
    // Before 1900: the offset of 1900-01-01 (Paris Mean Time, +00:09:21).
    assert_eq!(paris.offset_at(FROM), 561);
    assert_eq!(paris.offset_at(i64::MIN), 561);
    // After 2201-02-01: the last offset (winter) holds.
    assert_eq!(paris.offset_at(i64::MAX), 3600);
    assert_eq!(paris.transitions(i64::MIN, FROM + 1).count(), 0);
    let all: Vec<(i64, i32)> = paris.transitions(i64::MIN, i64::MAX).collect();
    assert!(all.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(all.last().unwrap().0 < utc(2201, 2, 1, 0, 0));
    assert!(all.last().unwrap().0 > utc(2200, 10, 1, 0, 0));
}

// --- names ---

#[test]
fn links_and_legacy_names_resolve() {
    let kolkata = zone("Asia/Kolkata");
    let calcutta = zone("Asia/Calcutta");
    assert_ne!(calcutta, kolkata, "a link keeps its own name");
    assert_eq!(calcutta.name(), "Asia/Calcutta");
    let t = utc(1942, 6, 1, 0, 0);
    assert_eq!(calcutta.offset_at(t), kolkata.offset_at(t));
    assert_eq!(
        zone("Europe/Kiev").offset_at(utc(2026, 7, 1, 0, 0)),
        3 * 3600
    );
    assert_eq!(
        zone("Europe/Kiev").offset_at(utc(2026, 7, 1, 0, 0)),
        zone("Europe/Kyiv").offset_at(utc(2026, 7, 1, 0, 0))
    );
    assert_eq!(
        zone("US/Eastern").offset_at(utc(2026, 7, 1, 0, 0)),
        -4 * 3600
    );
    assert_eq!(zone("UTC"), TimeZone::utc());
    assert_eq!(zone("Etc/UTC").offset_at(utc(2026, 7, 1, 0, 0)), 0);
    // POSIX-style signs: Etc/GMT+5 is five hours *behind* UTC.
    assert_eq!(zone("Etc/GMT+5").offset_at(0), -5 * 3600);
    assert_eq!(zone("Etc/GMT-14").offset_at(0), 14 * 3600);
}

#[test]
fn unknown_names_are_refused() {
    for name in [
        "",
        "Etc/Unknown",
        "Europe/paris",
        "europe/paris",
        "Mars/Olympus_Mons",
        "Europe/Paris ",
        "Local",
        "+01:00",
        "Europe/Paris\0",
    ] {
        assert_eq!(TimeZone::from_name(name), None, "{name:?}");
        assert!(name.parse::<TimeZone>().is_err());
    }
    for name in TimeZone::names() {
        assert_eq!(zone(name).name(), name);
    }
    assert!(TimeZone::names().len() > 590);
}

#[test]
fn tzdata_version_is_the_vendored_release() {
    let vendored = include_str!("../crates/tzdb/tzdata/VERSION");
    assert_eq!(bookable::TZDATA_VERSION, vendored.trim());
    assert_eq!(bookable::TZDATA_VERSION, "2026f");
}
