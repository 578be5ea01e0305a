//! The compiled database's binary layout, described once: [`crate::compile`] writes it with
//! [`Writer`], the `bookable-tzdb` crate reads it with [`Database`]. Both sides name every
//! field by the constants of [`header`]; nothing else knows a byte position.
//!
//! All integers are little-endian. The file is a fixed header followed by sections, each found
//! through a `u32` byte position in the header:
//!
//! | section | content |
//! |---|---|
//! | `RELEASE` | `u8` length, then the IANA release name in ASCII (`"2026f"`) |
//! | `NAME_TEXT` | every Zone and Link name, sorted by bytes, concatenated |
//! | `NAME_START` | `u16` × (names + 1): where each name begins in `NAME_TEXT` (the last is the end) |
//! | `NAME_HISTORY` | `u16` × names: the offset history each name uses |
//! | `NAME_CANONICAL` | `u16` × names: the name of the Zone a Link points to (a Zone: itself) |
//! | `HISTORY_START` | `u32` × (histories + 1): where each history begins, from the file start |
//! | histories | one per distinct offset history, see below |
//!
//! A history: varint offset count, the offsets (zigzag varints, seconds east of UTC), varint
//! index of the offset in force at [`BASE`], varint transition count, the transition instants as
//! varint deltas (the first from [`BASE`]; `minutes << 1` when whole minutes, else
//! `seconds << 1 | 1`), then one byte per transition: the index of the offset that begins then.

/// 1900-01-01T00:00:00Z in Unix seconds: the first instant a history answers exactly; earlier
/// instants get the offset in force then.
pub const BASE: i64 = -2_208_988_800;

/// 2201-02-01T00:00:00Z in Unix seconds: transitions from here on are not kept, so later
/// instants get the last offset.
pub const END: i64 = 7_286_659_200;

/// The first four bytes of a compiled database.
pub const MAGIC: [u8; 4] = *b"BKTZ";

/// The layout version written at [`header::FORMAT`]; a reader refuses any other.
pub const FORMAT_VERSION: u16 = 1;

/// Byte positions of the header fields (each comment gives the field's type).
pub mod header {
    /// `[u8; 4]`: [`super::MAGIC`].
    pub const MAGIC: usize = 0;
    /// `u16`: [`super::FORMAT_VERSION`].
    pub const FORMAT: usize = 4;
    /// `u16`: how many names (Zones and Links).
    pub const NAME_COUNT: usize = 6;
    /// `u16`: how many distinct offset histories.
    pub const HISTORY_COUNT: usize = 8;
    /// `u16`: the index of the name `"UTC"`.
    pub const UTC_NAME: usize = 10;
    /// `u32`: position of the `RELEASE` section.
    pub const RELEASE: usize = 12;
    /// `u32`: position of the `NAME_TEXT` section.
    pub const NAME_TEXT: usize = 16;
    /// `u32`: position of the `NAME_START` section.
    pub const NAME_START: usize = 20;
    /// `u32`: position of the `NAME_HISTORY` section.
    pub const NAME_HISTORY: usize = 24;
    /// `u32`: position of the `NAME_CANONICAL` section.
    pub const NAME_CANONICAL: usize = 28;
    /// `u32`: position of the `HISTORY_START` section.
    pub const HISTORY_START: usize = 32;
    /// The header's length in bytes.
    pub const LEN: usize = 36;
}

/// One offset history as the database stores it: `offsets[i]` (seconds east of UTC) is in
/// force from `starts[i]` (Unix seconds) until `starts[i + 1]`; `starts[0]` is `i64::MIN`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    /// Where each offset begins; strictly increasing, `i64::MIN` first.
    pub starts: Vec<i64>,
    /// The offsets, seconds east of UTC; no two neighbours are equal.
    pub offsets: Vec<i32>,
}

/// One name of the database, as [`Writer`] takes it.
#[derive(Clone, Debug)]
pub struct NameEntry {
    /// The Zone or Link name.
    pub name: String,
    /// Index into the histories given to [`Writer::finish`].
    pub history: u16,
    /// The Zone this name resolves to (for a Zone, its own name).
    pub canonical: String,
}

/// A compiled database that cannot be read: wrong magic or version, or a position past its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError(pub &'static str);

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not a bookable tz database: {}", self.0)
    }
}

impl std::error::Error for FormatError {}

fn put_u16(out: &mut [u8], at: usize, v: u16) {
    out[at..at + 2].copy_from_slice(&v.to_le_bytes());
}

