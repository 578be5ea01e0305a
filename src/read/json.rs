//! Request text (RFC 8259 JSON) to a flat document that borrows its strings from the text, with
//! the strict rules of SPEC §9: at most [`MAX_TEXT_BYTES`] of text, a UTF-8 byte-order mark
//! ignored, an object with the same key twice is `invalid_json` at that key's path, a string
//! that is not valid Unicode (a lone surrogate escape) is `invalid_value` at its path, nesting
//! deeper than [`MAX_DEPTH`] is `invalid_json`. Numbers keep their text, so a field reads
//! `2^64` or `1e400` as out of its range, at its path, like any other out-of-range number.
//!
//! The document is one array of 12-byte nodes in document order (a container records where its
//! subtree ends), plus one string for the few strings that had escapes: two allocations that
//! grow by doubling, whatever the request's shape. A tree of small vectors took twelve times
//! the text and, in WebAssembly, thousands of small memory growths (seconds on a first large
//! request in V8).
//!
//! Why not `serde_json`: it rejects a lone surrogate or an out-of-range exponent as a syntax
//! error with a line and column but no request path, and keeps the last of two equal keys;
//! the contract needs the path in all three cases. It stays the writer of responses.

use std::collections::HashSet;

use crate::error::{Error, ErrorCode};
use crate::limits::MAX_TEXT_BYTES;

/// The deepest nesting accepted; a valid request nests 6 levels.
pub const MAX_DEPTH: usize = 128;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Null,
    True,
    False,
    /// `a`, `b`: the number's text in the request text.
    Number,
    /// `a`, `b`: the string in the request text (it had no escapes).
    Text,
    /// `a`, `b`: the unescaped string in the document's `unescaped`.
    Unescaped,
    /// `a`: item count; `b`: the index just past its subtree.
    Array,
    /// `a`: member count; `b`: the index just past its subtree. Members are a key node
    /// followed by the value's subtree.
    Object,
}

#[derive(Clone, Copy, Debug)]
struct Node {
    kind: Kind,
    a: u32,
    b: u32,
}

/// A parsed request: nodes in document order over the request text.
#[derive(Debug)]
pub struct Document<'a> {
    text: &'a str,
    nodes: Vec<Node>,
    unescaped: String,
}

impl<'a> Document<'a> {
    /// The document's root value.
    pub fn root(&self) -> Json<'_> {
        Json { doc: self, at: 0 }
    }
}

/// A value of a [`Document`]: a cheap handle (`Copy`).
#[derive(Clone, Copy)]
pub struct Json<'d> {
    doc: &'d Document<'d>,
    at: u32,
}

impl std::fmt::Debug for Json<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Json({}, {:?})", self.kind(), self.node())
    }
}

impl<'d> Json<'d> {
    fn node(&self) -> Node {
        self.doc.nodes[self.at as usize]
    }

