import { data } from '@remix-run/node';
import type { Tx } from '@shequ/db';
import { ForbiddenError } from '@shequ/permissions';
import { type StaffCaller, UseCaseError } from '@shequ/use-cases';
import { withActor } from '~/lib/db.server.ts';
import { forbidden, notFound } from '~/lib/http.server.ts';
import { describeRefusal } from '~/lib/refusal.server.ts';

// The server half shared by the volunteer pages (issue 17, decision 036): the caller's transaction, refusals turned
// into pages (403, 404) or a message for the page to show.

const NOT_FOUND = new Set(['volunteer.team.notFound', 'volunteer.shift.notFound', 'volunteer.activity.notFound']);

/** Runs a loader's use case: forbidden is the 403 page; a shift or team the caller does not run (or that does not exist), the 404 page. */
export async function loadVolunteers<T>(caller: StaffCaller, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await withActor(caller.actor, fn);
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (error instanceof UseCaseError && NOT_FOUND.has(error.code)) notFound();
    throw error;
  }
}

/** Runs an action's use case; refusals other than forbidden / not found come back as `{ refusal }` with their status. */
export async function actOnVolunteers<T>(caller: StaffCaller, fn: (tx: Tx) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; reply: ReturnType<typeof refusalData> }> {
  try {
    return { ok: true, value: await loadVolunteers(caller, fn) };
  } catch (error) {
    if (error instanceof UseCaseError) return { ok: false, reply: refusalData(error) };
    throw error;
  }
}

function refusalData(error: UseCaseError) {
  const r = describeRefusal(error);
  return data({ refusal: { key: r.message, params: error.params } }, { status: r.status });
}
