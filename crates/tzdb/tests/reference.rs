//! bookable's compiled tables held to an independent compilation of the same release: the TZif
//! files that zic wrote from the same `tzdata.zi`, shipped in the vendored PyPI wheel, read with
//! jiff's TZif reader. Every Zone and Link; every offset change from 1900 to 2201 (TZif lists
//! them to 2037 and jiff continues them from the file's POSIX footer rule); sampled instants.

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use bookable_tzdb::{TimeZone, RELEASE};
use jiff::Timestamp;

/// 1900-01-01T00:00:00Z.
const BASE: i64 = -2_208_988_800;
/// 2201-02-01T00:00:00Z, where the tables stop.
const END: i64 = 7_286_659_200;

fn tzdata_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tzdata")
}

fn wheel() -> zip::ZipArchive<fs::File> {
    let dir = tzdata_dir();
    let path = fs::read_dir(&dir)
        .expect("crates/tzdb/tzdata")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .expect("the tzdata wheel beside tzdata.zi (scripts/update-tzdata.sh puts it there)");
    zip::ZipArchive::new(fs::File::open(path).expect("open the wheel")).expect("a zip file")
}

fn member(archive: &mut zip::ZipArchive<fs::File>, name: &str) -> Vec<u8> {
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name} in the wheel: {e}"));
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).expect("read from the wheel");
    bytes
}

/// Every Zone and Link name of the vendored source.
fn source_names() -> BTreeSet<String> {
    let text = fs::read_to_string(tzdata_dir().join("tzdata.zi")).expect("tzdata.zi");
    text.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            match f.first() {
                Some(&"Z") => f.get(1).map(|s| s.to_string()),
                Some(&"L") => f.get(2).map(|s| s.to_string()),
                _ => None,
            }
        })
        .collect()
}

fn jiff_offset(tz: &jiff::tz::TimeZone, secs: i64) -> i32 {
    let ts = Timestamp::from_second(secs).expect("in jiff's range");
    tz.to_offset(ts).seconds()
}

/// The instants in `(BASE, END)` where jiff's offset changes, with the new offset.
fn jiff_changes(tz: &jiff::tz::TimeZone) -> Vec<(i64, i32)> {
    let mut last = jiff_offset(tz, BASE);
    let mut out = Vec::new();
    let start = Timestamp::from_second(BASE).expect("1900");
    for t in tz.following(start) {
        let at = t.timestamp().as_second();
        if at >= END {
            break;
        }
        let off = t.offset().seconds();
        if off != last {
            out.push((at, off));
            last = off;
        }
    }
    out
}

#[test]
fn the_wheel_is_the_same_release_as_the_source() {
    let mut archive = wheel();
    let zi = member(&mut archive, "tzdata/zoneinfo/tzdata.zi");
    let vendored = fs::read(tzdata_dir().join("tzdata.zi")).expect("tzdata.zi");
    assert!(
        zi == vendored,
        "the wheel's tzdata.zi differs from crates/tzdb/tzdata/tzdata.zi"
    );
    let version = fs::read_to_string(tzdata_dir().join("VERSION")).expect("VERSION");
    assert_eq!(version.trim(), RELEASE);
    assert!(String::from_utf8_lossy(&zi).starts_with(&format!("# version {RELEASE}\n")));
}

#[test]
fn the_database_has_exactly_the_names_of_the_source() {
    let ours: BTreeSet<String> = TimeZone::names().map(str::to_string).collect();
    let source = source_names();
    assert!(source.len() > 590, "{} names in tzdata.zi", source.len());
    assert_eq!(ours, source);
}

