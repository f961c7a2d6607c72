import type { LoaderFunctionArgs } from '@remix-run/node';
import { findResidents } from '@shequ/use-cases';
import { caseDeps } from '~/lib/deps.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { committeeCaller } from './committee.server.ts';

/** A person of the register as the meeting form's picker lists them: masked name and what tells two apart. */
export type PickedPerson = { id: string; label: string };
/** A person found, as this route answers (the picker words the label in the reader's language). */
export type FoundPerson = { id: string; nameHint: string; age: number | null; address: string | null; mobileHint: string | null };

/**
 * The meeting form's picker of residents' representatives (issue 18: "residents' representatives" are invited by
 * the use case's residentIds; the form had no way to choose them): up to ten people of the register the caller may
 * see, found by name fragment, mobile or ID number (findResidents: nothing decrypted, masked), as JSON
 * `{ found: FoundPerson[] }`. An empty query finds nobody.
 */
export const loader = resourceRoute('json', async ({ request }: LoaderFunctionArgs) => {
  const caller = await committeeCaller(request);
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 40);
  const answer = (found: FoundPerson[]) => Response.json({ found }, { headers: { 'Cache-Control': 'private, no-store' } });
  if (!q) return answer([]);
  const { rows } = await runAsStaff(caller, (tx) => findResidents(tx, caller, { q, pageSize: 10, cipher: caseDeps.cipher }));
  return answer(rows.map((r) => ({ id: r.id, nameHint: r.nameHint, age: r.age, address: r.address, mobileHint: r.mobileHint })));
});
