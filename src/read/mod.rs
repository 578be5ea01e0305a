//! The reader: request text (or a `serde_json::Value`) to the validated model of
//! [`crate::model`]. The only place that knows JSON, field names, paths and the limits of
//! SPEC §9; the first problem found becomes an [`Error`](crate::Error) with its `code` and
//! `path`.
//!
//! Text is parsed once into a tree that borrows its strings ([`json`]); the typed readers
//! ([`fields`]) then check each object's unknown fields first and its fields in SPEC order.

pub mod calendars;
pub mod fields;
pub mod json;
mod member;
mod slots;
mod status;

pub use slots::{check_range, slots_request};
pub use status::status_request;
