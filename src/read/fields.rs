//! Typed readers of one JSON value each, with the error code and path of SPEC §9: objects with
//! only their known fields, whole numbers in a range, finite numbers, instants, local dates and
//! times, zones, and the `[start, end]` pairs of working hours.
//!
//! `null` counts as absent for optional fields. A value that JS could not write as JSON (`NaN`,
//! `±Infinity`, an invalid `Date`) arrives from the npm package as a marker string
//! ([`js_non_value`]) and is an error wherever it stands, never absent.

use std::fmt;

use crate::error::{Error, ErrorCode};
use crate::instant::{parse_date_str, parse_instant_text, parse_time_str, truncate};
use crate::limits::MAX_PAIRS;
use crate::model::Pairs;
use crate::read::json::Json;
use crate::units::LocalDate;
use crate::zone::Tz;

/// Where a value sits in the request, formatted only when an error needs it (`members[2].id`).
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The whole request.
    Root,
    /// A dotted path written out, e.g. `"team.mode"`.
    Raw(&'a str),
    /// A field of an object.
    Key(&'a Path<'a>, &'a str),
    /// An item of an array.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The path of field `key` below this one.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The path of item `i` below this one.
    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Raw(s) => f.write_str(s),
            Path::Key(Path::Root, key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

impl From<Path<'_>> for String {
    fn from(path: Path<'_>) -> String {
        path.to_string()
    }
}

/// What a JS value that JSON cannot carry was, when `s` is the npm package's marker for it:
/// `"\u{0}NaN"`, `"\u{0}Infinity"`, `"\u{0}-Infinity"` or `"\u{0}Invalid Date"`.
pub fn js_non_value(s: &str) -> Option<&str> {
    let name = s.strip_prefix('\u{0}')?;
    matches!(name, "NaN" | "Infinity" | "-Infinity" | "Invalid Date").then_some(name)
}

/// What `v` is, for messages, naming a JS non-value as itself.
pub fn kind_of(v: Json<'_>) -> String {
    match v.as_str().and_then(js_non_value) {
        Some(name) => name.to_string(),
        None => v.kind().to_string(),
    }
}

/// An `invalid_value` error.
pub fn invalid(path: Path<'_>, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidValue, path, message)
}

/// A `limit_exceeded` error.
pub fn limit(path: Path<'_>, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::LimitExceeded, path, message)
}

/// `limit_exceeded` at `path` when `found` items are more than `max` (SPEC §9); `what` says
/// what is counted and where, as in "members are accepted".
pub fn at_most(path: Path<'_>, found: usize, max: usize, what: &str) -> Result<(), Error> {
    if found > max {
        return Err(limit(path, format!("at most {max} {what}, found {found}")));
    }
    Ok(())
}

/// An object with only the `allowed` keys (the first unknown key is `unknown_field`).
pub fn object<'d>(v: Json<'d>, path: Path<'_>, allowed: &[&str]) -> Result<Json<'d>, Error> {
    if !v.is_object() {
        return Err(invalid(
            path,
            format!("expected an object, found {}", kind_of(v)),
        ));
    }
    if let Some((key, _)) = v.members().find(|(k, _)| !allowed.contains(k)) {
        return Err(Error::new(
            ErrorCode::UnknownField,
            path.key(key),
            format!(
                "unknown field `{}`; expected one of: {}",
                truncate(key),
                allowed.join(", ")
            ),
        ));
    }
    Ok(v)
}

/// An optional field of an object (`null` = absent).
pub fn opt<'d>(map: Json<'d>, key: &str) -> Option<Json<'d>> {
    map.get(key).filter(|v| !v.is_null())
}

/// A required field of an object.
pub fn req<'d>(map: Json<'d>, path: Path<'_>, key: &str) -> Result<Json<'d>, Error> {
    opt(map, key).ok_or_else(|| {
        Error::new(
            ErrorCode::MissingField,
            path.key(key),
            format!("`{key}` is required"),
        )
    })
}

/// An array (its items: `len()`, `items()`).
pub fn array<'d>(v: Json<'d>, path: Path<'_>) -> Result<Json<'d>, Error> {
    if v.is_array() {
        Ok(v)
    } else {
        Err(invalid(
            path,
            format!("expected an array, found {}", kind_of(v)),
        ))
    }
}

