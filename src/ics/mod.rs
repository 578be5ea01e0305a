//! iCalendar (RFC 5545) for busy times.

mod dates;
mod lines;
mod recur;
mod values;
mod walk;
mod zones;
