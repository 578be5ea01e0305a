//! Request text (RFC 8259 JSON) to a tree that borrows its strings from the text, with the
//! strict rules of SPEC §9: at most [`MAX_TEXT_BYTES`] of text, a UTF-8 byte-order mark
//! ignored, an object with the same key twice is `invalid_json` at that key's path, a string
//! that is not valid Unicode (a lone surrogate escape) is `invalid_value` at its path, nesting
//! deeper than [`MAX_DEPTH`] is `invalid_json`. Numbers keep their text, so a field reads
//! `2^64` or `1e400` as out of its range, at its path, like any other out-of-range number.
//!
//! Why not `serde_json`: it rejects a lone surrogate or an out-of-range exponent as a syntax
//! error with a line and column but no request path, and keeps the last of two equal keys;
//! the contract needs the path in all three cases. It stays the writer of responses.

use std::borrow::Cow;

use crate::error::{Error, ErrorCode};
use crate::limits::MAX_TEXT_BYTES;

/// The deepest nesting accepted; a valid request nests 6 levels.
pub const MAX_DEPTH: usize = 128;

/// A JSON value whose strings borrow from the request text where they have no escapes.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written (`-12`, `1.5e3`).
    Number(Cow<'a, str>),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object's members in the order written; keys are unique.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl Json<'_> {
    /// What this is, for messages: `"a string"`, `"an object"`, …
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The member `key` of an object (`None` for absent, and for anything but an object).
    pub fn get(&self, key: &str) -> Option<&Json<'_>> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A tree owning its strings, from a `serde_json::Value` (for callers that hold one).
    pub fn from_value(value: &serde_json::Value) -> Json<'static> {
        use serde_json::Value;
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(Cow::Owned(n.to_string())),
            Value::String(s) => Json::String(Cow::Owned(s.clone())),
            Value::Array(a) => Json::Array(a.iter().map(Json::from_value).collect()),
            Value::Object(o) => Json::Object(
                o.iter()
                    .map(|(k, v)| (Cow::Owned(k.clone()), Json::from_value(v)))
                    .collect(),
            ),
        }
    }
}

/// A path step, collected while an error unwinds out of the nesting.
enum Step<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

/// A failure while reading: a syntax error (at path `""`) or a value error whose path is
/// built on the way out.
enum Fail<'a> {
    Syntax(String),
    At {
        code: ErrorCode,
        message: String,
        steps: Vec<Step<'a>>,
    },
}

