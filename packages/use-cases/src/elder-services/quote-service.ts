import type { Tx } from '@shequ/db';
import { parseInput } from '../parse-input.ts';
import type { z } from '../zod.ts';
import { bookServiceSchema } from './elder-services.schema.ts';
import { latestAssessment, loadSlot, priceService, type ServiceCaller, serviceParty, slotTaken } from './shared.ts';
import { assessmentCurrent, chinaDate, serviceAgeCheck } from '@shequ/domain';
import { mealPerson } from '../meals/station.ts';

/**
 * What a person would pay for a slot, shown before they book (as meals, decision 038): full price, the subsidy of
 * the rule that applies to them (fen), what they pay, places left, and whether the prerequisite (a recent ability
 * assessment) holds and whether they are old enough (`age`: 'ok', 'tooYoung', 'noBirth'; the service's `minAge`).
 * Input: `{ slotId, residentId }`. Output: `{ priceCents, subsidyCents, payCents, category, placesLeft, assessmentOk,
 * age, minAge }`. Refuses: as bookService for who may book for whom; service.slot.notFound.
 */
export async function quoteService(tx: Tx, caller: ServiceCaller, input: z.input<typeof bookServiceSchema>) {
  const p = parseInput(bookServiceSchema, input);
  const { tenantId } = await serviceParty(tx, caller, p.residentId);
  const { slot, service } = await loadSlot(tx, tenantId, p.slotId);
  const price = await priceService(tx, tenantId, service, slot, p.residentId, 'planned');
  const assessed = await latestAssessment(tx, tenantId, p.residentId);
  const { birth } = await mealPerson(tx, tenantId, p.residentId);
  const day = chinaDate(slot.startsAt);
  return {
    ...price,
    placesLeft: Math.max(0, slot.capacity - (await slotTaken(tx, tenantId, slot.id))),
    assessmentOk: assessmentCurrent(service.assessmentDays, assessed?.assessedOn ?? null, day),
    age: serviceAgeCheck(service.minAge, birth, day),
    minAge: service.minAge,
  };
}
