import { redirect } from '@remix-run/node';
import type { Tx } from '@shequ/db';
import { subject } from '@shequ/permissions';
import type { StaffCaller } from '@shequ/use-cases';
import { caseDeps } from '~/lib/deps.server.ts';
import { download, FILE_TYPES } from '~/lib/download.server.ts';
import { queryMonth, readQueryPeriod } from '~/lib/query-params.ts';
import { requireActor } from '~/lib/session.server.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';

// The server half shared by the meal help pages (decision 038): the caller and the day or month asked for. Their use
// cases run through runAsStaff / actAsStaff (~/lib/staff-scope.server.ts).

/** The signed-in community member. */
export async function mealCaller(request: Request): Promise<StaffCaller> {
  const { actor, ability } = await requireActor(request, 'community');
  return { actor, ability };
}

/** Today in China (YYYY-MM-DD). A page's day or month from its address: queryDay / queryMonth (~/lib/query-params.ts). */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

type MonthInput = { month: string; cipher: typeof caseDeps.cipher };

/**
 * A settlement page's loader (meals, the station's services): the month asked (this month by default; one that
 * cannot be read is the 400 page, queryMonth), and full names only when asked (names=1) by whoever may see personal
 * data; the use case (`settle`) writes that view to the audit log. Output: the settlement with `namesShown`.
 */
export async function loadSettlement<T extends object>(request: Request, settle: (tx: Tx, caller: StaffCaller, input: MonthInput & { names: boolean }) => Promise<T>) {
  const caller = await mealCaller(request);
  const month = queryMonth(request, chinaToday().slice(0, 7));
  const names = new URL(request.url).searchParams.get('names') === '1' && caller.ability.can('reveal', subject('PersonalData', { tenantId: caller.actor.workspace.tenantId ?? '' }));
  const settlement = await runAsStaff(caller, (tx) => settle(tx, caller, { month, names, cipher: caseDeps.cipher }));
  return { ...settlement, namesShown: names };
}

/**
 * A month's subsidy claim for 民政 as an Excel file (the claim routes: resources, no page), named `<stem>-<month>.xlsx`
 * when the use case gives no name. A month that cannot be read gives no file (never another month's, as 2026-13 once
 * did): it goes to the settlement page of that address (`settlementPath`), which says why in the app's layout (its
 * 400 page), where another month can be chosen.
 */
export async function downloadClaim(request: Request, settlementPath: string, stem: string, exportClaim: (tx: Tx, caller: StaffCaller, input: MonthInput) => Promise<{ bytes: Uint8Array; fileName: string }>) {
  const caller = await mealCaller(request);
  const asked = readQueryPeriod(request, 'month', chinaToday().slice(0, 7));
  if (!asked.ok) throw redirect(`${settlementPath}?${new URL(request.url).searchParams.toString()}`);
  const month = asked.value;
  const claim = await runAsStaff(caller, (tx) => exportClaim(tx, caller, { month, cipher: caseDeps.cipher }));
  return download(claim.bytes, claim.fileName, FILE_TYPES.xlsx, `${stem}-${month}.xlsx`);
}
