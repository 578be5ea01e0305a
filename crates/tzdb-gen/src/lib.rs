//! bookable's tz compiler: reads the IANA tz source as `zic` does and writes bookable's compact
//! offset database, whose layout [`format`] describes (and reads) once for both sides.
//!
//! ```
//! let source = "# version 2026f\n\
//!               R EU 1981 ma - Mar lastSu 1u 1 S\n\
//!               R EU 1996 ma - O lastSu 1u 0 -\n\
//!               Z Europe/Paris 1 EU CE%sT\n\
//!               Z Etc/UTC 0 - UTC\n\
//!               L Etc/UTC UTC\n";
//! let bytes = bookable_tzdb_gen::compile(source, "2026f")?;
//! let db = bookable_tzdb_gen::format::Database::new(&bytes)?;
//! assert_eq!(db.release(), "2026f");
//! let paris = db.find("Europe/Paris").expect("a zone");
//! let history = db.history(db.history_of(paris))?;
//! assert_eq!(history.offsets[..3], [3600, 7200, 3600]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Without the default `compiler` feature only [`format`] is built: the runtime reads the
//! database with it and carries no compiler.

pub mod format;
#[cfg(feature = "compiler")]
pub mod parse;
#[cfg(feature = "compiler")]
pub mod zones;

/// Why a source could not be compiled: the 1-based line where zic would stop, when there is
/// one, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The source line, 1-based.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(n) => write!(f, "line {n}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

impl From<format::FormatError> for Error {
    fn from(e: format::FormatError) -> Error {
        Error {
            line: None,
            message: e.to_string(),
        }
    }
}

/// Compiles a zic source text of `release` (every Zone, Rule and Link line of the release,
/// e.g. `tzdata.zi`, or the continent files concatenated) into the [`format`] database:
/// every Zone and Link name, each name's offsets exact to the second from 1900-01-01 to
/// 2201-02-01, and each Link's Zone.
///
/// # Errors
/// Any line zic would refuse (with its number), a source whose `# version` line names another
/// release, a source with no `UTC`, or a database that does not read back as written.
#[cfg(feature = "compiler")]
pub fn compile(source: &str, release: &str) -> Result<Vec<u8>, Error> {
    use std::collections::HashMap;

    let src = parse::parse(source)?;
    if let Some(v) = &src.release {
        if v != release {
            return Err(Error {
                line: None,
                message: format!("the source says it is release {v}, not {release}"),
            });
        }
    }
    let mut histories: Vec<Vec<u8>> = Vec::new();
    let mut history_of: HashMap<Vec<u8>, u16> = HashMap::new();
    let mut names: Vec<format::NameEntry> = Vec::new();
    let mut zone_history: HashMap<&str, u16> = HashMap::new();
    for (name, lines) in &src.zones {
        let (default, raw) = zones::outzone(lines, &src.rules);
        let kept = zones::optimise(&default, raw);
        let mut initial = default.utoff;
        let mut changes: Vec<(i64, i32)> = Vec::new();
        for (t, ty) in &kept {
            let off = i32::try_from(ty.utoff).map_err(|_| Error {
                line: None,
                message: format!("zone {name}: offset out of range"),
            })?;
            if *t <= format::BASE {
                initial = ty.utoff;
            } else if *t < format::END && changes.last().map_or(initial as i32, |c| c.1) != off {
                changes.push((*t, off));
            }
        }
        let encoded = format::encode_history(initial as i32, &changes).map_err(|e| Error {
            line: None,
            message: format!("zone {name}: {e}"),
        })?;
        let next = histories.len() as u16;
        let id = *history_of.entry(encoded.clone()).or_insert_with(|| {
            histories.push(encoded);
            next
        });
        zone_history.insert(name, id);
        names.push(format::NameEntry {
            name: name.clone(),
            history: id,
            canonical: name.clone(),
        });
    }
    for link in src.links.keys() {
        // A link may point to another link: follow the chain to its zone.
        let mut target = link;
        for _ in 0..8 {
            match src.links.get(target) {
                Some(t) => target = t,
                None => break,
            }
        }
        let history = *zone_history.get(target.as_str()).ok_or_else(|| Error {
            line: None,
            message: format!("link {link}: no zone at the end of its chain"),
        })?;
        names.push(format::NameEntry {
            name: link.clone(),
            history,
            canonical: target.clone(),
        });
    }
    let bytes = format::Writer::finish(release, names, &histories)?;
    // Read it back: a database that does not decode is never written.
    let db = format::Database::new(&bytes)?;
    for h in 0..db.history_count() {
        db.history(h)?;
    }
    Ok(bytes)
}
