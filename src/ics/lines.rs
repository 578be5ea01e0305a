//! RFC 5545 §3.1 content lines: unfolding (a line that starts with a space or a tab continues
//! the one before), CRLF or LF line ends, a leading BOM, and each line's name, parameters
//! (quoted or not) and value. One pass over the text; a logical line is copied only when it
//! was folded.

use std::borrow::Cow;

/// One logical (unfolded) line and the number of its first physical line, from 1.
#[derive(Debug)]
pub(crate) struct Line<'a> {
    pub number: usize,
    pub text: Cow<'a, str>,
}

/// The logical lines of `text`; blank lines are skipped.
pub(crate) fn lines(text: &str) -> Lines<'_> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    Lines {
        rest: text,
        number: 0,
    }
}

/// The iterator of [`lines`].
pub(crate) struct Lines<'a> {
    rest: &'a str,
    number: usize,
}

impl<'a> Lines<'a> {
    /// The next physical line without its line end.
    fn physical(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        self.number += 1;
        let (line, rest) = match self.rest.as_bytes().iter().position(|&b| b == b'\n') {
            Some(i) => (&self.rest[..i], &self.rest[i + 1..]),
            None => (self.rest, ""),
        };
        self.rest = rest;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }

    fn continues(&self) -> bool {
        self.rest.starts_with([' ', '\t'])
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        loop {
            let first = self.physical()?;
            let number = self.number;
            let mut text = Cow::Borrowed(first);
            while self.continues() {
                let more = self.physical().unwrap_or_default();
                text.to_mut().push_str(&more[1..]);
            }
            if !text.trim().is_empty() {
                return Some(Line { number, text });
            }
        }
    }
}

/// A content line taken apart: `NAME;PARAM=value;…:value`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Property<'a> {
    pub name: &'a str,
    /// The parameters as written, from the first `;` (empty without parameters).
    pub params: &'a str,
    pub value: &'a str,
}

impl<'a> Property<'a> {
    /// Whether this is property `name` (case-insensitive).
    pub(crate) fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The parameters, each value without its quotes (a list keeps its commas).
    pub(crate) fn params(&self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let text = self.params;
        let mut i = 0;
        std::iter::from_fn(move || {
            // Read (and checked) by `property` already.
            let (key, value, next) = param_at(text, i).ok().flatten()?;
            i = next;
            Some((key, value))
        })
    }
}

/// The parameter starting at `line[i]` (a `;`): `(name, value, where the next one starts)`;
/// `None` at the `:` before the value or the end.
fn param_at(line: &str, i: usize) -> Result<Option<(&str, &str, usize)>, &'static str> {
    let b = line.as_bytes();
    if b.get(i) != Some(&b';') {
        return Ok(None);
    }
    let key_start = i + 1;
    let eq = b[key_start..]
        .iter()
        .position(|&c| c == b'=' || c == b':' || c == b';')
        .map(|p| key_start + p)
        .ok_or("a parameter has no `=`")?;
    if b[eq] != b'=' {
        return Err("a parameter has no `=`");
    }
    let key = line[key_start..eq].trim();
    if key.is_empty() {
        return Err("a parameter has no name");
    }
    // The value: quoted strings and plain text, comma-separated, up to `;` or `:`.
    let mut j = eq + 1;
    let value_start = j;
    loop {
        match b.get(j) {
            None => break,
            Some(b'"') => {
                let close = b[j + 1..]
                    .iter()
                    .position(|&c| c == b'"')
                    .ok_or("a parameter's quote is not closed")?;
                j += close + 2;
            }
            Some(b';' | b':') => break,
            Some(_) => j += 1,
        }
    }
    let raw = &line[value_start..j];
    let value = raw
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .filter(|v| !v.contains('"'))
        .unwrap_or(raw);
    Ok(Some((key, value, j)))
}

/// Takes a logical line apart.
///
/// # Errors
/// A sentence: no `:` before the value, an empty name or parameter name, a parameter without
/// `=`, an unterminated quote.
pub(crate) fn property(line: &str) -> Result<Property<'_>, &'static str> {
    let b = line.as_bytes();
    let name_end = b
        .iter()
        .position(|&c| c == b';' || c == b':')
        .ok_or("the line has no `:` before its value")?;
    let name = line[..name_end].trim();
    if name.is_empty() {
        return Err("the line has no property name");
    }
    let mut i = name_end;
    while let Some((_, _, next)) = param_at(line, i)? {
        i = next;
    }
    if b.get(i) != Some(&b':') {
        return Err("the line has no `:` before its value");
    }
    Ok(Property {
        name,
        params: &line[name_end..i],
        value: &line[i + 1..],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_lines_join_and_crlf_lf_and_bom_read_alike() {
        let text = "\u{FEFF}BEGIN:VEVENT\r\nDESCRIPTION:one\r\n  two\r\n\tthree\nEND:VEVENT\n\n";
        let got: Vec<(usize, String)> = lines(text)
            .map(|l| (l.number, l.text.into_owned()))
            .collect();
        assert_eq!(
            got,
            [
                (1, "BEGIN:VEVENT".to_string()),
                (2, "DESCRIPTION:one twothree".to_string()),
                (5, "END:VEVENT".to_string())
            ]
        );
    }

    #[test]
    fn quoted_parameters_may_hold_colons_and_semicolons() {
        let p =
            property("DTSTART;TZID=\"(UTC-05:00) Eastern Time; US\";X=a,\"b:c\":20260101T090000")
                .unwrap();
        assert_eq!(p.name, "DTSTART");
        assert_eq!(
            p.params().collect::<Vec<_>>(),
            [("TZID", "(UTC-05:00) Eastern Time; US"), ("X", "a,\"b:c\"")]
        );
        assert_eq!(p.value, "20260101T090000");
    }

    #[test]
    fn broken_lines_are_errors_not_panics() {
        assert!(property("DTSTART;TZID=\"Europe/Paris:20260101").is_err());
        assert!(property("no colon here").is_err());
        assert!(property(":value").is_err());
        assert!(property("X;=a:b").is_err());
        assert!(property("X;A:b").is_err());
        assert_eq!(property("SUMMARY:a:b").unwrap().value, "a:b");
    }
}
