//! The parser behind [`super::parse`]: one pass over the text, nodes pushed in document order,
//! a value error's path built only on the way out of the nesting.

use std::collections::HashSet;

use super::{Kind, Node, MAX_DEPTH};
use crate::error::ErrorCode;

/// A path step, collected while an error unwinds out of the nesting.
pub(super) enum Step {
    Key(String),
    Index(usize),
}

/// A failure while reading: a syntax error (at path `""`) or a value error whose path is
/// built on the way out.
pub(super) enum Fail {
    Syntax(String),
    At {
        code: ErrorCode,
        message: String,
        steps: Vec<Step>,
    },
}

pub(super) fn path_of(steps: &[Step]) -> String {
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

pub(super) struct Parser<'a> {
    pub(super) text: &'a str,
    pub(super) bytes: &'a [u8],
    pub(super) pos: usize,
    pub(super) nodes: Vec<Node>,
    pub(super) unescaped: String,
}

impl<'a> Parser<'a> {
    pub(super) fn syntax(&self, what: &str) -> Fail {
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

    pub(super) fn skip_ws(&mut self) {
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

    pub(super) fn value(&mut self, depth: usize) -> Result<(), Fail> {
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