    fn at(&self, i: u32) -> Json<'d> {
        Json {
            doc: self.doc,
            at: i,
        }
    }

    /// The index just past this value's subtree.
    fn end(&self) -> u32 {
        let n = self.node();
        match n.kind {
            Kind::Array | Kind::Object => n.b,
            _ => self.at + 1,
        }
    }

    /// What this is, for messages: `"a string"`, `"an object"`, …
    pub fn kind(&self) -> &'static str {
        match self.node().kind {
            Kind::Null => "null",
            Kind::True | Kind::False => "a boolean",
            Kind::Number => "a number",
            Kind::Text | Kind::Unescaped => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        self.node().kind == Kind::Null
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self.node().kind {
            Kind::True => Some(true),
            Kind::False => Some(false),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&'d str> {
        let n = self.node();
        let (a, b) = (n.a as usize, n.b as usize);
        match n.kind {
            Kind::Text => Some(&self.doc.text[a..a + b]),
            Kind::Unescaped => Some(&self.doc.unescaped[a..a + b]),
            _ => None,
        }
    }

    /// The number's text, if this is a number.
    pub fn number_text(&self) -> Option<&'d str> {
        let n = self.node();
        (n.kind == Kind::Number).then(|| &self.doc.text[n.a as usize..(n.a + n.b) as usize])
    }

    /// Whether this is an array.
    pub fn is_array(&self) -> bool {
        self.node().kind == Kind::Array
    }

    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        self.node().kind == Kind::Object
    }

    /// How many items (array) or members (object); 0 for anything else.
    pub fn len(&self) -> usize {
        match self.node().kind {
            Kind::Array | Kind::Object => self.node().a as usize,
            _ => 0,
        }
    }

    /// Whether [`Json::len`] is 0.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The items of an array (none for anything else), in order.
    pub fn items(&self) -> impl Iterator<Item = Json<'d>> + 'd {
        let count = if self.is_array() { self.len() } else { 0 };
        let mut next = self.at + 1;
        let this = *self;
        (0..count).map(move |_| {
            let item = this.at(next);
            next = item.end();
            item
        })
    }

    /// The members of an object (none for anything else), in order.
    pub fn members(&self) -> impl Iterator<Item = (&'d str, Json<'d>)> + 'd {
        let count = if self.is_object() { self.len() } else { 0 };
        let mut next = self.at + 1;
        let this = *self;
        (0..count).map(move |_| {
            let key = this.at(next);
            let value = this.at(next + 1);
            next = value.end();
            (key.as_str().unwrap_or_default(), value)
        })
    }

    /// The member `key` of an object (`None` for absent, and for anything but an object).
    pub fn get(&self, key: &str) -> Option<Json<'d>> {
        let count = if self.is_object() { self.len() } else { 0 };
        let mut next = self.at + 1;
        for _ in 0..count {
            let k = self.at(next);
            let value = self.at(next + 1);
            // A key's length is in its node: most keys differ there, with no text read.
            if k.node().b as usize == key.len() && k.as_str() == Some(key) {
                return Some(value);
            }
            next = value.end();
        }
        None
    }
}

/// A path step, collected while an error unwinds out of the nesting.
enum Step {
    Key(String),
    Index(usize),
}

/// A failure while reading: a syntax error (at path `""`) or a value error whose path is
/// built on the way out.
enum Fail {
    Syntax(String),
    At {
        code: ErrorCode,
        message: String,
        steps: Vec<Step>,
    },
}

fn path_of(steps: &[Step]) -> String {
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
pub fn parse(text: &str) -> Result<Document<'_>, Error> {
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
        // A request has a node for about every 8 bytes of text.
        nodes: Vec::with_capacity(text.len() / 8 + 4),
        unescaped: String::new(),
    };
    let result = p.value(0).and_then(|()| {
        p.skip_ws();
        if p.pos < p.bytes.len() {
            Err(p.syntax("unexpected text after the JSON value"))
        } else {
            Ok(())
        }
    });
    match result {
        Ok(()) => Ok(Document {
            text,
            nodes: p.nodes,
            unescaped: p.unescaped,
        }),
        Err(Fail::Syntax(message)) => Err(Error::new(
            ErrorCode::InvalidJson,
            "",
            format!("the input is not valid JSON: {message}"),
        )),
        Err(Fail::At {
            code,
            message,
            steps,
        }) => Err(Error::new(code, path_of(&steps), message)),
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    nodes: Vec<Node>,
    unescaped: String,
}

