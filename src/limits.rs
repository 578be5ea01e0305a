//! The limits of SPEC §9: every number the reader and the engine hold a request to, in one
//! place. A broken limit is `limit_exceeded` at the path of what broke it.

/// At most this many bytes of request text (20 MB).
pub const MAX_TEXT_BYTES: usize = 20_000_000;
/// At most this many members.
pub const MAX_MEMBERS: usize = 500;
/// A member id is at most this many bytes of UTF-8.
pub const MAX_ID_BYTES: usize = 200;
/// At most this many busy intervals and bookings, all members together (calendar instances in
/// the window a computation needs count too, SPEC §10).
pub const MAX_BUSY: usize = 200_000;
/// At most this many bytes of iCalendar text in one request, all calendar sources together
/// (10 MB, SPEC §10).
pub const MAX_ICS_BYTES: usize = 10_000_000;
/// At most this many `[start, end]` pairs per weekday or override date.
pub const MAX_PAIRS: usize = 288;
/// At most this many override dates per member.
pub const MAX_OVERRIDE_DATES: usize = 3_700;
/// At most this many time-off items per member.
pub const MAX_TIME_OFF: usize = 10_000;
/// At most this many working-time stretches for all members together, once hours are laid
/// over the range.
pub const MAX_STRETCHES: usize = 1_000_000;
/// A range may span at most this many days.
pub const MAX_RANGE_DAYS: i64 = 366;
/// At most this many slots in a response.
pub const MAX_SLOTS: usize = 100_000;
/// At most this many ids in a response's `hosts` and `candidates` together.
pub const MAX_RESPONSE_IDS: usize = 2_000_000;
/// The largest value of every booking limit (`maxPerDay`, `maxPerWeek`, `maxPerMonth`).
pub const MAX_LIMIT: i64 = 100_000;
