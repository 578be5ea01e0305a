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

use crate::error::{Error, ErrorCode};
use crate::limits::MAX_TEXT_BYTES;

mod parser;
#[cfg(test)]
mod tests;

use parser::{path_of, Fail, Parser};

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