fn put_u32(out: &mut [u8], at: usize, v: u32) {
    out[at..at + 4].copy_from_slice(&v.to_le_bytes());
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

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Encodes one history. `initial` is the offset in force at [`BASE`]; `changes` are the
/// instants in `(BASE, END)` where the offset changes, in order, each with the new offset.
///
/// # Errors
/// More than 255 distinct offsets, or changes out of order or outside `(BASE, END)`.
pub fn encode_history(initial: i32, changes: &[(i64, i32)]) -> Result<Vec<u8>, FormatError> {
    let mut offsets: Vec<i32> = vec![initial];
    for &(_, o) in changes {
        if !offsets.contains(&o) {
            offsets.push(o);
        }
    }
    if offsets.len() > 255 {
        return Err(FormatError("more than 255 offsets in one zone"));
    }
    let index = |o: i32| offsets.iter().position(|&x| x == o).unwrap_or(0) as u8;
    let mut out = Vec::new();
    varint(&mut out, offsets.len() as u64);
    for &o in &offsets {
        varint(&mut out, zigzag(i64::from(o)));
    }
    varint(&mut out, u64::from(index(initial)));
    varint(&mut out, changes.len() as u64);
    let mut prev = BASE;
    for &(t, _) in changes {
        if t <= prev || t >= END {
            return Err(FormatError("transitions out of order or outside 1900-2201"));
        }
        let delta = (t - prev) as u64;
        varint(
            &mut out,
            if delta % 60 == 0 {
                (delta / 60) << 1
            } else {
                (delta << 1) | 1
            },
        );
        prev = t;
    }
    out.extend(changes.iter().map(|&(_, o)| index(o)));
    Ok(out)
}

/// Writes a whole database.
pub struct Writer;

impl Writer {
    /// The database of `release` with these names (any order; they are sorted here) and
    /// encoded histories (from [`encode_history`]).
    ///
    /// # Errors
    /// No `"UTC"` name, a canonical name that is not a name, a history index out of range,
    /// or more names or name text than `u16` positions hold.
    pub fn finish(
        release: &str,
        mut names: Vec<NameEntry>,
        histories: &[Vec<u8>],
    ) -> Result<Vec<u8>, FormatError> {
        names.sort_by(|a, b| a.name.cmp(&b.name));
        names.dedup_by(|a, b| a.name == b.name);
        let count = u16::try_from(names.len()).map_err(|_| FormatError("too many names"))?;
        let history_count =
            u16::try_from(histories.len()).map_err(|_| FormatError("too many histories"))?;
        let position = |name: &str| names.binary_search_by(|e| e.name.as_str().cmp(name)).ok();
        let utc = position("UTC").ok_or(FormatError("no zone named UTC"))?;
        if release.len() > 255 || !release.is_ascii() {
            return Err(FormatError("release name too long"));
        }

        let mut out = vec![0u8; header::LEN];
        out[header::MAGIC..header::MAGIC + 4].copy_from_slice(&MAGIC);
        put_u16(&mut out, header::FORMAT, FORMAT_VERSION);
        put_u16(&mut out, header::NAME_COUNT, count);
        put_u16(&mut out, header::HISTORY_COUNT, history_count);
        put_u16(&mut out, header::UTC_NAME, utc as u16);

        let section = |out: &mut Vec<u8>, field: usize| {
            let at = out.len() as u32;
            put_u32(out, field, at);
        };
        section(&mut out, header::RELEASE);
        out.push(release.len() as u8);
        out.extend_from_slice(release.as_bytes());

        section(&mut out, header::NAME_TEXT);
        let mut starts = Vec::with_capacity(names.len() + 1);
        let mut text_len = 0usize;
        for e in &names {
            starts.push(text_len);
            text_len += e.name.len();
            out.extend_from_slice(e.name.as_bytes());
        }
        starts.push(text_len);
        section(&mut out, header::NAME_START);
        for s in starts {
            let s = u16::try_from(s).map_err(|_| FormatError("name text over 64 KiB"))?;
            out.extend_from_slice(&s.to_le_bytes());
        }
        section(&mut out, header::NAME_HISTORY);
        for e in &names {
            if e.history >= history_count {
                return Err(FormatError("history index out of range"));
            }
            out.extend_from_slice(&e.history.to_le_bytes());
        }
        section(&mut out, header::NAME_CANONICAL);
        for e in &names {
            let c = position(&e.canonical).ok_or(FormatError("canonical name not a name"))?;
            out.extend_from_slice(&(c as u16).to_le_bytes());
        }
        section(&mut out, header::HISTORY_START);
        let mut at = out.len() + 4 * (histories.len() + 1);
        for h in histories {
            out.extend_from_slice(&(at as u32).to_le_bytes());
            at += h.len();
        }
        out.extend_from_slice(&(at as u32).to_le_bytes());
        for h in histories {
            out.extend_from_slice(h);
        }
        Ok(out)
    }
}

/// A compiled database read in place. Construction checks the header and that every section
/// lies inside the data; the accessors then never panic.
#[derive(Clone, Copy, Debug)]
pub struct Database<'a> {
    data: &'a [u8],
    names: usize,
    histories: usize,
    utc: usize,
    release: &'a str,
    name_text: usize,
    name_start: usize,
    name_history: usize,
    name_canonical: usize,
    history_start: usize,
}

