import type { Tx } from '@shequ/db';
import { ForbiddenError } from '@shequ/permissions';
import { type StaffCaller, UseCaseError } from '@shequ/use-cases';
import { withActor } from '~/lib/db.server.ts';
import { forbidden, notFound } from '~/lib/http.server.ts';
import { describeRefusal, type Refusal } from '~/lib/refusal.server.ts';
import { requireActor } from '~/lib/session.server.ts';

// The server half shared by the meal help pages (decision 038): the caller, their transaction, refusals.

/** The signed-in community member. */
export async function mealCaller(request: Request): Promise<StaffCaller> {
  const { actor, ability } = await requireActor(request, 'community');
  return { actor, ability };
}

/** Runs a loader's use case in the caller's scope: a permission refusal is the 403 page, a not-found refusal the 404 page. */
export async function loadMeals<T>(caller: StaffCaller, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await withActor(caller.actor, fn);
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (error instanceof UseCaseError && error.kind === 'notFound') notFound();
    if (error instanceof UseCaseError && error.kind === 'forbidden') forbidden();
    throw error;
  }
}

/**
 * Runs an action's use case in the caller's scope. A permission refusal is the 403 page; an id not found (another
 * community's) the 404 page; other refusals come back for the page to show beside their field or above the form.
 */
export async function actOnMeals<T>(caller: StaffCaller, fn: (tx: Tx) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; refusal: Refusal }> {
  try {
    return { ok: true, value: await withActor(caller.actor, fn) };
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (error instanceof UseCaseError) {
      const refusal = describeRefusal(error);
      if (refusal.status === 404 && !refusal.field) notFound();
      return { ok: false, refusal };
    }
    throw error;
  }
}

/** Today in China (YYYY-MM-DD), and a valid day from the query string or a fallback. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
export function dayParam(request: Request, fallback: string): string {
  const v = new URL(request.url).searchParams.get('day');
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : fallback;
}

/** A valid month (YYYY-MM) from the query string, or this month in China. */
export function monthParam(request: Request): string {
  const v = new URL(request.url).searchParams.get('month');
  return v && /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? v : chinaToday().slice(0, 7);
}
