import { type DecisionStatus } from '@shequ/domain';

/** A decision's status as readers see it: its notice period over, a 'notice' decision is a project in progress. */
export function effectiveStatus(d: { status: string; noticeEndsAt: Date }, now: Date): DecisionStatus {
  if (d.status === 'notice' && now.getTime() >= d.noticeEndsAt.getTime()) return 'in_progress';
  return d.status as DecisionStatus;
}