/// A JSON number's value: exactly, when it is a whole number that fits `i64` (`30`, `30.0`,
/// `3e1`); else as an `f64` (infinite past its range, `1e400`).
enum NumberValue {
    Whole(i64),
    Float(f64),
}

/// Reads JSON number text (RFC 8259 grammar, already checked by the parser) without `str`'s
/// float parser, whose tables would add 7.7 KB brotli to the WebAssembly module. Whole numbers
/// are exact; other values are exact to the last bit whenever the significant digits fit 2^53
/// and the decimal exponent is within ±22 (Clinger's fast path: every request value a person
/// writes, such as a weight of 1.5 or fractional epoch milliseconds), and within a few ulps
/// beyond (a value within a few ulps of `f64::MAX` may read as infinite: out of every range).
fn number_value(text: &str) -> NumberValue {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (digits_part, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], body[i + 1..].parse::<i64>().unwrap_or(i64::MAX)),
        None => (body, 0),
    };
    let (int_part, frac_part) = digits_part.split_once('.').unwrap_or((digits_part, ""));
    // Significant digits as an integer (leading zeros dropped, at most 38 kept exactly) and the
    // power of ten that scales them.
    let mut mantissa: u128 = 0;
    let mut scale: i64 = exponent.saturating_sub(frac_part.len() as i64);
    let mut kept = 0;
    for b in int_part.bytes().chain(frac_part.bytes()) {
        let d = u128::from(b - b'0');
        if kept < 38 {
            if mantissa > 0 || d > 0 {
                kept += 1;
            }
            mantissa = mantissa * 10 + d;
        } else {
            scale = scale.saturating_add(1);
        }
    }
    if mantissa == 0 {
        return NumberValue::Whole(0);
    }
    // Whole: scale up, or divide out trailing zeros.
    let whole = if scale >= 0 {
        u32::try_from(scale)
            .ok()
            .and_then(|s| 10u128.checked_pow(s))
            .and_then(|p| mantissa.checked_mul(p))
    } else {
        u32::try_from(-scale)
            .ok()
            .and_then(|s| 10u128.checked_pow(s))
            .filter(|p| mantissa % p == 0)
            .map(|p| mantissa / p)
    };
    if let Some(w) = whole.and_then(|w| i64::try_from(w).ok()) {
        return NumberValue::Whole(if negative { -w } else { w });
    }
    let magnitude = if mantissa < 1 << 53 && (-22..=22).contains(&scale) {
        let m = mantissa as f64;
        let p = 10f64.powi(scale.unsigned_abs() as i32);
        if scale >= 0 {
            m * p
        } else {
            m / p
        }
    } else if scale > 400 {
        f64::INFINITY
    } else if scale < -400 {
        0.0
    } else {
        mantissa as f64 * 10f64.powi(scale as i32)
    };
    NumberValue::Float(if negative { -magnitude } else { magnitude })
}

/// A whole number in `lo..=hi` (`2.0` counts as whole).
pub fn int(v: Json<'_>, path: Path<'_>, lo: i64, hi: i64) -> Result<i64, Error> {
    let expected = || {
        invalid(
            path,
            format!(
                "expected a whole number in {lo}..{hi}, found {}",
                kind_of(v)
            ),
        )
    };
    let Some(text) = v.number_text() else {
        return Err(expected());
    };
    let n = match number_value(text) {
        NumberValue::Whole(n) => Some(n),
        NumberValue::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 => {
            Some(f as i64)
        }
        NumberValue::Float(f) if f.is_finite() && f.fract() != 0.0 => return Err(expected()),
        NumberValue::Float(_) => None,
    };
    match n {
        Some(n) if (lo..=hi).contains(&n) => Ok(n),
        _ => Err(invalid(
            path,
            format!("{} is out of range {lo}..{hi}", truncate(text)),
        )),
    }
}

/// A finite number.
pub fn number(v: Json<'_>, path: Path<'_>) -> Result<f64, Error> {
    match v.number_text() {
        Some(text) => match number_value(text) {
            NumberValue::Whole(n) => Ok(n as f64),
            NumberValue::Float(f) if f.is_finite() => Ok(f),
            NumberValue::Float(_) => Err(invalid(
                path,
                format!("{} is out of range for a number", truncate(text)),
            )),
        },
        None => Err(invalid(
            path,
            format!("expected a number, found {}", kind_of(v)),
        )),
    }
}

