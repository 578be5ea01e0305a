//! A status request (SPEC §8) read into [`StatusRequest`]: one `member`, or a team's `members`
//! with an optional `assignment`.

use crate::error::{Error, ErrorCode};
use crate::instant::{floor_ms, Instant};
use crate::model::{Manual, StatusAssignment, StatusMember, StatusRequest};
use crate::read::calendars::Budget;
use crate::read::fields::{instant_ns, int, invalid, object, opt, req, string, Path};
use crate::read::json::Json;
use crate::read::member::{member_fields, member_list, MEMBER_FIELDS};
use crate::read::slots::now_ns;

/// The fields a status member adds to a slots member's.
const STATUS_MEMBER_FIELDS: [&str; 3] = ["manual", "capacity", "lastAssignedAt"];

fn manual(v: Json<'_>, p: Path<'_>) -> Result<Manual, Error> {
    let map = object(v, p, &["status", "since", "reason"])?;
    let available = match req(map, p, "status")?.as_str() {
        Some("available") => true,
        Some("away") => false,
        _ => {
            return Err(invalid(
                p.key("status"),
                "`status` must be \"available\" or \"away\"",
            ))
        }
    };
    let since = Instant(floor_ms(instant_ns(req(map, p, "since")?, p.key("since"))?));
    let reason = match opt(map, "reason") {
        Some(r) => Some(string(r, p.key("reason"))?.to_string()),
        None => None,
    };
    Ok(Manual {
        available,
        since,
        reason,
    })
}

fn capacity(v: Json<'_>, p: Path<'_>) -> Result<(u64, u64), Error> {
    let map = object(v, p, &["max", "assigned"])?;
    let max = int(req(map, p, "max")?, p.key("max"), 0, i64::MAX >> 11)?;
    let assigned = int(
        req(map, p, "assigned")?,
        p.key("assigned"),
        0,
        i64::MAX >> 11,
    )?;
    Ok((max as u64, assigned as u64))
}

/// One status member. It may also carry the slots member fields (`busy`, `bookings`, …) so
/// one member object serves both requests; they are validated and do not affect the status.
fn status_member(v: Json<'_>, path: Path<'_>, budget: &mut Budget) -> Result<StatusMember, Error> {
    let mut fields: Vec<&str> = MEMBER_FIELDS.to_vec();
    fields.extend(STATUS_MEMBER_FIELDS);
    let m = object(v, path, &fields)?;
    let parsed = member_fields(m, path, budget)?;
    let manual = opt(m, "manual")
        .map(|v| manual(v, path.key("manual")))
        .transpose()?;
    let capacity = opt(m, "capacity")
        .map(|v| capacity(v, path.key("capacity")))
        .transpose()?;
    Ok(StatusMember {
        id: parsed.id.to_string(),
        tz: parsed.tz,
        hours: parsed.hours,
        manual,
        capacity,
        last_assigned_at: parsed.last_assigned_at,
    })
}

/// Reads a status request. `default_now_ms` stands in for a missing `now`.
///
/// # Errors
/// Both `member` and `members`: `invalid_value` at `members`; neither: `missing_field` at
/// `member`; a duplicate id: `invalid_value` at `members[i].id`; an unknown `assignment`:
/// `invalid_value` at `assignment`; and every member field's own error at its path.
pub fn status_request(value: Json<'_>, default_now_ms: i64) -> Result<StatusRequest, Error> {
    let map = object(
        value,
        Path::Root,
        &["now", "member", "members", "assignment"],
    )?;
    let now = Instant(floor_ms(now_ns(map, default_now_ms)?));
    let team = match opt(map, "assignment") {
        None => StatusAssignment::RoundRobin,
        Some(a) => match a.as_str() {
            Some("roundRobin") => StatusAssignment::RoundRobin,
            Some("leastLoaded") => StatusAssignment::LeastLoaded,
            _ => {
                return Err(invalid(
                    Path::Raw("assignment"),
                    "`assignment` must be \"roundRobin\" or \"leastLoaded\"",
                ))
            }
        },
    };
    match (opt(map, "member"), opt(map, "members")) {
        (Some(_), Some(_)) => Err(invalid(
            Path::Raw("members"),
            "a status request has `member` (one member) or `members` (a team), not both",
        )),
        (None, None) => Err(Error::new(
            ErrorCode::MissingField,
            "member",
            "`member` (or `members` for a team status) is required",
        )),
        (Some(v), None) => Ok(StatusRequest {
            now,
            members: vec![status_member(
                v,
                Path::Raw("member"),
                &mut Budget::default(),
            )?],
            team: None,
        }),
        (None, Some(v)) => {
            let mut budget = Budget::default();
            let members = member_list(
                v,
                Path::Raw("members"),
                |v, p| status_member(v, p, &mut budget),
                |m| &m.id,
            )?;
            Ok(StatusRequest {
                now,
                members,
                team: Some(team),
            })
        }
    }
}
