//! RFC 5545 text as the server writes it (the feeds and the invitations in mail): TEXT values
//! escaped, content lines folded at 75 octets with CRLF, instants in UTC's `YYYYMMDDTHHMMSSZ`.

use crate::time::iso;

/// RFC 5545 §3.3.11 TEXT escaping.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 5545 §3.2 a quoted parameter value (`CN="…"`): DQUOTE and controls cannot appear in one.
pub fn param(s: &str) -> String {
    let kept: String = s
        .chars()
        .map(|c| if c == '"' { '\'' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    format!("\"{kept}\"")
}

/// RFC 5545 §3.1: lines of at most 75 octets, continued with a space, never inside a character.
pub fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// A DATE-TIME in UTC (RFC 5545 §3.3.5 form 2), to the second.
pub fn stamp(ms: i64) -> String {
    iso(ms - ms.rem_euclid(1000)).replace(['-', ':'], "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_between_characters() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "é".repeat(60));
        fold(&long, &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), long);
        assert_eq!(text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        assert_eq!(param("Ana \"A\"\n"), "\"Ana 'A'\"");
        assert_eq!(stamp(1_796_115_600_123), "20261201T090000Z");
    }
}