fn u16_at(data: &[u8], at: usize) -> Option<usize> {
    let b = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]) as usize)
}

fn u32_at(data: &[u8], at: usize) -> Option<usize> {
    let b = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// Reads a LEB128 varint at `*pos`; `None` when the data ends first.
fn read_varint(data: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *data.get(*pos)?;
        *pos += 1;
        if shift < 64 {
            v |= u64::from(b & 0x7f) << shift;
        }
        shift += 7;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
}

impl<'a> Database<'a> {
    /// Reads the header of `data` and checks that every section lies inside it.
    ///
    /// # Errors
    /// [`FormatError`] for wrong magic, another [`FORMAT_VERSION`], or a truncated file.
    pub fn new(data: &'a [u8]) -> Result<Database<'a>, FormatError> {
        const SHORT: FormatError = FormatError("truncated");
        if data.get(header::MAGIC..header::MAGIC + 4) != Some(&MAGIC[..]) {
            return Err(FormatError("wrong magic"));
        }
        if u16_at(data, header::FORMAT) != Some(FORMAT_VERSION as usize) {
            return Err(FormatError("another format version"));
        }
        let field = |at| u32_at(data, at).ok_or(SHORT);
        let names = u16_at(data, header::NAME_COUNT).ok_or(SHORT)?;
        let histories = u16_at(data, header::HISTORY_COUNT).ok_or(SHORT)?;
        let utc = u16_at(data, header::UTC_NAME).ok_or(SHORT)?;
        let release_at = field(header::RELEASE)?;
        let release_len = *data.get(release_at).ok_or(SHORT)? as usize;
        let release = data
            .get(release_at + 1..release_at + 1 + release_len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .ok_or(SHORT)?;
        let db = Database {
            data,
            names,
            histories,
            utc,
            release,
            name_text: field(header::NAME_TEXT)?,
            name_start: field(header::NAME_START)?,
            name_history: field(header::NAME_HISTORY)?,
            name_canonical: field(header::NAME_CANONICAL)?,
            history_start: field(header::HISTORY_START)?,
        };
        let ends = [
            db.name_start + 2 * (names + 1),
            db.name_history + 2 * names,
            db.name_canonical + 2 * names,
            db.history_start + 4 * (histories + 1),
        ];
        if ends.iter().any(|&e| e > data.len()) || utc >= names {
            return Err(SHORT);
        }
        let text_end = u16_at(data, db.name_start + 2 * names).ok_or(SHORT)?;
        let last_history_end = u32_at(data, db.history_start + 4 * histories).ok_or(SHORT)?;
        if db.name_text + text_end > data.len() || last_history_end > data.len() {
            return Err(SHORT);
        }
        for i in 0..names {
            let h = u16_at(data, db.name_history + 2 * i).ok_or(SHORT)?;
            let c = u16_at(data, db.name_canonical + 2 * i).ok_or(SHORT)?;
            if h >= histories || c >= names || db.name_bytes(i).is_none() {
                return Err(FormatError("name tables out of range"));
            }
        }
        Ok(db)
    }

    /// The IANA release, e.g. `"2026f"`.
    pub fn release(&self) -> &'a str {
        self.release
    }

    /// How many names (Zones and Links).
    pub fn name_count(&self) -> usize {
        self.names
    }

    /// How many distinct offset histories.
    pub fn history_count(&self) -> usize {
        self.histories
    }

    /// The index of `"UTC"`.
    pub fn utc(&self) -> usize {
        self.utc
    }

    fn name_bytes(&self, i: usize) -> Option<&'a str> {
        let a = u16_at(self.data, self.name_start + 2 * i)?;
        let b = u16_at(self.data, self.name_start + 2 * i + 2)?;
        let bytes = self.data.get(self.name_text + a..self.name_text + b)?;
        std::str::from_utf8(bytes).ok()
    }

    /// Name number `i` in byte order (`""` past the end).
    pub fn name(&self, i: usize) -> &'a str {
        if i >= self.names {
            return "";
        }
        self.name_bytes(i).unwrap_or("")
    }

    /// The index of the exact name `name`, if it is one.
    pub fn find(&self, name: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0usize, self.names);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.name(mid).cmp(name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The history name `i` uses (0 past the end).
    pub fn history_of(&self, i: usize) -> usize {
        if i >= self.names {
            return 0;
        }
        u16_at(self.data, self.name_history + 2 * i).unwrap_or(0)
    }

    /// The index of the Zone name `i` resolves to (itself for a Zone).
    pub fn canonical_of(&self, i: usize) -> usize {
        if i >= self.names {
            return i;
        }
        u16_at(self.data, self.name_canonical + 2 * i).unwrap_or(i)
    }

    /// Decodes history `h`.
    ///
    /// # Errors
    /// A history index out of range or a history that ends early.
    pub fn history(&self, h: usize) -> Result<History, FormatError> {
        const BAD: FormatError = FormatError("truncated history");
        if h >= self.histories {
            return Err(FormatError("no such history"));
        }
        let start = u32_at(self.data, self.history_start + 4 * h).ok_or(BAD)?;
        let end = u32_at(self.data, self.history_start + 4 * h + 4).ok_or(BAD)?;
        let data = self.data.get(start..end).ok_or(BAD)?;
        let mut pos = 0;
        let n_offsets = read_varint(data, &mut pos).ok_or(BAD)? as usize;
        if n_offsets == 0 || n_offsets > 255 {
            return Err(BAD);
        }
        let mut table = Vec::with_capacity(n_offsets);
        for _ in 0..n_offsets {
            let o = unzigzag(read_varint(data, &mut pos).ok_or(BAD)?);
            table.push(i32::try_from(o).map_err(|_| BAD)?);
        }
        let pick = |i: usize| table.get(i).copied().ok_or(BAD);
        let initial = pick(read_varint(data, &mut pos).ok_or(BAD)? as usize)?;
        let n = read_varint(data, &mut pos).ok_or(BAD)? as usize;
        if n > data.len() {
            return Err(BAD);
        }
        let mut starts = Vec::with_capacity(n + 1);
        let mut offsets = Vec::with_capacity(n + 1);
        starts.push(i64::MIN);
        offsets.push(initial);
        let mut at = BASE;
        for _ in 0..n {
            let v = read_varint(data, &mut pos).ok_or(BAD)?;
            let delta = if v & 1 == 0 { (v >> 1) * 60 } else { v >> 1 };
            at = i64::try_from(delta)
                .ok()
                .and_then(|d| at.checked_add(d))
                .ok_or(BAD)?;
            starts.push(at);
        }
        for k in 0..n {
            offsets.push(pick(*data.get(pos + k).ok_or(BAD)? as usize)?);
        }
        Ok(History { starts, offsets })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, history: u16, canonical: &str) -> NameEntry {
        NameEntry {
            name: name.into(),
            history,
            canonical: canonical.into(),
        }
    }

    #[test]
    fn a_written_database_reads_back() {
        let utc = encode_history(0, &[]).unwrap();
        let paris = encode_history(561, &[(BASE + 3600, 0), (BASE + 7261, 3600)]).unwrap();
        let names = vec![
            entry("UTC", 0, "UTC"),
            entry("Europe/Paris", 1, "Europe/Paris"),
            entry("Etc/UTC", 0, "UTC"),
        ];
        let bytes = Writer::finish("2026f", names, &[utc, paris]).unwrap();
        let db = Database::new(&bytes).unwrap();
        assert_eq!(db.release(), "2026f");
        assert_eq!(db.name_count(), 3);
        let names: Vec<&str> = (0..3).map(|i| db.name(i)).collect();
        assert_eq!(names, ["Etc/UTC", "Europe/Paris", "UTC"]);
        assert_eq!(db.utc(), 2);
        assert_eq!(db.find("Europe/Paris"), Some(1));
        assert_eq!(db.find("Europe/Pari"), None);
        assert_eq!(db.canonical_of(0), 2);
        assert_eq!(db.canonical_of(1), 1);
        assert_eq!(db.history_of(1), 1);
        let h = db.history(1).unwrap();
        assert_eq!(h.starts, [i64::MIN, BASE + 3600, BASE + 7261]);
        assert_eq!(h.offsets, [561, 0, 3600]);
        assert_eq!(db.history(0).unwrap().offsets, [0]);
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let h = encode_history(3600, &[(BASE + 60, 7200)]).unwrap();
        let bytes = Writer::finish("2026f", vec![entry("UTC", 0, "UTC")], &[h]).unwrap();
        for len in 0..bytes.len() {
            let cut = &bytes[..len];
            if let Ok(db) = Database::new(cut) {
                assert!(db.history(0).is_err(), "cut at {len} read as whole");
            }
        }
        assert_eq!(
            Database::new(b"TZif2").unwrap_err(),
            FormatError("wrong magic")
        );
    }

    #[test]
    fn out_of_order_changes_are_refused() {
        assert!(encode_history(0, &[(BASE + 120, 60), (BASE + 60, 0)]).is_err());
        assert!(encode_history(0, &[(END, 60)]).is_err());
    }

    #[test]
    fn a_link_to_nothing_is_refused() {
        let h = encode_history(0, &[]).unwrap();
        let names = vec![entry("UTC", 0, "UTC"), entry("Zulu", 0, "Etc/Zulu")];
        assert!(Writer::finish("x", names, &[h]).is_err());
    }
}
