//! The one error type of bookable: a machine-readable `code`, the `path` of the offending input
//! (`members[2].weekly.mon[0]`) and a human `message` (SPEC §9).

use std::fmt;

/// What kind of input was wrong. The string forms are the SPEC §9 codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The input is not JSON at all.
    InvalidJson,
    /// A required field is absent.
    MissingField,
    /// A field the contract does not know (usually a misspelling).
    UnknownField,
    /// An instant that is not RFC 3339 with an offset, not a number of ms, or outside 1900..2200.
    InvalidInstant,
    /// A local date that is not `YYYY-MM-DD` or does not exist.
    InvalidDate,
    /// A local time that is not `HH:MM` in `00:00..23:59` (or `24:00` as an end).
    InvalidTime,
    /// A time zone that is not an IANA name or link.
    InvalidTimezone,
    /// An interval whose end is not after its start.
    InvalidInterval,
    /// A value out of range, of the wrong type, a duplicate id, a bad mode.
    InvalidValue,
    /// A calendar source that cannot be read: not iCalendar, BEGIN/END that do not pair up, a
    /// Google calendar with `errors` (SPEC §10).
    InvalidCalendar,
    /// An explicit limit of §9 was exceeded.
    LimitExceeded,
}

impl ErrorCode {
    /// The SPEC §9 spelling, e.g. `"invalid_timezone"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::MissingField => "missing_field",
            ErrorCode::UnknownField => "unknown_field",
            ErrorCode::InvalidInstant => "invalid_instant",
            ErrorCode::InvalidDate => "invalid_date",
            ErrorCode::InvalidTime => "invalid_time",
            ErrorCode::InvalidTimezone => "invalid_timezone",
            ErrorCode::InvalidInterval => "invalid_interval",
            ErrorCode::InvalidValue => "invalid_value",
            ErrorCode::InvalidCalendar => "invalid_calendar",
            ErrorCode::LimitExceeded => "limit_exceeded",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rejected request: never a panic, never a partial answer.
///
/// ```
/// let err = bookable::slots_from_json("{\"now\": ", 0).unwrap_err();
/// assert_eq!(err.code.as_str(), "invalid_json");
/// assert_eq!(err.path, "");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What kind of input was wrong.
    pub code: ErrorCode,
    /// Where: `""` for the whole input, else like `members[2].weekly.mon[0]`.
    pub path: String,
    /// A sentence for people.
    pub message: String,
}

impl Error {
    /// An error of `code` at `path`.
    pub fn new(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            code,
            path: path.into(),
            message: message.into(),
        }
    }

    /// The SPEC §9 error object: `{"error": {"code", "path", "message"}}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "error": { "code": self.code.as_str(), "path": self.path, "message": self.message }
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(f, "{} at {}: {}", self.code, self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}
