"""Reads an iTIP message's calendar (standard input) with Python's icalendar and prints what
bookable-server's tests check, as JSON: METHOD and the one VEVENT's fields (times in UTC).

usage: ics_fields.py < invitation.ics
"""

import json
import sys
from datetime import timedelta

from icalendar import Calendar

cal = Calendar.from_ical(sys.stdin.buffer.read())
events = [c for c in cal.walk("VEVENT")]
assert len(events) == 1, f"{len(events)} events"
e = events[0]


def utc(prop):
    v = e.get(prop)
    if v is None:
        return None
    assert v.dt.utcoffset() == timedelta(0), f"{prop} is not in UTC: {v.dt!r}"
    return v.dt.strftime("%Y-%m-%dT%H:%M:%SZ")


attendees = e.get("ATTENDEE") or []
if not isinstance(attendees, list):
    attendees = [attendees]
print(json.dumps({
    "method": str(cal.get("METHOD")),
    "uid": str(e.get("UID")),
    "sequence": int(e.get("SEQUENCE")),
    "dtstart": utc("DTSTART"),
    "dtend": utc("DTEND"),
    "dtstamp": utc("DTSTAMP"),
    "summary": str(e.get("SUMMARY")),
    "status": str(e.get("STATUS")),
    "organizer": str(e.get("ORGANIZER")),
    "attendees": sorted(str(a) for a in attendees),
}))
