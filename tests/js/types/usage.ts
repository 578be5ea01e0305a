// How a TypeScript user calls bookable (the README's examples, typed). types.test.mjs compiles
// this with `strict` against npm/bookable.d.ts; each `@ts-expect-error` line must be an error.
import init, {
  availabilityStatus,
  computeSlots,
  initSync,
  localDateTime,
  Scheduler,
  timeZones,
  tzdataVersion,
  version,
  type BookableError,
  type ErrorCode,
  type LocalDateTime,
  type Slot,
  type SlotsRequest,
  type SlotsResponse,
  type StatusResponse,
} from './bookable.js';

export async function browserPage(): Promise<string[]> {
  await init();
  const request: SlotsRequest = {
    now: new Date(),
    range: { start: '2026-11-23T00:00:00Z', end: Date.parse('2026-11-30T00:00:00Z') },
    timezone: 'Europe/Paris',
    viewerTimezone: 'America/New_York',
    event: { duration: 30, step: 15, bufferAfter: 10, hours: { mon: [['08:00', '18:00']] } },
    team: { mode: 'roundRobin', minAvailable: 1, assignment: 'balanced' },
    members: [
      {
        id: 'alice',
        timezone: 'America/New_York',
        weekly: { mon: [['09:00', '12:00'], ['13:00', '17:00']], fri: [['22:00', '02:00']] },
        overrides: { '2026-12-24': [['09:00', '12:00']], '2026-12-25': [] },
        timeOff: [{ from: '2026-12-28', to: '2026-12-31' }, { start: '2026-11-24T15:00:00Z', end: '2026-11-24T18:00:00Z' }],
        busy: [{ start: '2026-11-23T14:00:00Z', end: '2026-11-23T15:00:00Z' }],
        lastBookedAt: '2026-11-20T09:12:00Z',
      },
    ],
  };
  const response: SlotsResponse = computeSlots(request);
  const first: Slot | undefined = response.slots[0];
  const hosts: string[] = first?.hosts ?? [];
  const candidates: string[] | undefined = first?.candidates;
  void candidates;
  return hosts.concat(response.days.map((d) => `${d.date}: ${d.count} from ${d.first}`));
}

export function nodeScript(): number {
  initSync({ module: new Uint8Array(0) });
  const status: StatusResponse = availabilityStatus({
    now: '2026-11-23T12:10:00Z',
    member: {
      id: 'bob',
      timezone: 'Europe/Amsterdam',
      weekly: { mon: [['09:00', '17:00']] },
      manual: { status: 'away', since: '2026-11-23T12:05:00Z', reason: 'lunch' },
      capacity: { max: 10, assigned: 7 },
    },
  });
  const until: string | null = status.until;
  void until;
  const scheduler = new Scheduler({
    timezone: 'UTC',
    event: { duration: 60 },
    members: [{ id: 'ana', timezone: 'UTC', weekly: { mon: [['09:00', '17:00']] } }],
  });
  const starts: Float64Array = scheduler.slotStarts('2026-11-01T00:00:00Z', new Date('2026-12-01T00:00:00Z'));
  const month: SlotsResponse = scheduler.slots(0, 86_400_000, Date.now());
  // One prepared page, each visitor in their own zone, with local times from the engine.
  const forVisitor: SlotsResponse = scheduler.slots(0, 86_400_000, { viewerTimezone: 'America/Vancouver', local: true, now: new Date() });
  const wall: LocalDateTime | undefined = forVisitor.slots[0]?.localStart;
  const computed = computeSlots({ range: { start: 0, end: 1 }, timezone: 'UTC', event: { duration: 30 }, members: [] }, { local: true });
  const ends: (string | undefined)[] = computed.slots.map((slot) => slot.localEnd);
  const today: LocalDateTime = localDateTime(Date.now(), 'Asia/Kolkata');
  const { names, links } = timeZones();
  const modern: string = links['Asia/Calcutta'] ?? names[0];
  void [wall, ends, today, modern];
  scheduler.free();
  const text: string = version() + tzdataVersion();
  void text;
  return starts.length + month.slots.length;
}

export function errors(): ErrorCode | undefined {
  try {
    computeSlots('{"now": ');
  } catch (e) {
    const err = e as BookableError;
    const where: string = err.path;
    void where;
    return err.code;
  }
  return undefined;
}

export function mistakesAreCaught(): void {
  // @ts-expect-error: `range` is required
  computeSlots({ timezone: 'UTC', event: { duration: 30 }, members: [] });
  computeSlots({
    range: { start: 0, end: 1 },
    timezone: 'UTC',
    // @ts-expect-error: misspelt field
    event: { duration: 30, bufferAfer: 10 },
    members: [],
  });
  computeSlots({
    range: { start: 0, end: 1 },
    timezone: 'UTC',
    event: { duration: 30 },
    // @ts-expect-error: not a team mode
    team: { mode: 'roundrobin' },
    members: [],
  });
  computeSlots({
    range: { start: 0, end: 1 },
    timezone: 'UTC',
    event: { duration: 30 },
    // @ts-expect-error: hours are [start, end] pairs
    members: [{ id: 'a', timezone: 'UTC', weekly: { mon: ['09:00', '17:00'] } }],
  });
  // @ts-expect-error: `status` is "available" or "away"
  const s: StatusResponse['status'] = 'busy';
  void s;
  const response = computeSlots('{}');
  // @ts-expect-error: response instants are strings
  const n: number = response.slots[0].start;
  void n;
  const scheduler = new Scheduler('{}');
  // @ts-expect-error: a Float64Array, not an array of strings
  const wrong: string[] = scheduler.slotStarts(0, 1);
  void wrong;
  // @ts-expect-error: misspelt option (viewerTimezone)
  scheduler.slots(0, 1, { viewerTimeZone: 'UTC' });
  // @ts-expect-error: `local` is a boolean
  computeSlots('{}', { local: 'yes' });
}
