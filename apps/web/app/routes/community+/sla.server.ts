import { data } from '@remix-run/node';
import { type Actor, type AppAbility, ForbiddenError } from '@shequ/permissions';
import { parseTimeOfDay } from '@shequ/domain';
import { saveSlaPolicy, type SlaFields } from '@shequ/use-cases';
import { type slaFormSchema } from '@shequ/use-cases/schemas';
import type { z } from '~/lib/validation.ts';
import { withActor } from '~/lib/db.server.ts';
import { forbidden } from '~/lib/http.server.ts';
import { describeRefusal, isRefusal } from '~/lib/refusal.server.ts';
import { withToast } from '~/lib/toast.server.ts';
import type { Submission } from '@conform-to/react';
import { firstProblem } from '~/lib/forms.server.ts';
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

/**
 * The answer to a time-limit form its schema refused (the browser says it first, beside the fields; without
 * JavaScript, here): the first message, with what was typed.
 */
export function slaFormRefused(submission: Pick<Submission<unknown>, 'payload'> & { error?: Record<string, string[] | null | undefined> | null }) {
  const typed = Object.fromEntries(Object.entries(submission.payload).map(([k, v]) => [k, String(v ?? '')]));
  return data({ ok: false, error: firstProblem(submission).message as RefusalMessage, typed }, { status: 400 });
}

/** Saves the posted form (checked against slaFormSchema) for an org unit; a refusal comes back with its message key and what was typed. */
export async function saveSlaFromForm(actor: Actor, ability: AppAbility, orgUnitId: string, kind: 'district' | 'community', form: SlaForm) {
  const fields = parseSlaForm(form);
  try {
    await withActor(actor, (tx) => saveSlaPolicy(tx, { actor, ability }, { orgUnitId, kind, ...fields }));
    return withToast({ ok: true, error: null, typed: null }, 'saved');
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    if (isRefusal(error)) {
      const refusal = describeRefusal(error);
      return data({ ok: false, error: refusal.message, typed: form as Record<string, string> }, { status: refusal.status });
    }
    throw error;
  }
}