impl<'a> Parser<'a> {
    fn syntax(&self, what: &str) -> Fail {
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

    fn push(&mut self, kind: Kind, a: usize, b: usize) {
        // Text is at most 20 MB: offsets and lengths fit u32.
        self.nodes.push(Node {
            kind,
            a: a as u32,
            b: b as u32,
        });
    }

    fn value(&mut self, depth: usize) -> Result<(), Fail> {
        if depth > MAX_DEPTH {
            return Err(self.syntax(&format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        self.skip_ws();
        match self.bytes.get(self.pos) {
            None => Err(self.syntax("unexpected end of input")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string(),
            Some(b't') => self.literal("true", Kind::True),
            Some(b'f') => self.literal("false", Kind::False),
            Some(b'n') => self.literal("null", Kind::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.syntax("expected a JSON value")),
        }
    }

    fn literal(&mut self, word: &str, kind: Kind) -> Result<(), Fail> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            self.push(kind, 0, 0);
            Ok(())
        } else {
            Err(self.syntax("expected a JSON value"))
        }
    }

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<(), Fail> {
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
        self.push(Kind::Number, start, self.pos - start);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Fail> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .filter(|b| b.iter().all(u8::is_ascii_hexdigit));
        let h = digits
            .and_then(|b| std::str::from_utf8(b).ok())
            .and_then(|s| u32::from_str_radix(s, 16).ok())
            .ok_or_else(|| self.syntax("invalid \\u escape"))?;
        self.pos += 4;
        Ok(h)
    }

    /// A string at `"`, pushed as a node: borrowed from the text when it has no escape, else
    /// unescaped into the document's string.
    fn string(&mut self) -> Result<(), Fail> {
        self.pos += 1;
        let start = self.pos;
        loop {
            match self.bytes.get(self.pos) {
                None => return Err(self.syntax("unterminated string")),
                Some(b'"') => {
                    self.push(Kind::Text, start, self.pos - start);
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => break,
                Some(&b) if b < 0x20 => return Err(self.syntax("control character in a string")),
                Some(_) => self.pos += 1,
            }
        }
        let out_start = self.unescaped.len();
        self.unescaped.push_str(&self.text[start..self.pos]);
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
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let c = if (0xd800..0xdc00).contains(&hi) {
                                self.low_surrogate(hi)?
                            } else {
                                char::from_u32(hi)
                            };
                            c.unwrap_or_else(|| {
                                lone_surrogate = true;
                                '\u{fffd}'
                            })
                        }
                        _ => return Err(self.syntax("invalid escape")),
                    };
                    self.unescaped.push(c);
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
                    self.unescaped.push_str(&self.text[from..self.pos]);
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
        self.push(Kind::Unescaped, out_start, self.unescaped.len() - out_start);
        Ok(())
    }

    /// The character of a high surrogate `hi` and the `\uXXXX` low surrogate after it;
    /// `None` (a lone surrogate) when none follows.
    fn low_surrogate(&mut self, hi: u32) -> Result<Option<char>, Fail> {
        if !self.bytes[self.pos..].starts_with(b"\\u") {
            return Ok(None);
        }
        let save = self.pos;
        self.pos += 2;
        let lo = self.hex4()?;
        if (0xdc00..0xe000).contains(&lo) {
            Ok(char::from_u32(
                0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00),
            ))
        } else {
            self.pos = save;
            Ok(None)
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), Fail> {
        self.pos += 1;
        let me = self.nodes.len();
        self.push(Kind::Array, 0, 0);
        let mut count = 0usize;
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
        } else {
            loop {
                self.value(depth + 1)
                    .map_err(|f| step(f, Step::Index(count)))?;
                count += 1;
                self.skip_ws();
                match self.bytes.get(self.pos) {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.syntax("expected `,` or `]`")),
                }
            }
        }
        let end = self.nodes.len();
        self.nodes[me].a = count as u32;
        self.nodes[me].b = end as u32;
        Ok(())
    }

    /// The text of the key node at `i`.
    fn key_at(&self, i: usize) -> &str {
        let n = self.nodes[i];
        let (a, b) = (n.a as usize, n.b as usize);
        match n.kind {
            Kind::Unescaped => &self.unescaped[a..a + b],
            _ => &self.text[a..a + b],
        }
    }

