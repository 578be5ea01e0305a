//! A member's calendar sources (SPEC §10) and the busy intervals they yield: an iCalendar file
//! read once and expanded per window ([`crate::ics`]), or the busy intervals of a Google
//! Calendar `freeBusy.query` or Microsoft Graph `calendar/getSchedule` response, resolved to
//! instants when read. Busy intervals out, nothing else.

#[cfg(feature = "calendars")]
pub use reading::*;

/// Without the `calendars` feature no source can be read: `Source` has no values, and a request
/// with calendars is `invalid_calendar` where it names them.
#[cfg(not(feature = "calendars"))]
#[derive(Debug, Clone)]
pub enum Source {}

#[cfg(not(feature = "calendars"))]
impl Source {
    /// No source, no busy intervals.
    pub(crate) fn busy(&self, _: i64, _: i64, _: &mut dyn FnMut(i64, i64) -> bool) -> bool {
        match *self {}
    }
}

#[cfg(feature = "calendars")]
mod reading {
    use serde::Serialize;

    use crate::error::{Error, ErrorCode};
    use crate::ics::{Calendar, Options, Warning};
    use crate::instant::Instant;
    use crate::limits::MAX_BUSY;
    use crate::zone::{to_instant_direct, Tz};

    /// One calendar source, read.
    #[derive(Debug, Clone)]
    pub enum Source {
        /// An iCalendar file and what counts as busy in it.
        Ics {
            /// The file, read.
            calendar: Calendar,
            /// `allDay` and `tentative`.
            options: Options,
        },
        /// Busy intervals given as instants (Google freeBusy, Graph getSchedule), `[start, end)`
        /// in ms.
        Intervals(Vec<(i64, i64)>),
    }

    impl Source {
        /// Calls `sink(start, end)` (ms) for every busy interval of the source that overlaps
        /// `[from, to)`; false as soon as `sink` is, or when an ICS series alone holds more
        /// instances in the window than a request may hold.
        pub(crate) fn busy(
            &self,
            from: i64,
            to: i64,
            sink: &mut dyn FnMut(i64, i64) -> bool,
        ) -> bool {
            match self {
                Source::Ics { calendar, options } => calendar.busy(from, to, *options, sink),
                Source::Intervals(list) => list
                    .iter()
                    .filter(|&&(s, e)| s < to && e > from)
                    .all(|&(s, e)| sink(s, e)),
            }
        }

        /// Parts of an ICS file that were left out.
        pub fn warnings(&self) -> &[Warning] {
            match self {
                Source::Ics { calendar, .. } => calendar.warnings(),
                Source::Intervals(_) => &[],
            }
        }
    }

    /// The database zone of a provider's zone name: an IANA name or link, or a Windows zone id or
    /// display name (Graph's `"Pacific Standard Time"`), by CLDR's windowsZones table.
    pub(crate) fn zone_named(name: &str) -> Option<Tz> {
        crate::ics::zone_named(name)
    }

    /// Graph's local `dateTime` (`"2026-03-29T02:30:00.0000000"`, fraction optional) in `zone` as
    /// an instant (ms), by SPEC §2; `None` when it is not such a date-time.
    pub(crate) fn local_instant(date_time: &str, zone: Tz) -> Option<i64> {
        let (main, fraction) = match date_time.split_once('.') {
            Some((m, f))
                if !f.is_empty() && f.len() <= 9 && f.bytes().all(|c| c.is_ascii_digit()) =>
            {
                (m, f)
            }
            Some(_) => return None,
            None => (date_time, ""),
        };
        let b = main.as_bytes();
        if b.len() != 19
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b'T'
            || b[13] != b':'
            || b[16] != b':'
        {
            return None;
        }
        let compact: String = main
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == 'T')
            .collect();
        let stamp = crate::ics::parse_date_time(&compact)?;
        let ms = fraction
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(3)
            .fold(0i64, |acc, c| acc * 10 + i64::from(c - b'0'));
        Some(to_instant_direct(zone, stamp * 1000) + ms)
    }

    /// A busy interval of a [`BusyResponse`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub struct Busy {
        /// Start.
        pub start: Instant,
        /// End.
        pub end: Instant,
    }

    /// What `bookable busy` and `busyTimes` answer (SPEC §10): the busy intervals a source yields
    /// that overlap the range, merged, sorted and not cut, and the ICS warnings.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
    pub struct BusyResponse {
        /// Merged busy intervals, ascending (touching intervals join).
        pub busy: Vec<Busy>,
        /// Parts of an ICS file that were left out: `{line, message}`.
        pub warnings: Vec<Warning>,
    }

    /// The busy response of `source` over `[from, to)` (SPEC §10): every busy interval that
    /// overlaps the range, merged, sorted and not cut, and the source's warnings.
    ///
    /// # Errors
    /// `limit_exceeded` at `source` when the range holds more than SPEC §9's 200,000 busy
    /// intervals.
    pub(crate) fn busy_response(
        source: &Source,
        from: i64,
        to: i64,
    ) -> Result<BusyResponse, Error> {
        let mut list: Vec<(i64, i64)> = Vec::new();
        let within = source.busy(from, to, &mut |s, e| {
            list.push((s, e));
            list.len() <= MAX_BUSY
        });
        if !within {
            return Err(Error::new(
                ErrorCode::LimitExceeded,
                "source",
                format!("the range holds more than {MAX_BUSY} busy intervals of this source"),
            ));
        }
        Ok(BusyResponse {
            busy: merged(list),
            warnings: source.warnings().to_vec(),
        })
    }

    /// Merges intervals (overlapping or touching) into sorted disjoint ones.
    pub(crate) fn merged(mut list: Vec<(i64, i64)>) -> Vec<Busy> {
        list.sort_unstable();
        let mut out: Vec<(i64, i64)> = Vec::with_capacity(list.len());
        for (s, e) in list {
            match out.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => out.push((s, e)),
            }
        }
        out.into_iter()
            .map(|(s, e)| Busy {
                start: Instant(s),
                end: Instant(e),
            })
            .collect()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn graph_local_times_resolve_in_windows_zones_by_the_compatible_rule() {
            let pacific = zone_named("Pacific Standard Time").unwrap();
            // 2026-03-08 02:30 does not exist in Los Angeles: it is 03:30 PDT, 10:30Z.
            let at = local_instant("2026-03-08T02:30:00.0000000", pacific).unwrap();
            assert_eq!(Instant(at).to_string(), "2026-03-08T10:30:00Z");
            assert!(local_instant("2026-03-08 02:30", pacific).is_none());
            assert!(local_instant("2026-03-08T02:30:00.", pacific).is_none());
        }

        #[test]
        fn busy_intervals_merge_when_they_touch() {
            let got = merged(vec![(30, 40), (0, 10), (10, 20), (35, 50)]);
            let pairs: Vec<(i64, i64)> = got.iter().map(|b| (b.start.0, b.end.0)).collect();
            assert_eq!(pairs, [(0, 20), (30, 50)]);
        }
    }
}
