import { UseCaseError } from '../errors.ts';
import { assertMeetingOpen } from './shared.ts';

// Moving or calling off a consultation meeting before it starts (issue 18, decision 048): what the two use cases
// (reschedule-meeting.ts, cancel-meeting.ts) share. Its reminder is a timer on the worker's subject timers
// (meeting-subject.ts, decision 026): it moves with the meeting, or ends with it.

/** A meeting that can still be moved or called off: planned (no attendance recorded yet), not closed or cancelled. */
export function assertNotStarted(meeting: { status: string }) {
  assertMeetingOpen(meeting);
  if (meeting.status !== 'planned') throw new UseCaseError('consultation.meeting.started');
}
