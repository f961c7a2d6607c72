import { type Tx } from '@shequ/db';
import { assertCan, subject } from '@shequ/permissions';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { openOr, type PersonalDataCipher } from '../security/personal-data.ts';
import type { StaffCaller } from '../caller.ts';
import { mealMonthSchema } from '../meals/meals.schema.ts';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { doneServices, type DoneRow, group } from './service-settlement.ts';
import { assertServiceStaff, serviceCommunity } from './shared.ts';

/**
 * The month's settlement of the station's services: services done, full price, subsidy and what people paid (fen),
 * by service, by subsidy category and by person (masked names). Bookings cancelled or missed (no-show) do not count.
 * With `names` (and the cipher), whoever may see personal data gets full names too, written to the audit log
 * (`reveal_settlement_names`), as getMealSettlement.
 * Input: `{ month: 'YYYY-MM', names?, cipher? }`. Output: `{ month, uses, priceCents, subsidyCents, paidCents,
 * byService[], byCategory[], byPerson[] (name: null unless revealed) }`. Refuses: forbidden (not the station's
 * staff; names without reveal PersonalData); a malformed month (invalid input).
 */
export async function getServiceSettlement(tx: Tx, caller: StaffCaller, input: z.input<typeof mealMonthSchema> & { names?: boolean; cipher?: PersonalDataCipher }) {
  assertServiceStaff(caller, 'update');
  const tenantId = serviceCommunity(caller);
  const p = parseInput(mealMonthSchema, input);
  const rows = await doneServices(tx, tenantId, p.month);
  const cipher = input.names ? input.cipher : undefined;
  if (input.names) assertCan(caller.ability, 'reveal', subject('PersonalData', { tenantId }));
  const sum = (f: (r: DoneRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  const byPersonRaw = group(rows, (r) => r.residentId);
  if (cipher) await recordAuditEvent(tx, { tenantId, actorUserId: caller.actor.userId, action: 'reveal_settlement_names', subjectType: 'ElderService', subjectId: null, detail: { month: p.month, people: byPersonRaw.size } });
  return {
    month: p.month,
    uses: rows.length,
    priceCents: sum((r) => r.priceCents),
    subsidyCents: sum((r) => r.subsidyCents),
    paidCents: sum((r) => r.priceCents - r.subsidyCents),
    byService: [...group(rows, (r) => r.service)].map(([service, g]) => ({ service, uses: g.uses, people: g.people.size, priceCents: g.priceCents, subsidyCents: g.subsidyCents })),
    byCategory: [...group(rows, (r) => r.category)].map(([category, g]) => ({ category, uses: g.uses, people: g.people.size, subsidyCents: g.subsidyCents })).sort((a, b) => b.subsidyCents - a.subsidyCents),
    byPerson: [...byPersonRaw].map(([residentId, g]) => {
      const first = rows.find((r) => r.residentId === residentId)!;
      return { residentId, nameHint: first.nameHint, name: cipher ? openOr(cipher, first.nameEnc, null) : null, category: first.category, uses: g.uses, subsidyCents: g.subsidyCents, paidCents: g.priceCents - g.subsidyCents };
    }).sort((a, b) => b.subsidyCents - a.subsidyCents || b.uses - a.uses),
  };
}
