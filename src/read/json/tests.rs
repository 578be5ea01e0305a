//! The strict reader by case: document order, duplicate keys, lone surrogates, a BOM, syntax
//! errors with their place, bounded nesting and size, numbers kept as text.
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
