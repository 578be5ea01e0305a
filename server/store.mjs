// The reference server's bookings, in SQLite (better-sqlite3: synchronous, one file, WAL).
//
// One row per host of a booking. A booking is written only inside `book()`, whose check and
// insert run in one IMMEDIATE transaction, so two visitors racing for the same host and time
// (in this process or another one on the same file) get one booking and one refusal.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS bookings (
  id       INTEGER PRIMARY KEY,
  uid      TEXT    NOT NULL,          -- one per booking, shared by its hosts' rows (ICS UID)
  page     TEXT    NOT NULL,
  member   TEXT    NOT NULL,
  start_ms INTEGER NOT NULL,
  end_ms   INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  title    TEXT    NOT NULL,
  name     TEXT    NOT NULL,
  email    TEXT    NOT NULL,
  notes    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS bookings_member ON bookings (member, start_ms);
`;

export class Store {
  /** Opens (creating when missing) the database file at `path` (`:memory:` for tests). */
  constructor(path) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.byMember = this.db.prepare('SELECT uid, start_ms, end_ms, created_ms, title, name FROM bookings WHERE member = ? ORDER BY start_ms');
    this.lastBooked = this.db.prepare('SELECT member, MAX(created_ms) AS at FROM bookings GROUP BY member');
    this.insert = this.db.prepare(
      'INSERT INTO bookings (uid, page, member, start_ms, end_ms, created_ms, title, name, email, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.count = this.db.prepare('SELECT COUNT(*) AS n FROM bookings');
  }

  /** Every booking of `member`, oldest start first: `{ uid, start, end, created, title, name }` (ms). */
  bookingsOf(member) {
    return this.byMember.all(member).map((r) => ({
      uid: r.uid,
      start: r.start_ms,
      end: r.end_ms,
      created: r.created_ms,
      title: r.title,
      name: r.name,
    }));
  }

  /** member id → when their last booking was made (ms). */
  lastBookedAt() {
    return new Map(this.lastBooked.all().map((r) => [r.member, r.at]));
  }

  /** How many rows (one per host of each booking). */
  rows() {
    return this.count.get().n;
  }

  /**
   * Runs `decide()` and, if it returns `{ hosts, start, end }`, records the booking for each
   * host, all in one IMMEDIATE transaction: the database is locked from the check to the
   * write. Returns what `decide()` returned, with the booking's `uid` when written.
   */
  book({ page, title, attendee, now }, decide) {
    const run = this.db.transaction(() => {
      const verdict = decide();
      if (!verdict.hosts) return verdict;
      const uid = `${randomUUID()}@bookable`;
      for (const member of verdict.hosts) {
        this.insert.run(uid, page, member, verdict.start, verdict.end, now, title, attendee.name, attendee.email, attendee.notes ?? '');
      }
      return { ...verdict, uid };
    });
    return run.immediate();
  }

  close() {
    this.db.close();
  }
}