#[test]
fn every_zone_and_link_matches_zic_from_1900_to_2201() {
    let mut archive = wheel();
    let mut checked = 0;
    let mut transitions = 0;
    for name in source_names() {
        let tzif = member(&mut archive, &format!("tzdata/zoneinfo/{name}"));
        let reference = jiff::tz::TimeZone::tzif(&name, &tzif)
            .unwrap_or_else(|e| panic!("{name}: jiff cannot read its TZif: {e}"));
        let ours = TimeZone::from_name(&name).unwrap_or_else(|| panic!("{name} unknown"));

        assert_eq!(
            ours.offset_at(BASE),
            jiff_offset(&reference, BASE),
            "{name} at 1900-01-01"
        );
        let expected = jiff_changes(&reference);
        let got: Vec<(i64, i32)> = ours.transitions(BASE + 1, END).collect();
        if got != expected {
            let first = got
                .iter()
                .zip(&expected)
                .position(|(a, b)| a != b)
                .unwrap_or(got.len().min(expected.len()));
            panic!(
                "{name}: transitions differ from zic's at #{first}: ours {:?}, zic {:?}",
                got.get(first),
                expected.get(first)
            );
        }
        transitions += got.len();

        // Sampled instants, a few hundred per zone, spread over the whole span.
        let mut x = 0x9e37_79b9_7f4a_7c15_u64 ^ name.len() as u64;
        for _ in 0..300 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let t = BASE + (x % (END - BASE) as u64) as i64;
            assert_eq!(
                ours.offset_at(t),
                jiff_offset(&reference, t),
                "{name} at {t}"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, TimeZone::names().len());
    assert!(
        transitions > 50_000,
        "only {transitions} transitions compared"
    );
}

fn utc(y: i16, m: i8, d: i8, h: i8, min: i8) -> i64 {
    jiff::tz::TimeZone::UTC
        .to_timestamp(jiff::civil::datetime(y, m, d, h, min, 0, 0))
        .expect("a UTC date")
        .as_second()
}

fn offset(name: &str, secs: i64) -> i32 {
    TimeZone::from_name(name)
        .unwrap_or_else(|| panic!("{name} unknown"))
        .offset_at(secs)
}

const H: i32 = 3600;

// The 2026 changes, as the tz announcements give them (hand facts, not read from any file).

#[test]
fn vancouver_keeps_utc_minus_7_from_2026_11_01() {
    assert_eq!(
        offset("America/Vancouver", utc(2026, 10, 31, 12, 0)),
        -7 * H
    );
    assert_eq!(offset("America/Vancouver", utc(2026, 11, 1, 12, 0)), -7 * H);
    assert_eq!(offset("America/Vancouver", utc(2026, 12, 1, 17, 0)), -7 * H);
    assert_eq!(offset("America/Vancouver", utc(2027, 7, 1, 12, 0)), -7 * H);
    assert_eq!(offset("Canada/Pacific", utc(2027, 1, 15, 12, 0)), -7 * H);
    // Before: winter was UTC-8.
    assert_eq!(offset("America/Vancouver", utc(2025, 12, 1, 17, 0)), -8 * H);
}

#[test]
fn edmonton_keeps_utc_minus_6_from_2026_11_01() {
    assert_eq!(offset("America/Edmonton", utc(2026, 12, 1, 17, 0)), -6 * H);
    assert_eq!(offset("Canada/Mountain", utc(2027, 2, 1, 17, 0)), -6 * H);
    assert_eq!(offset("America/Edmonton", utc(2025, 12, 1, 17, 0)), -7 * H);
}

#[test]
fn winnipeg_keeps_utc_minus_5_from_2026_11_01() {
    assert_eq!(offset("America/Winnipeg", utc(2026, 12, 1, 17, 0)), -5 * H);
    assert_eq!(offset("Canada/Central", utc(2027, 2, 1, 17, 0)), -5 * H);
    assert_eq!(offset("America/Winnipeg", utc(2025, 12, 1, 17, 0)), -6 * H);
}

#[test]
fn havana_skips_the_2026_fall_back() {
    assert_eq!(offset("America/Havana", utc(2026, 12, 1, 17, 0)), -4 * H);
    assert_eq!(offset("Cuba", utc(2027, 1, 15, 17, 0)), -4 * H);
    assert_eq!(offset("America/Havana", utc(2025, 12, 1, 17, 0)), -5 * H);
}

#[test]
fn casablanca_leaves_plus_1_on_2026_09_20() {
    assert_eq!(offset("Africa/Casablanca", utc(2026, 9, 1, 12, 0)), H);
    assert_eq!(offset("Africa/Casablanca", utc(2026, 10, 1, 12, 0)), 0);
    assert_eq!(offset("Africa/El_Aaiun", utc(2026, 10, 1, 12, 0)), 0);
    assert_eq!(offset("Africa/Casablanca", utc(2027, 6, 1, 12, 0)), 0);
}