fn path_of(steps: &[Step<'_>]) -> String {
    let mut out = String::new();
    for step in steps.iter().rev() {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// Parses request text.
///
/// # Errors
/// `limit_exceeded` at `""` over [`MAX_TEXT_BYTES`]; `invalid_json` at `""` for text that is
/// not JSON (with the line and column) or nests deeper than [`MAX_DEPTH`]; `invalid_json` at a
/// key's path for a key an object already has; `invalid_value` at a string's path for a lone
/// surrogate.
pub fn parse(text: &str) -> Result<Json<'_>, Error> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::new(
            ErrorCode::LimitExceeded,
            "",
            format!(
                "the request is {} bytes of text; at most {MAX_TEXT_BYTES} are accepted",
                text.len()
            ),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let result = p.value(0).and_then(|v| {
        p.skip_ws();
        if p.pos < p.bytes.len() {
            Err(p.syntax("unexpected text after the JSON value"))
        } else {
            Ok(v)
        }
    });
    result.map_err(|fail| match fail {
        Fail::Syntax(message) => Error::new(
            ErrorCode::InvalidJson,
            "",
            format!("the input is not valid JSON: {message}"),
        ),
        Fail::At {
            code,
            message,
            steps,
        } => Error::new(code, path_of(&steps), message),
    })
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn syntax(&self, what: &str) -> Fail<'a> {
        let before = &self.bytes[..self.pos.min(self.bytes.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.len()
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        Fail::Syntax(format!("{what} at line {line} column {column}"))
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json<'a>, Fail<'a>> {
        if depth > MAX_DEPTH {
            return Err(self.syntax(&format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        self.skip_ws();
        match self.bytes.get(self.pos) {
            None => Err(self.syntax("unexpected end of input")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.syntax("expected a JSON value")),
        }
    }

    fn literal(&mut self, word: &str, value: Json<'a>) -> Result<Json<'a>, Fail<'a>> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.syntax("expected a JSON value"))
        }
    }

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<Json<'a>, Fail<'a>> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let from = p.pos;
            while p.bytes.get(p.pos).is_some_and(u8::is_ascii_digit) {
                p.pos += 1;
            }
            p.pos > from
        };
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        if self.bytes.get(self.pos) == Some(&b'0') {
            self.pos += 1;
        } else if !digits(self) {
            return Err(self.syntax("invalid number"));
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.syntax("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.syntax("invalid number"));
            }
        }
        Ok(Json::Number(Cow::Borrowed(&self.text[start..self.pos])))
    }

    fn hex4(&mut self) -> Result<u32, Fail<'a>> {
        let h = self
            .bytes
            .get(self.pos..self.pos + 4)
            .and_then(|b| std::str::from_utf8(b).ok())
            .and_then(|s| u32::from_str_radix(s, 16).ok())
            .filter(|_| {
                self.bytes[self.pos..self.pos + 4]
                    .iter()
                    .all(u8::is_ascii_hexdigit)
            })
            .ok_or_else(|| self.syntax("invalid \\u escape"))?;
        self.pos += 4;
        Ok(h)
    }

    /// A string at `"`; escapes unescaped (a copy only then).
    fn string(&mut self) -> Result<Cow<'a, str>, Fail<'a>> {
        self.pos += 1;
        let start = self.pos;
        // Fast path: no escape before the closing quote.
        loop {
            match self.bytes.get(self.pos) {
                None => return Err(self.syntax("unterminated string")),
                Some(b'"') => {
                    let s = &self.text[start..self.pos];
                    self.pos += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(&b) if b < 0x20 => return Err(self.syntax("control character in a string")),
                Some(_) => self.pos += 1,
            }
        }
        let mut out = String::with_capacity(self.pos - start + 16);
        out.push_str(&self.text[start..self.pos]);
        let mut lone_surrogate = false;
        loop {
            match self.bytes.get(self.pos) {
                None => return Err(self.syntax("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    break;
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let Some(&e) = self.bytes.get(self.pos) else {
                        return Err(self.syntax("unterminated string"));
                    };
                    self.pos += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let c = if (0xd800..0xdc00).contains(&hi) {
                                if self.bytes[self.pos..].starts_with(b"\\u") {
                                    let save = self.pos;
                                    self.pos += 2;
                                    let lo = self.hex4()?;
                                    if (0xdc00..0xe000).contains(&lo) {
                                        char::from_u32(
                                            0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00),
                                        )
                                    } else {
                                        self.pos = save;
                                        None
                                    }
                                } else {
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            match c {
                                Some(c) => out.push(c),
                                None => {
                                    lone_surrogate = true;
                                    out.push('\u{fffd}');
                                }
                            }
                        }
                        _ => return Err(self.syntax("invalid escape")),
                    }
                }
                Some(&b) if b < 0x20 => return Err(self.syntax("control character in a string")),
                Some(_) => {
                    // Copy the run up to the next quote or escape.
                    let from = self.pos;
                    while let Some(&b) = self.bytes.get(self.pos) {
                        if b == b'"' || b == b'\\' || b < 0x20 {
                            break;
                        }
                        self.pos += 1;
                    }
                    out.push_str(&self.text[from..self.pos]);
                }
            }
        }
        if lone_surrogate {
            return Err(Fail::At {
                code: ErrorCode::InvalidValue,
                message: "the text is not valid Unicode (a lone surrogate)".into(),
                steps: Vec::new(),
            });
        }
        Ok(Cow::Owned(out))
    }

    fn array(&mut self, depth: usize) -> Result<Json<'a>, Fail<'a>> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            let i = items.len();
            let v = self.value(depth + 1).map_err(|f| step(f, Step::Index(i)))?;
            items.push(v);
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.syntax("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json<'a>, Fail<'a>> {
        self.pos += 1;
        let mut members: Vec<(Cow<'a, str>, Json<'a>)> = Vec::new();
        let mut index: Option<std::collections::HashSet<String>> = None;
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.syntax("expected a string key"));
            }
            // A lone surrogate in a key is reported at the object's own path.
            let key = self.string()?;
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b':') {
                return Err(self.syntax("expected `:`"));
            }
            self.pos += 1;
            let v = match self.value(depth + 1) {
                Ok(v) => v,
                Err(f) => return Err(step(f, Step::Key(key))),
            };
            let seen = match &mut index {
                Some(set) => !set.insert(key.to_string()),
                None => members.iter().any(|(k, _)| *k == key),
            };
            if seen {
                return Err(Fail::At {
                    code: ErrorCode::InvalidJson,
                    message: format!(
                        "the key `{}` appears twice in one object",
                        crate::instant::truncate(&key)
                    ),
                    steps: vec![Step::Key(key)],
                });
            }
            members.push((key, v));
            // Past a few keys, a set keeps the duplicate check linear.
            if index.is_none() && members.len() > 16 {
                index = Some(members.iter().map(|(k, _)| k.to_string()).collect());
            }
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.syntax("expected `,` or `}`")),
            }
        }
    }
}

