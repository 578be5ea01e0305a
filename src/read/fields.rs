//! Typed readers of one JSON value each, with the error code and path of SPEC §9: objects with
//! only their known fields, whole numbers in a range, finite numbers, instants, local dates and
//! times, zones, and the `[start, end]` pairs of working hours.
//!
//! `null` counts as absent for optional fields. A value that JS could not write as JSON (`NaN`,
//! `±Infinity`, an invalid `Date`) arrives from the npm package as a marker string
//! ([`js_non_value`]) and is an error wherever it stands, never absent.

use std::borrow::Cow;
use std::fmt;

use crate::error::{Error, ErrorCode};
use crate::instant::{parse_date_str, parse_instant_text, parse_time_str, truncate, LocalDate};
use crate::limits::MAX_PAIRS;
use crate::model::Pairs;
use crate::read::json::Json;
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

/// The object members of a JSON object.
pub type Members<'a> = [(Cow<'a, str>, Json<'a>)];

/// What a JS value that JSON cannot carry was, when `s` is the npm package's marker for it:
/// `"\u{0}NaN"`, `"\u{0}Infinity"`, `"\u{0}-Infinity"` or `"\u{0}Invalid Date"`.
pub fn js_non_value(s: &str) -> Option<&str> {
    let name = s.strip_prefix('\u{0}')?;
    matches!(name, "NaN" | "Infinity" | "-Infinity" | "Invalid Date").then_some(name)
}