/// `true` or `false`.
pub fn boolean(v: Json<'_>, path: Path<'_>) -> Result<bool, Error> {
    v.as_bool().ok_or_else(|| {
        invalid(
            path,
            format!("expected true or false, found {}", kind_of(v)),
        )
    })
}

/// A string (not a JS non-value marker).
pub fn string<'d>(v: Json<'d>, path: Path<'_>) -> Result<&'d str, Error> {
    match v.as_str() {
        Some(s) if js_non_value(s).is_none() => Ok(s),
        _ => Err(invalid(
            path,
            format!("expected a string, found {}", kind_of(v)),
        )),
    }
}

/// An instant as exact nanoseconds since the epoch: an RFC 3339 string with an offset, or a
/// number of milliseconds (SPEC §1), in the years 1900..=2200.
///
/// # Errors
/// `invalid_instant` at `path` for anything else (a JS `NaN` or invalid `Date` included).
pub fn instant_ns(v: Json<'_>, path: Path<'_>) -> Result<i128, Error> {
    let bad = |why: String| Error::new(ErrorCode::InvalidInstant, path, why);
    if let Some(s) = v.as_str() {
        if let Some(name) = js_non_value(s) {
            return Err(bad(format!("{name} is not an instant")));
        }
        return parse_instant_text(s).map_err(bad);
    }
    match v.number_text() {
        Some(text) => {
            let ns = match number_value(text) {
                NumberValue::Whole(n) => n as i128 * 1_000_000,
                NumberValue::Float(f) if f.is_finite() && f.abs() < 1e15 => {
                    (f * 1e6).floor() as i128
                }
                NumberValue::Float(_) => {
                    return Err(bad("the number of milliseconds is out of range".to_string()))
                }
            };
            crate::instant::check_instant_ns(ns).map_err(bad)
        }
        _ => Err(bad(
            "expected an RFC 3339 string or a number of milliseconds since the Unix epoch"
                .to_string(),
        )),
    }
}

/// A `"YYYY-MM-DD"` date value.
pub fn date(v: Json<'_>, path: Path<'_>) -> Result<LocalDate, Error> {
    match v.as_str() {
        Some(s) if js_non_value(s).is_none() => date_text(s, path),
        _ => Err(Error::new(
            ErrorCode::InvalidDate,
            path,
            "expected a date string of the form YYYY-MM-DD",
        )),
    }
}

/// `"YYYY-MM-DD"` text (an object key, say) at `path`.
pub fn date_text(s: &str, path: Path<'_>) -> Result<LocalDate, Error> {
    parse_date_str(s).ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidDate,
            path,
            format!("`{}` is not a date of the form YYYY-MM-DD", truncate(s)),
        )
    })
}

/// An IANA zone name or link (`"Asia/Calcutta"`, `"US/Eastern"`, `"UTC"`).
pub fn zone(v: Json<'_>, path: Path<'_>) -> Result<Tz, Error> {
    match v.as_str() {
        Some(s) => zone_name(s, path),
        _ => Err(Error::new(
            ErrorCode::InvalidTimezone,
            path,
            "expected an IANA time zone name such as \"Europe/Paris\"",
        )),
    }
}

/// A zone name given as text (a `Scheduler` argument, say).
pub fn zone_name(s: &str, path: Path<'_>) -> Result<Tz, Error> {
    Tz::from_name(s).ok_or_else(|| {
        Error::new(
            ErrorCode::InvalidTimezone,
            path,
            format!("`{}` is not an IANA time zone name", truncate(s)),
        )
    })
}

