import type { Tx } from '@shequ/db';
import { chinaDate } from '@shequ/domain';
import type { StaffCaller } from '@shequ/use-cases';
import { download, FILE_TYPES } from '~/lib/download.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { actAsStaff, runAsStaff } from '~/lib/staff-scope.server.ts';

// The server half shared by the co-governance committee's staff pages (issue 18, decision 037): the caller, their
// transaction, refusals (403 and 404 pages; the rest beside a field or above the form that was sent, through
// ~/lib/form-reply.server.ts), report files.

/** The signed-in member of the community console. */
export async function committeeCaller(request: Request): Promise<StaffCaller> {
  const { actor, ability } = await requireActor(request, 'community');
  return { actor, ability };
}

/** A loader's use case in the caller's scope (runAsStaff: 403 and 404 pages). */
export const loadCommittee = <T>(caller: StaffCaller, fn: (tx: Tx) => Promise<T>) => runAsStaff(caller, fn);

/** An action's use case in the caller's scope (actAsStaff: refusals come back to be shown beside a field or above the form). */
export const actOnCommittee = <T>(caller: StaffCaller, fn: (tx: Tx) => Promise<T>) => actAsStaff(caller, fn);

/** A report's year (default: this year in China) and format (`pdf` unless `xlsx`) from the query string. */
export function reportParams(request: Request): { year: number; format: 'pdf' | 'xlsx' } {
  const q = new URL(request.url).searchParams;
  const thisYear = Number(chinaDate(new Date()).slice(0, 4));
  const asked = Number(q.get('year'));
  return { year: Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear, format: q.get('format') === 'xlsx' ? 'xlsx' : 'pdf' };
}

/** A report file to download (Chinese file names kept, characters a file system objects to replaced). */
export function reportFile(bytes: Uint8Array, fileName: string, format: 'pdf' | 'xlsx'): Response {
  const safe = Array.from(fileName, (c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('').slice(0, 100);
  return download(bytes, safe, FILE_TYPES[format], `report.${format}`);
}
