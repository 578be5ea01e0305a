//! Reading request bodies: strict JSON (a key twice is `invalid_json` at that key, SPEC §9),
//! objects with only known fields, and the server's own fields (names, emails, text). The
//! engine's fields are read by the engine's own reader (see `members`, `pages`).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::error::{ApiError, ApiResult};

/// A JSON value whose objects never repeat a key.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("not a finite number"))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.visit_string(v.to_string())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        // No stored text holds a NUL (PostgreSQL's text cannot; nothing needs one).
        if v.contains('\0') {
            return Err(E::custom("a NUL character (\\u0000) in a string"));
        }
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Strict(v) = map.next_value()?;
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "duplicate key `{}`",
                    key.chars().take(40).collect::<String>()
                )));
            }
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// A body's JSON text → a value; `invalid_json` at `""` when it is not JSON or repeats a key.
pub fn parse(text: &str) -> ApiResult<Value> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut d = serde_json::Deserializer::from_str(text);
    let value = Strict::deserialize(&mut d)
        .and_then(|v| d.end().map(|_| v))
        .map_err(|e| {
            ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "invalid_json",
                "",
                format!("the body is not JSON: {e}"),
            )
        })?;
    Ok(value.0)
}

pub fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// An object with only `known` keys.
pub fn object<'a>(v: &'a Value, path: &str, known: &[&str]) -> ApiResult<&'a Map<String, Value>> {
    let Some(map) = v.as_object() else {
        return Err(ApiError::invalid(path, "expected an object"));
    };
    for key in map.keys() {
        if !known.contains(&key.as_str()) {
            let shown: String = key.chars().take(40).collect();
            return Err(ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "unknown_field",
                join(path, &shown),
                format!("unknown field `{shown}`"),
            ));
        }
    }
    Ok(map)
}

/// One line or more of text: trimmed, at most `max` characters, no control characters (tabs
/// and, with `lines`, line ends allowed), valid Unicode.
pub fn text(
    v: Option<&Value>,
    path: &str,
    required: bool,
    max: usize,
    lines: bool,
) -> ApiResult<Option<String>> {
    let s = match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.trim()),
        Some(_) => return Err(ApiError::invalid(path, "expected text")),
    };
    let Some(s) = s.filter(|s| !s.is_empty()) else {
        return if required {
            Err(ApiError::missing(path))
        } else {
            Ok(None)
        };
    };
    if s.chars().count() > max {
        return Err(ApiError::invalid(path, format!("at most {max} characters")));
    }
    let bad = |c: char| c.is_control() && c != '\t' && !(lines && (c == '\n' || c == '\r'));
    if s.chars().any(bad) {
        return Err(ApiError::invalid(
            path,
            if lines {
                "control characters are not allowed"
            } else {
                "one line, please"
            },
        ));
    }
    Ok(Some(s.to_string()))
}

/// An email address (the booking page's rule: one `@`, a dotted domain, no spaces or brackets).
pub fn email(v: Option<&Value>, path: &str, required: bool) -> ApiResult<Option<String>> {
    let Some(e) = text(v, path, required, 254, false)? else {
        return Ok(None);
    };
    let forbidden = |c: char| c.is_whitespace() || "<>()[]\\,;:\"".contains(c);
    let ok = match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !local.chars().any(|c| forbidden(c) || c == '@')
                && domain.split('.').count() >= 2
                && domain
                    .split('.')
                    .all(|p| !p.is_empty() && !p.chars().any(|c| forbidden(c) || c == '@'))
        }
        None => false,
    };
    if !ok {
        return Err(ApiError::invalid(path, "not an email address"));
    }
    Ok(Some(e))
}

/// A whole number in `min..=max`.
pub fn int(v: Option<&Value>, path: &str, min: i64, max: i64) -> ApiResult<Option<i64>> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => {
            let i = n.as_i64().or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9e15)
                    .map(|f| f as i64)
            });
            match i {
                Some(i) if (min..=max).contains(&i) => Ok(Some(i)),
                _ => Err(ApiError::invalid(
                    path,
                    format!("expected a whole number from {min} to {max}"),
                )),
            }
        }
        Some(_) => Err(ApiError::invalid(
            path,
            format!("expected a whole number from {min} to {max}"),
        )),
    }
}

pub fn boolean(v: Option<&Value>, path: &str) -> ApiResult<Option<bool>> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(ApiError::invalid(path, "expected true or false")),
    }
}

/// An id in a URL: 1..200 bytes of letters, digits, `-`, `_`, `.` (it travels in paths and
/// feeds unescaped).
pub fn id(s: &str, what: &str) -> ApiResult<()> {
    let ok = !s.is_empty()
        && s.bytes().any(|b| b != b'.')
        && s.len() <= 200
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(ApiError::invalid(
            "",
            format!("a {what} id is 1 to 200 letters, digits, `-`, `_` or `.`"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_twice_is_invalid_json() {
        assert_eq!(
            parse(r#"{"a": 1, "b": {"c": 1, "c": 2}}"#)
                .unwrap_err()
                .code,
            "invalid_json"
        );
        assert_eq!(
            parse("\u{feff}{\"a\": [1, 2.5, null]}").unwrap(),
            serde_json::json!({"a": [1, 2.5, null]})
        );
        assert_eq!(parse("{} x").unwrap_err().code, "invalid_json");
    }

    #[test]
    fn emails_and_text() {
        let e = |s: &str| email(Some(&Value::String(s.into())), "email", true);
        assert!(e("ana@example.com").is_ok());
        assert!(e("ana@localhost").is_err());
        assert!(e("a na@example.com").is_err());
        assert!(e("ana@@example.com").is_err());
        assert_eq!(e("  ").unwrap_err().code, "missing_field");
        let t = |s: &str, lines| text(Some(&Value::String(s.into())), "t", true, 5, lines);
        assert!(t("a\nb", false).is_err());
        assert!(t("a\nb", true).is_ok());
        assert!(t("abcdef", true).is_err());
        assert!(t("a\u{7}", true).is_err());
    }
}
