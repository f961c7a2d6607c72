import { data } from '@remix-run/node';
import { type Actor, type AppAbility, ForbiddenError } from '@shequ/permissions';
import { parseTimeOfDay } from '@shequ/domain';
import { saveSlaPolicy, type SlaFields } from '@shequ/use-cases';
import { type slaFormSchema } from '@shequ/use-cases/schemas';
import type { z } from '~/lib/validation.ts';
import { withActor } from '~/lib/db.server.ts';
import { forbidden } from '~/lib/http.server.ts';
import { isRefusal, placeRefusal } from '~/lib/refusal.server.ts';
import { withOwnValues } from '~/lib/form-reply.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import type { Submission } from '@conform-to/react';
import type { RefusalMessage } from '~/lib/refusal.ts';

const num = (v: string) => {
  const s = v.trim();
  return s === '' ? null : Number(s);
};
// A time of day (24:00 allowed as an end); -1 for something that is not one, so the use case refuses it.
const minutes = (v: string) => {
  const s = v.trim();
  return s === '' ? null : (parseTimeOfDay(s) ?? -1);
};

/** The time-limit form (slaFormSchema, as typed) as fields: empty inherits; reminders are typed as percentages ("50, 80"). */
export function parseSlaForm(form: SlaForm): SlaFields & { categoryName: string | null } {
  const reminders = form.reminders.trim();
  return {
    categoryName: form.categoryName.trim() || null,
    acceptHours: num(form.acceptHours),
    resolveDays: num(form.resolveDays),
    streetDays: num(form.streetDays),
    departmentDays: num(form.departmentDays),
    reminderFractions: reminders ? reminders.split(/[\s,，、]+/).filter(Boolean).map((p) => Number(p) / 100) : null,
    workStartMinute: minutes(form.workStart),
    workEndMinute: minutes(form.workEnd),
  };
}

type SlaForm = z.output<typeof slaFormSchema>;

/** The name of a time-limit row's form on the page (SlaSettings: one form per category, `*` for the general row). */
export const slaFormName = (categoryName: string | null | undefined) => `sla:${categoryName?.trim() || '*'}`;

/**
 * What a time-limit page answers a refused row (read by SlaSettings through useReply): its form's name, every
 * problem beside its field (`errors`, each message with its own values: the wrong reminders named), a problem naming
 * no field of the row above the rows (`error`, `params`), and what was typed (`typed`).
 */
export type SlaReply = { ok: boolean; error: RefusalMessage | null; params: Record<string, string | number>; typed: Record<string, string> | null; form?: string; errors?: Record<string, string[]> };

/**
 * The answer to a time-limit form its schema refused (the browser says it first, beside the fields; without
 * JavaScript, here): every problem beside its field of the row sent, with what was typed. It said only the first
 * problem, above all the rows, without saying which row or field (issue 19's review).
 */
export function slaFormRefused(submission: Pick<Submission<unknown>, 'payload'> & { error?: Record<string, string[] | null | undefined> | null }) {
  const typed = Object.fromEntries(Object.entries(submission.payload).map(([k, v]) => [k, String(v ?? '')]));
  const errors = Object.fromEntries(Object.entries(submission.error ?? {}).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].length > 0));
  return data<SlaReply>({ ok: false, error: null, params: {}, typed, form: slaFormName(typed.categoryName), errors }, { status: 400 });
}

/** The use case's fields as a row of the page names them (working hours: the district's general row only). */
const SLA_FIELDS: Record<string, string> = { acceptHours: 'acceptHours', resolveDays: 'resolveDays', streetDays: 'streetDays', departmentDays: 'departmentDays', reminderFractions: 'reminders' };

/** Saves the posted form (checked against slaFormSchema) for an org unit; a refusal comes back with its message key and what was typed. */
export async function saveSlaFromForm(actor: Actor, ability: AppAbility, orgUnitId: string, kind: 'district' | 'community', form: SlaForm) {
  const fields = parseSlaForm(form);
  try {
    await withActor(actor, (tx) => saveSlaPolicy(tx, { actor, ability }, { orgUnitId, kind, ...fields }));
    return withToast<SlaReply>({ ok: true, error: null, params: {}, typed: null }, 'saved');
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (isRefusal(error)) {
      // Every problem the use case found, beside its field of the row sent; one naming no field of it, above the rows.
      const hours: Record<string, string> = kind === 'district' && !fields.categoryName ? { workStartMinute: 'workStart', workEndMinute: 'workEnd' } : {};
      const placed = placeRefusal(error, { fields: { ...SLA_FIELDS, ...hours } });
      const errors = Object.fromEntries(Object.entries(placed.fieldErrors).map(([field, messages]) => [field, messages.map((m) => withOwnValues(m, placed.fieldParams[field]))]));
      return data<SlaReply>({ ok: false, error: placed.formErrors[0] ?? null, params: placed.params, typed: form as Record<string, string>, form: slaFormName(fields.categoryName), errors }, { status: placed.status });
    }
    throw error;
  }
}