/// Adds a step to a value error unwinding through an array item or object member.
fn step<'a>(fail: Fail<'a>, s: Step<'a>) -> Fail<'a> {
    match fail {
        Fail::At {
            code,
            message,
            mut steps,
        } => {
            steps.push(s);
            Fail::At {
                code,
                message,
                steps,
            }
        }
        syntax => syntax,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (ErrorCode, String) {
        let e = parse(text).unwrap_err();
        assert!(!e.message.is_empty());
        (e.code, e.path)
    }

    #[test]
    fn strings_borrow_unless_escaped() {
        let v = parse(r#"{"a":"plain","b":"tab\there","c":"\u00e9\ud83d\ude00"}"#).unwrap();
        assert!(matches!(
            v.get("a"),
            Some(Json::String(Cow::Borrowed("plain")))
        ));
        assert_eq!(v.get("b").and_then(Json::as_str), Some("tab\there"));
        assert_eq!(v.get("c").and_then(Json::as_str), Some("é😀"));
    }

    #[test]
    fn a_duplicate_key_is_invalid_json_at_its_path() {
        assert_eq!(
            err(r#"{"members":[{"id":"ana","id":"bob"}]}"#),
            (ErrorCode::InvalidJson, "members[0].id".into())
        );
        // Past the small-object check too.
        let many: Vec<String> = (0..40).map(|i| format!("\"k{i}\":{i}")).collect();
        let text = format!("{{\"o\":{{{},\"k7\":0}}}}", many.join(","));
        assert_eq!(err(&text), (ErrorCode::InvalidJson, "o.k7".into()));
    }

    #[test]
    fn a_lone_surrogate_is_invalid_value_at_its_path() {
        for s in [r"\ud800", r"x\udc00y", r"\ud800\u0041", r"\ud800\ud800"] {
            let text = format!(r#"{{"members":[{{}},{{"id":"{s}"}}]}}"#);
            assert_eq!(
                err(&text),
                (ErrorCode::InvalidValue, "members[1].id".into()),
                "{s}"
            );
        }
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        assert_eq!(
            parse("\u{feff}{\"a\":1}").unwrap().get("a"),
            Some(&Json::Number("1".into()))
        );
    }

    #[test]
    fn syntax_errors_say_where() {
        for text in [
            "",
            "{",
            "{\"a\":}",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            "\"\u{1}\"",
            "nul",
            "{} x",
            "\"\\x\"",
        ] {
            let e = parse(text).unwrap_err();
            assert_eq!(
                (e.code, e.path.as_str()),
                (ErrorCode::InvalidJson, ""),
                "{text:?}"
            );
            assert!(e.message.contains("line 1"), "{text:?}: {e}");
        }
    }

    #[test]
    fn nesting_and_size_are_bounded() {
        let deep = "[".repeat(100_000);
        assert_eq!(err(&deep), (ErrorCode::InvalidJson, String::new()));
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let big = format!("\"{}\"", "x".repeat(MAX_TEXT_BYTES));
        assert_eq!(err(&big), (ErrorCode::LimitExceeded, String::new()));
    }

    #[test]
    fn numbers_keep_their_text() {
        let v = parse("[0,-1.5e3,18446744073709551616,1e400]").unwrap();
        let Json::Array(items) = v else { panic!() };
        let texts: Vec<&str> = items
            .iter()
            .map(|i| match i {
                Json::Number(t) => t.as_ref(),
                _ => "",
            })
            .collect();
        assert_eq!(texts, ["0", "-1.5e3", "18446744073709551616", "1e400"]);
    }
}