/// `[start, end]` local-time pairs of one day: at most [`MAX_PAIRS`].
pub fn pairs(v: Json<'_>, path: Path<'_>) -> Result<Pairs, Error> {
    let list = array(v, path)?;
    at_most(
        path,
        list.len(),
        MAX_PAIRS,
        "pairs of times are accepted for one day",
    )?;
    let mut out = Vec::with_capacity(list.len());
    for (i, pair) in list.items().enumerate() {
        let p = path.index(i);
        let bad = |what: &str| {
            Error::new(
                ErrorCode::InvalidTime,
                p,
                format!("expected [\"HH:MM\", \"HH:MM\"] {what}"),
            )
        };
        let mut items = pair.items();
        let (a, b) = match (items.next(), items.next(), items.next()) {
            (Some(a), Some(b), None) => (a, b),
            _ => {
                return Err(bad(&format!(
                    "(a pair of local times), found {}",
                    kind_of(pair)
                )))
            }
        };
        let (Some(a), Some(b)) = (a.as_str(), b.as_str()) else {
            return Err(bad("with both times as strings"));
        };
        let start = parse_time_str(a, false).ok_or_else(|| {
            bad(&format!(
                "with a start in 00:00..23:59, found `{}`",
                truncate(a)
            ))
        })?;
        let end = parse_time_str(b, true).ok_or_else(|| {
            bad(&format!(
                "with an end in 00:00..24:00, found `{}`",
                truncate(b)
            ))
        })?;
        out.push((start, end));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::json::parse;

    /// Reads `f` over the one value of `text`.
    fn with<T>(text: &str, f: impl FnOnce(Json<'_>) -> T) -> T {
        let doc = parse(text).unwrap();
        f(doc.root())
    }

    #[test]
    fn whole_numbers_read_exactly_or_name_their_range() {
        let p = Path::Raw("event.duration");
        for text in ["30", "30.0", "3e1"] {
            assert_eq!(with(text, |v| int(v, p, 1, 1440)).unwrap(), 30);
        }
        for text in ["1441", "-1", "18446744073709551616", "1e400", "-1e400"] {
            let e = with(text, |v| int(v, p, 1, 1440)).unwrap_err();
            assert_eq!(
                (e.code, e.path.as_str()),
                (ErrorCode::InvalidValue, "event.duration")
            );
            assert!(e.message.contains("out of range"), "{text}: {e}");
        }
        let e = with("30.5", |v| int(v, p, 1, 1440)).unwrap_err();
        assert!(e.message.contains("whole number"), "{e}");
    }

    #[test]
    fn number_text_reads_like_a_float_parser() {
        let read = |t: &str| match number_value(t) {
            NumberValue::Whole(n) => n as f64,
            NumberValue::Float(f) => f,
        };
        for t in [
            "0",
            "-0",
            "1",
            "1.5",
            "-2.25",
            "0.1",
            "0.3",
            "1e3",
            "1E-3",
            "123.456e2",
            "3.14159",
            "1700000000000.5",
            "9007199254740993",
            "1e22",
            "1e-22",
            "2.5e-5",
            "0.000001",
        ] {
            assert_eq!(read(t), t.parse::<f64>().unwrap(), "{t}");
        }
        // Past the fast path: within a few ulps.
        for t in ["1e300", "1.5e-300", "123456789012345678901234567890e-5"] {
            let (got, want) = (read(t), t.parse::<f64>().unwrap());
            assert!(((got - want) / want).abs() < 1e-15, "{t}: {got} vs {want}");
        }
        assert!(matches!(number_value("30.0"), NumberValue::Whole(30)));
        assert!(matches!(number_value("3e1"), NumberValue::Whole(30)));
        assert!(matches!(number_value("-12"), NumberValue::Whole(-12)));
        assert!(matches!(
            number_value("9223372036854775808"),
            NumberValue::Float(_)
        ));
        assert!(matches!(number_value("1e400"), NumberValue::Float(f) if f.is_infinite()));
    }

    #[test]
    fn js_non_values_are_errors_where_they_stand() {
        let p = Path::Raw("event.minNotice");
        let e = with(r#""\u0000NaN""#, |v| int(v, p, 0, 10)).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidValue);
        assert!(e.message.contains("NaN"), "{e}");
        let e = with(r#""\u0000Invalid Date""#, |v| {
            instant_ns(v, Path::Raw("now"))
        })
        .unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::InvalidInstant, "now")
        );
        assert!(with(r#""\u0000Infinity""#, |v| string(v, p).is_err()));
        // A real string that merely starts with NUL is a string.
        assert!(with(r#""\u0000x""#, |v| string(v, p).is_ok()));
    }
}
