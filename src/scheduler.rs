//! The slots computation (SPEC §4–§7) from a validated request: the page window, the team's
//! slots, the days in the viewer zone and the explanation; and the [`Scheduler`], prepared once
//! and asked for any range.

use serde_json::Value;

use crate::error::{Error, ErrorCode};
use crate::explain;
use crate::grid::page_window;
use crate::instant::Instant;
use crate::model::SlotsRequest;
use crate::read::{check_range, fields, slots_request};
use crate::response::{Day, Slot, SlotsResponse};
use crate::team::team_slots;
use crate::units::{LocalDate, Ms};
use crate::zone::{OffsetTable, Tables, Tz};

/// A slots computation, prepared once from a request without a `range` and answered for any
/// range: the fast path for pages that move from month to month.
///
/// ```
/// use bookable::{Instant, Scheduler};
/// let request = serde_json::json!({
///   "now": "2026-11-22T10:00:00Z",
///   "timezone": "Asia/Kolkata",
///   "event": { "duration": 30 },
///   "members": [ { "id": "ravi", "timezone": "Asia/Kolkata",
///                  "weekly": { "mon": [["09:00", "10:00"]] } } ]
/// });
/// let scheduler = Scheduler::from_value(&request)?;
/// let start = Instant::parse("2026-11-23T00:00:00+05:30", "start")?;
/// let end = Instant(start.0 + 86_400_000);
/// let starts = scheduler.slot_starts(start, end, None, 0)?;
/// assert_eq!(starts.len(), 2);
/// assert_eq!(Instant(starts[0]).to_string(), "2026-11-23T03:30:00Z");
/// # Ok::<(), bookable::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Scheduler {
    request: SlotsRequest,
    now_given: bool,
}

impl Scheduler {
    /// Validates a slots request whose `range` may be absent (a `range`, if present, is
    /// validated and ignored: every call names its own).
    ///
    /// # Errors
    /// The first problem of the request (SPEC §9), with its `code` and `path`.
    pub fn from_json(text: &str) -> Result<Scheduler, Error> {
        let doc = crate::read::json::parse(text)?;
        let root = doc.root();
        let now_given = root.get("now").is_some_and(|v| !v.is_null());
        Ok(Scheduler {
            request: slots_request(root, 0, false)?,
            now_given,
        })
    }

    /// [`Scheduler::from_json`] for a request held as a `serde_json::Value`.
    ///
    /// # Errors
    /// As [`Scheduler::from_json`].
    pub fn from_value(value: &Value) -> Result<Scheduler, Error> {
        Self::from_json(&value.to_string())
    }

    fn now(&self, now: Option<Instant>, default_now_ms: i64) -> Instant {
        match now {
            Some(n) => n,
            None if self.now_given => self.request.now,
            None => Instant(default_now_ms),
        }
    }

    /// Slots whose start lies in `[start, end)`; `now` overrides the request's `now`, which
    /// overrides `default_now_ms`.
    pub fn slots(
        &self,
        start: Instant,
        end: Instant,
        now: Option<Instant>,
        default_now_ms: i64,
    ) -> Result<SlotsResponse, Error> {
        self.slots_for_viewer(start, end, now, None, default_now_ms)
    }

    /// [`Scheduler::slots`] for one viewer: `days`, `timezone` and
    /// [`SlotsResponse::viewer_offsets`] are in the zone named `viewer` (an IANA zone or link,
    /// echoed in `timezone` as given) instead of the request's `viewerTimezone`; `None` keeps
    /// the request's. One prepared page serves visitors in every zone.
    ///
    /// Errors: `invalid_timezone` at path `viewerTimezone` for a name the database does not
    /// know; otherwise those of [`Scheduler::slots`].
    ///
    /// ```
    /// use bookable::{Instant, Scheduler};
    /// let request = serde_json::json!({
    ///   "now": "2026-11-22T10:00:00Z", "timezone": "Europe/Paris",
    ///   "event": { "duration": 60 },
    ///   "members": [ { "id": "ana", "timezone": "Europe/Paris",
    ///                  "weekly": { "mon": [["23:00", "24:00"]] } } ]
    /// });
    /// let scheduler = Scheduler::from_value(&request).unwrap();
    /// let (start, end) = (Instant(1_795_392_000_000), Instant(1_795_478_400_000)); // 2026-11-23, UTC
    /// let paris = scheduler.slots(start, end, None, 0).unwrap();
    /// assert_eq!(paris.days[0].date, "2026-11-23");
    /// let tokyo = scheduler.slots_for_viewer(start, end, None, Some("Asia/Tokyo"), 0).unwrap();
    /// assert_eq!((tokyo.timezone.as_str(), tokyo.days[0].date.as_str()), ("Asia/Tokyo", "2026-11-24"));
    /// let err = scheduler.slots_for_viewer(start, end, None, Some("Mars/Base"), 0).unwrap_err();
    /// assert_eq!((err.code.as_str(), err.path.as_str()), ("invalid_timezone", "viewerTimezone"));
    /// ```
    pub fn slots_for_viewer(
        &self,
        start: Instant,
        end: Instant,
        now: Option<Instant>,
        viewer: Option<&str>,
        default_now_ms: i64,
    ) -> Result<SlotsResponse, Error> {
        let viewer = match viewer {
            Some(name) => (
                fields::zone_name(name, fields::Path::Raw("viewerTimezone"))?,
                name,
            ),
            None => (self.request.viewer_tz, self.request.viewer_tz_name.as_str()),
        };
        check_range(start.0, end.0, "range")?;
        run(
            &self.request,
            start,
            end,
            self.now(now, default_now_ms),
            Some(viewer),
        )
    }

