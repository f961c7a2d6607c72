import { chinaDateTime } from '@shequ/domain';
import { UseCaseError } from '../errors.ts';
import { OFFLINE_VISIT_BACK_DAYS } from './schemas.ts';

/** How far ahead of the server's clock a phone's clock may run (a few minutes' drift is not a future record). */
export const CLOCK_DRIFT_MS = 10 * 60_000;

/**
 * A moment a phone gave to a record kept offline (decision 076 for visits; 078 for edits and needs): not after now
 * beyond a clock's drift, not more than OFFLINE_VISIT_BACK_DAYS back; refused with the bound named in China time
 * (`{prefix}.future`: latest, `{prefix}.tooOld`: earliest and days), beside `field`.
 */
export function offlineMoment(at: Date, now: Date, prefix: 'care.visitedAt' | 'care.editedAt', field: string): Date {
  const latest = now.getTime() + CLOCK_DRIFT_MS;
  const earliest = now.getTime() - OFFLINE_VISIT_BACK_DAYS * 24 * 3600_000;
  if (at.getTime() > latest) throw new UseCaseError(`${prefix}.future`, { field, latest: chinaDateTime(new Date(latest)).slice(0, 16) });
  if (at.getTime() < earliest) throw new UseCaseError(`${prefix}.tooOld`, { field, earliest: chinaDateTime(new Date(earliest)).slice(0, 16), days: OFFLINE_VISIT_BACK_DAYS });
  return at;
}

/** When an offline edit of a person was made (decision 078: 2099 is refused, as an offline visit's date is). */
export const editedAtBounded = (editedAt: Date, now: Date) => offlineMoment(editedAt, now, 'care.editedAt', 'editedAt');