    fn object(&mut self, depth: usize) -> Result<(), Fail> {
        self.pos += 1;
        let me = self.nodes.len();
        self.push(Kind::Object, 0, 0);
        // The key nodes seen so far; past a few, a set keeps the duplicate check linear.
        let mut keys: Vec<usize> = Vec::new();
        let mut index: Option<HashSet<String>> = None;
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                if self.bytes.get(self.pos) != Some(&b'"') {
                    return Err(self.syntax("expected a string key"));
                }
                // A lone surrogate in a key is reported at the object's own path.
                let key_node = self.nodes.len();
                self.string()?;
                self.skip_ws();
                if self.bytes.get(self.pos) != Some(&b':') {
                    return Err(self.syntax("expected `:`"));
                }
                self.pos += 1;
                if let Err(f) = self.value(depth + 1) {
                    return Err(step(f, Step::Key(self.key_at(key_node).to_string())));
                }
                let seen = match &mut index {
                    Some(set) => !set.insert(self.key_at(key_node).to_string()),
                    None => keys
                        .iter()
                        .any(|&k| self.key_at(k) == self.key_at(key_node)),
                };
                if seen {
                    let key = self.key_at(key_node).to_string();
                    return Err(Fail::At {
                        code: ErrorCode::InvalidJson,
                        message: format!(
                            "the key `{}` appears twice in one object",
                            crate::instant::truncate(&key)
                        ),
                        steps: vec![Step::Key(key)],
                    });
                }
                keys.push(key_node);
                if index.is_none() && keys.len() > 16 {
                    index = Some(keys.iter().map(|&k| self.key_at(k).to_string()).collect());
                }
                self.skip_ws();
                match self.bytes.get(self.pos) {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.syntax("expected `,` or `}`")),
                }
            }
        }
        let end = self.nodes.len();
        self.nodes[me].a = keys.len() as u32;
        self.nodes[me].b = end as u32;
        Ok(())
    }
}

/// Adds a step to a value error unwinding through an array item or object member.
fn step(fail: Fail, s: Step) -> Fail {
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
    fn values_read_back_in_document_order() {
        let doc = parse(r#"{"a":"plain","b":"tab\there","c":"\u00e9\ud83d\ude00","d":[1,[2,3],{"e":null}],"f":true}"#).unwrap();
        let root = doc.root();
        assert_eq!(root.get("a").and_then(|v| v.as_str()), Some("plain"));
        assert_eq!(root.get("b").and_then(|v| v.as_str()), Some("tab\there"));
        assert_eq!(root.get("c").and_then(|v| v.as_str()), Some("é😀"));
        let d: Vec<String> = root
            .get("d")
            .unwrap()
            .items()
            .map(|v| v.kind().to_string())
            .collect();
        assert_eq!(d, ["a number", "an array", "an object"]);
        let nested: Vec<&str> = root
            .get("d")
            .unwrap()
            .items()
            .nth(1)
            .unwrap()
            .items()
            .filter_map(|v| v.number_text())
            .collect();
        assert_eq!(nested, ["2", "3"]);
        assert!(root
            .get("d")
            .unwrap()
            .items()
            .nth(2)
            .unwrap()
            .get("e")
            .unwrap()
            .is_null());
        assert_eq!(root.get("f").and_then(|v| v.as_bool()), Some(true));
        let keys: Vec<&str> = root.members().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "b", "c", "d", "f"]);
        assert_eq!(root.get("zz").map(|v| v.kind()), None);
    }

    #[test]
    fn a_duplicate_key_is_invalid_json_at_its_path() {
        assert_eq!(
            err(r#"{"members":[{"id":"ana","id":"bob"}]}"#),
            (ErrorCode::InvalidJson, "members[0].id".into())
        );
        // The same key written with an escape is the same key.
        assert_eq!(
            err(r#"{"ab":1,"a\u0062":2}"#),
            (ErrorCode::InvalidJson, "ab".into())
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
        let doc = parse("\u{feff}{\"a\":1}").unwrap();
        assert_eq!(doc.root().get("a").and_then(|v| v.number_text()), Some("1"));
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
            "\"\\u12\"",
            "[\"\\ud800\\u12\"]",
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
        let doc = parse("[0,-1.5e3,18446744073709551616,1e400]").unwrap();
        let texts: Vec<&str> = doc.root().items().filter_map(|v| v.number_text()).collect();
        assert_eq!(texts, ["0", "-1.5e3", "18446744073709551616", "1e400"]);
    }
}