    /// Only the slot starts (epoch ms), for callers that need no hosts or days.
    pub fn slot_starts(
        &self,
        start: Instant,
        end: Instant,
        now: Option<Instant>,
        default_now_ms: i64,
    ) -> Result<Vec<i64>, Error> {
        check_range(start.0, end.0, "range")?;
        let response = run(
            &self.request,
            start,
            end,
            self.now(now, default_now_ms),
            None,
        )?;
        Ok(response.slots.iter().map(|s| s.start.0).collect())
    }
}

/// Computes the response to a validated request with a range.
pub(crate) fn compute(request: &SlotsRequest) -> Result<SlotsResponse, Error> {
    let Some((start, end)) = request.range else {
        return Err(Error::new(
            ErrorCode::MissingField,
            "range",
            "`range` is required",
        ));
    };
    run(
        request,
        start,
        end,
        request.now,
        Some((request.viewer_tz, &request.viewer_tz_name)),
    )
}

/// The slots of `[start, end)` at `now`; `days` are grouped in the `viewer` zone (its name as
/// given), none without a viewer (only the starts are wanted).
fn run(
    request: &SlotsRequest,
    start: Instant,
    end: Instant,
    now: Instant,
    viewer: Option<(Tz, &str)>,
) -> Result<SlotsResponse, Error> {
    // Calendar sources (SPEC §10): their busy times over the window this computation needs.
    let with_calendars = crate::free::with_calendar_busy(request, start, end)?;
    let request = with_calendars.as_ref().unwrap_or(request);
    let event = &request.event;
    let d = event.duration.to_ms();
    let mut tables = Tables::new(start - 3 * Ms::DAY, end + d + 3 * Ms::DAY);
    let lo = start.max(now.saturating_add(event.min_notice.to_ms()));
    let window = page_window(event, tables.get(request.tz), now, lo, end);

    let slots = if window.is_empty() {
        Vec::new()
    } else {
        team_slots(request, &mut tables, window)?
    };

    let days = match viewer {
        Some((tz, _)) => group_days(&slots, tables.get(tz)),
        None => Vec::new(),
    };
    let explanation = request
        .explain
        .map(|(x, whole)| explain::explain(request, &mut tables, start, end, now, x, whole));
    let (viewer, timezone) = viewer.unwrap_or((request.viewer_tz, &request.viewer_tz_name));
    Ok(SlotsResponse {
        timezone: timezone.to_string(),
        slots,
        days,
        explanation,
        viewer,
    })
}

fn group_days(slots: &[Slot], viewer: &OffsetTable) -> Vec<Day> {
    let mut days: Vec<(LocalDate, usize, Instant)> = Vec::new();
    let mut ordered = true;
    for slot in slots {
        let (s, date) = (slot.start, viewer.local_date(slot.start));
        match days.last_mut() {
            Some(last) if last.0 == date => last.1 += 1,
            last => {
                ordered &= last.is_none_or(|l| l.0 < date);
                days.push((date, 1, s));
            }
        }
    }
    if !ordered {
        // A zone whose local date ran backwards: merge entries of the same date.
        days.sort_by_key(|&(date, _, first)| (date, first));
        days.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0;
            if same {
                earlier.1 += later.1;
            }
            same
        });
    }
    days.into_iter()
        .map(|(date, count, first)| Day {
            date: date.to_string(),
            count,
            first,
        })
        .collect()
}
