//! The tests' independent time zone reference: the TZif files that zic compiled from the same
//! IANA release bookable vendors (in the PyPI wheel beside `crates/tzdb/tzdata/tzdata.zi`), read
//! with jiff's TZif reader and offered to the naive checker as a `chrono::TimeZone`. It shares
//! no code with bookable's own compiler and follows bookable's release, not chrono-tz's.

#![allow(dead_code)]

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io::Read;
use std::path::Path;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};

use chrono::{FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, Offset, TimeZone};
use jiff::tz::AmbiguousOffset;

/// A zone of the reference, by IANA name. `Copy`, like `chrono_tz::Tz`.
#[derive(Clone, Copy)]
pub struct Tz {
    name: &'static str,
    zone: &'static jiff::tz::TimeZone,
}

impl fmt::Debug for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl Tz {
    /// The IANA name.
    pub fn name(self) -> &'static str {
        self.name
    }

    /// The jiff zone behind it.
    pub fn jiff(self) -> &'static jiff::tz::TimeZone {
        self.zone
    }
}

fn wheel_files() -> &'static Mutex<zip::ZipArchive<fs::File>> {
    static ARCHIVE: OnceLock<Mutex<zip::ZipArchive<fs::File>>> = OnceLock::new();
    ARCHIVE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/tzdb/tzdata");
        let path = fs::read_dir(&dir)
            .expect("crates/tzdb/tzdata")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.extension().is_some_and(|x| x == "whl"))
            .expect("the tzdata wheel (scripts/update-tzdata.sh)");
        let file = fs::File::open(path).expect("open the wheel");
        Mutex::new(zip::ZipArchive::new(file).expect("a zip file"))
    })
}

impl FromStr for Tz {
    type Err = String;

    fn from_str(name: &str) -> Result<Tz, String> {
        static LOADED: OnceLock<Mutex<HashMap<String, Tz>>> = OnceLock::new();
        let loaded = LOADED.get_or_init(Default::default);
        if let Some(tz) = loaded.lock().unwrap().get(name) {
            return Ok(*tz);
        }
        if name.is_empty() || name.contains("..") || name.starts_with('/') {
            return Err(format!("not a zone name: {name:?}"));
        }
        let mut bytes = Vec::new();
        {
            let mut archive = wheel_files().lock().unwrap();
            let mut file = archive
                .by_name(&format!("tzdata/zoneinfo/{name}"))
                .map_err(|e| format!("{name}: {e}"))?;
            file.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        }
        let zone = jiff::tz::TimeZone::tzif(name, &bytes).map_err(|e| e.to_string())?;
        let tz = Tz {
            name: Box::leak(name.to_string().into_boxed_str()),
            zone: Box::leak(Box::new(zone)),
        };
        loaded.lock().unwrap().insert(name.to_string(), tz);
        Ok(tz)
    }
}

/// An offset of a [`Tz`], as chrono's `TimeZone` trait wants one.
#[derive(Clone, Copy, Debug)]
pub struct TzOffset {
    tz: Tz,
    fixed: FixedOffset,
}

impl fmt::Display for TzOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.fixed, f)
    }
}

impl Offset for TzOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

fn fixed(o: jiff::tz::Offset) -> FixedOffset {
    FixedOffset::east_opt(o.seconds()).expect("an offset under a day")
}

fn civil(local: &NaiveDateTime) -> jiff::civil::DateTime {
    use chrono::{Datelike, Timelike};
    jiff::civil::datetime(
        local.year() as i16,
        local.month() as i8,
        local.day() as i8,
        local.hour() as i8,
        local.minute() as i8,
        local.second() as i8,
        0,
    )
}

impl TimeZone for Tz {
    type Offset = TzOffset;

    fn from_offset(offset: &TzOffset) -> Tz {
        offset.tz
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<TzOffset> {
        self.offset_from_local_datetime(&local.and_hms_opt(0, 0, 0).expect("midnight"))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<TzOffset> {
        let make = |o| TzOffset {
            tz: *self,
            fixed: fixed(o),
        };
        match self.zone.to_ambiguous_timestamp(civil(local)).offset() {
            AmbiguousOffset::Unambiguous { offset } => MappedLocalTime::Single(make(offset)),
            AmbiguousOffset::Fold { before, after } => {
                MappedLocalTime::Ambiguous(make(before), make(after))
            }
            AmbiguousOffset::Gap { .. } => MappedLocalTime::None,
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> TzOffset {
        self.offset_from_utc_datetime(&utc.and_hms_opt(0, 0, 0).expect("midnight"))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> TzOffset {
        let ts = jiff::Timestamp::from_second(utc.and_utc().timestamp()).expect("in range");
        TzOffset {
            tz: *self,
            fixed: fixed(self.zone.to_offset(ts)),
        }
    }
}