/// What `v` is, for messages, naming a JS non-value as itself.
pub fn kind_of(v: &Json<'_>) -> String {
    match v {
        Json::String(s) => match js_non_value(s) {
            Some(name) => name.to_string(),
            None => "a string".to_string(),
        },
        other => other.kind().to_string(),
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

/// An object with only the `allowed` keys (the first unknown key is `unknown_field`).
pub fn object<'v, 'a>(
    v: &'v Json<'a>,
    path: Path<'_>,
    allowed: &[&str],
) -> Result<&'v Members<'a>, Error> {
    let Json::Object(members) = v else {
        return Err(invalid(
            path,
            format!("expected an object, found {}", kind_of(v)),
        ));
    };
    if let Some((key, _)) = members.iter().find(|(k, _)| !allowed.contains(&k.as_ref())) {
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
    Ok(members)
}

/// An optional field (`null` = absent).
pub fn opt<'v, 'a>(map: &'v Members<'a>, key: &str) -> Option<&'v Json<'a>> {
    map.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .filter(|v| !matches!(v, Json::Null))
}

/// A required field.
pub fn req<'v, 'a>(map: &'v Members<'a>, path: Path<'_>, key: &str) -> Result<&'v Json<'a>, Error> {
    opt(map, key).ok_or_else(|| {
        Error::new(
            ErrorCode::MissingField,
            path.key(key),
            format!("`{key}` is required"),
        )
    })
}

/// An array.
pub fn array<'v, 'a>(v: &'v Json<'a>, path: Path<'_>) -> Result<&'v [Json<'a>], Error> {
    match v {
        Json::Array(a) => Ok(a),
        _ => Err(invalid(
            path,
            format!("expected an array, found {}", kind_of(v)),
        )),
    }
}

/// A JSON number's value, exactly when it is a whole number that fits `i64`; else its `f64`
/// (infinite for `1e400`).
enum NumberValue {
    Whole(i64),
    Float(f64),
}

fn number_value(text: &str) -> NumberValue {
    if !text.contains(['.', 'e', 'E']) {
        if let Ok(n) = text.parse::<i64>() {
            return NumberValue::Whole(n);
        }
    }
    NumberValue::Float(text.parse::<f64>().unwrap_or(f64::NAN))
}

/// A whole number in `lo..=hi` (`2.0` counts as whole).
pub fn int(v: &Json<'_>, path: Path<'_>, lo: i64, hi: i64) -> Result<i64, Error> {
    let expected = || {
        invalid(
            path,
            format!(
                "expected a whole number in {lo}..{hi}, found {}",
                kind_of(v)
            ),
        )
    };
    let Json::Number(text) = v else {
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
pub fn number(v: &Json<'_>, path: Path<'_>) -> Result<f64, Error> {
    match v {
        Json::Number(text) => match number_value(text) {
            NumberValue::Whole(n) => Ok(n as f64),
            NumberValue::Float(f) if f.is_finite() => Ok(f),
            NumberValue::Float(_) => Err(invalid(
                path,
                format!("{} is out of range for a number", truncate(text)),
            )),
        },
        _ => Err(invalid(
            path,
            format!("expected a number, found {}", kind_of(v)),
        )),
    }
}

/// `true` or `false`.
pub fn boolean(v: &Json<'_>, path: Path<'_>) -> Result<bool, Error> {
    match v {
        Json::Bool(b) => Ok(*b),
        _ => Err(invalid(
            path,
            format!("expected true or false, found {}", kind_of(v)),
        )),
    }
}

/// A string (not a JS non-value marker).
pub fn string<'v>(v: &'v Json<'_>, path: Path<'_>) -> Result<&'v str, Error> {
    match v {
        Json::String(s) if js_non_value(s).is_none() => Ok(s),
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
pub fn instant_ns(v: &Json<'_>, path: Path<'_>) -> Result<i128, Error> {
    let bad = |why: String| Error::new(ErrorCode::InvalidInstant, path, why);
    match v {
        Json::String(s) => {
            if let Some(name) = js_non_value(s) {
                return Err(bad(format!("{name} is not an instant")));
            }
            parse_instant_text(s).map_err(bad)
        }
        Json::Number(text) => {
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
pub fn date(v: &Json<'_>, path: Path<'_>) -> Result<LocalDate, Error> {
    match v {
        Json::String(s) if js_non_value(s).is_none() => date_text(s, path),
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
pub fn zone(v: &Json<'_>, path: Path<'_>) -> Result<Tz, Error> {
    match v {
        Json::String(s) => zone_name(s, path),
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
pub fn pairs(v: &Json<'_>, path: Path<'_>) -> Result<Pairs, Error> {
    let list = array(v, path)?;
    if list.len() > MAX_PAIRS {
        return Err(limit(
            path,
            format!(
                "at most {MAX_PAIRS} pairs of times are accepted for one day, found {}",
                list.len()
            ),
        ));
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, pair) in list.iter().enumerate() {
        let p = path.index(i);
        let bad = |what: &str| {
            Error::new(
                ErrorCode::InvalidTime,
                p,
                format!("expected [\"HH:MM\", \"HH:MM\"] {what}"),
            )
        };
        let (a, b) = match pair {
            Json::Array(items) if items.len() == 2 => (&items[0], &items[1]),
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

    fn value(text: &str) -> Json<'_> {
        parse(text).unwrap()
    }

    #[test]
    fn whole_numbers_read_exactly_or_name_their_range() {
        let p = Path::Raw("event.duration");
        assert_eq!(int(&value("30"), p, 1, 1440).unwrap(), 30);
        assert_eq!(int(&value("30.0"), p, 1, 1440).unwrap(), 30);
        assert_eq!(int(&value("3e1"), p, 1, 1440).unwrap(), 30);
        for text in ["1441", "-1", "18446744073709551616", "1e400", "-1e400"] {
            let e = int(&value(text), p, 1, 1440).unwrap_err();
            assert_eq!(
                (e.code, e.path.as_str()),
                (ErrorCode::InvalidValue, "event.duration")
            );
            assert!(e.message.contains("out of range"), "{text}: {e}");
        }
        let e = int(&value("30.5"), p, 1, 1440).unwrap_err();
        assert!(e.message.contains("whole number"), "{e}");
    }

    #[test]
    fn js_non_values_are_errors_where_they_stand() {
        let p = Path::Raw("event.minNotice");
        let e = int(&Json::String("\u{0}NaN".into()), p, 0, 10).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidValue);
        assert!(e.message.contains("NaN"), "{e}");
        let e =
            instant_ns(&Json::String("\u{0}Invalid Date".into()), Path::Raw("now")).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::InvalidInstant, "now")
        );
        assert!(string(&Json::String("\u{0}Infinity".into()), p).is_err());
        // A real string that merely starts with NUL is a string.
        assert!(string(&Json::String("\u{0}x".into()), p).is_ok());
    }
}
