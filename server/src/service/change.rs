//! A booking that was created, rescheduled or cancelled, as the parts that tell the outside
//! (`notify`, and through it `webhooks`, `calendars` and `mail`) read it.

use serde_json::Value;

use crate::store::BookingRow;

/// A booking that was created, rescheduled or cancelled.
pub struct Change<'a> {
    /// `booking.created`, `booking.rescheduled` or `booking.cancelled`.
    pub event_type: &'a str,
    /// The booking as it is now.
    pub booking: &'a BookingRow,
    /// The booking as the visitor sees it (`bookings::view`).
    pub view: Value,
    /// The booking before a reschedule.
    pub previous: Option<&'a BookingRow>,
    /// The attendee's manage link, known only when the booking is made.
    pub manage_url: Option<&'a str>,
    /// When the change was made, in ms since the epoch.
    pub now: i64,
}
