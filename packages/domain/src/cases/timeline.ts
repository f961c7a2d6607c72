import { CASE_HOLDER, type CaseStatus } from './lifecycle.ts';
import { formatTrackingCode } from './tracking-code.ts';

/**
 * How one entry of a case's timeline reads, for each of its two readers: staff (every console: community, street,
 * department, district) and the resident (the tracking page, public entries only). The same event is worded for
 * its reader — the resident reads "您申请重新办理", staff read "居民申请重新办理" — and names the unit that acted
 * (金源街道, 区住建局), never taking a department's step for the community's.
 *
 * Events record who acted as `data.byLevel` / `data.byName` (the actor's unit) since issue 15; older events get
 * their level from the status they left and their unit name from the case (`names`).
 */
export type TimelineReader = 'staff' | 'resident';
export type ActorLevel = 'community' | 'street' | 'department' | 'district' | 'resident' | 'system';

export type CaseEventFacts = { type: string; actorKind: string; body: string | null; data: Record<string, unknown> | null };

/** Unit names to fall back on for events recorded before they carried their actor's unit. */
export type TimelineNames = { community: string; street: string; department: string; district: string };

export type TimelineLine = {
  /** The wording's key: `resident.events.<key>` for residents, `cases.events.<key>` for staff. */
  key: string;
  /** Values for the wording: `by` (the acting unit), `to` (the receiving unit), `rating`, `code`, `co`. */
  values: Record<string, string>;
  /** Words addressed to this reader: a reply, a resolution, a question, the resident's own words. */
  text: string | null;
  /**
   * Staff only: the words passed between the levels that the resident does not see (上报原因, 转办说明, 退回说明, a
   * department's resolution waiting for review). Always null for residents.
   */
  note: string | null;
  /** Staff only: why a case was not accepted (a REJECT_REASONS code, worded by the reader's language). */
  rejectReason: string | null;
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const LEVELS: readonly ActorLevel[] = ['community', 'street', 'department', 'district', 'resident', 'system'];

/** Who acted: recorded on the event, or (older events) read from its actor kind and the status it left. */
export function eventActorLevel(e: CaseEventFacts): ActorLevel {
  const recorded = str(e.data?.byLevel) as ActorLevel;
  if (LEVELS.includes(recorded)) return recorded;
  if (e.actorKind === 'resident') return 'resident';
  if (e.actorKind === 'system') return 'system';
  if (e.type === 'supervise') return 'district';
  const from = str(e.data?.from) as CaseStatus;
  return CASE_HOLDER[from] ?? 'community';
}

/** The wording's key: some actions read differently by where they happened. */
function keyOf(e: CaseEventFacts): string {
  const from = str(e.data?.from);
  switch (e.type) {
    case 'resolve':
      return from === 'forwarded' ? 'resolveForReview' : 'resolve';
    case 'escalate':
      return e.data?.automatic === true ? 'escalateAuto' : 'escalate';
    case 'supervise':
      return e.actorKind === 'system' ? 'superviseAuto' : 'supervise';
    case 'return':
      return from === 'forwarded' ? 'returnToStreet' : 'return';
    default:
      return e.type;
  }
}

/** Reads one timeline entry for a reader (see the module comment). */
export function describeCaseEvent(e: CaseEventFacts, reader: TimelineReader, names: TimelineNames): TimelineLine {
  const data = e.data ?? {};
  const level = eventActorLevel(e);
  const by = str(data.byName) || str(data.fromName) || (level === 'community' || level === 'street' || level === 'department' || level === 'district' ? names[level] : '');
  const values: Record<string, string> = { by, to: str(data.toName) };
  if (typeof data.rating === 'number') values.rating = String(data.rating);
  if (Array.isArray(data.co) && data.co.length) values.co = data.co.filter((x) => typeof x === 'string').join('、');
  if (typeof data.into === 'string') values.code = formatTrackingCode(data.into);
  if (e.type === 'merged_in' && typeof data.from === 'string') values.code = formatTrackingCode(data.from);
  if (e.type === 'merged_rated' && typeof data.code === 'string') values.code = formatTrackingCode(data.code);
  if (typeof data.assigneeName === 'string') values.assignee = data.assigneeName;
  // sendBack events before issue 15 named the street as `toName`; the department it went back to is the case's.
  if (e.type === 'sendBack' && !data.byLevel) values.to = names.department;
  let key = keyOf(e);
  if (key === 'forward' && values.co) key = 'forwardCo';
  if (key === 'assign' && !data.assigneeId) key = 'unassign';
  if (reader === 'resident') return { key, values, text: e.body, note: null, rejectReason: null };
  // Words between the levels: `note` since issue 15; escalations and returns kept them in `reason` before.
  const note = str(data.note) || (e.type === 'escalate' || e.type === 'return' ? str(data.reason) : '') || null;
  return { key, values, text: e.body, note, rejectReason: e.type === 'reject' ? str(data.reason) || null : null };
}
