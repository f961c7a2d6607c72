import { checkAdminCode, cleanText, normalizeAdminCode, type OrgKind } from '@shequ/domain';
import { withRules, z } from '../zod.ts';

const typed = z.string().default('');
/** Whether a unit's name, once cleaned (cleanText), has 1–40 characters: the one rule of the form and of validName. */
export const isUnitName = (name: string) => {
  const cleaned = cleanText(name ?? '');
  return cleaned.length > 0 && Array.from(cleaned).length <= 40;
};
const unitName = typed.refine(isUnitName, 'refusals.org.name.invalid');
const ADDABLE_KINDS = ['district', 'street', 'department'] as const satisfies readonly Exclude<OrgKind, 'community'>[];

/**
 * The hierarchy page's forms, by intent: add a district, street or department (addOrgUnit), rename or retire one
 * (renameOrgUnit, retireOrgUnit), move a community to another street (moveCommunity). What a form alone can tell is
 * checked here with the use cases' own rules and messages (a name's length, a code's shape for the unit's level, a
 * street chosen), so the browser says it beside the field; the use cases check them again, and what needs the
 * database (ids, where a unit may sit, a code within the street's, names and codes taken).
 */
export const hierarchyFormSchema = withRules(
  z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('add'), kind: z.enum(ADDABLE_KINDS, { errorMap: () => ({ message: 'refusals.org.badParent' }) }), parentId: typed, name: unitName, adminCode: typed }),
    z.object({ intent: z.literal('rename'), id: typed, name: unitName }),
    z.object({ intent: z.literal('retire'), id: typed }),
    z.object({ intent: z.literal('move'), id: typed, streetId: typed.refine((v) => v.trim().length > 0, 'refusals.org.move.street'), adminCode: typed }),
  ]),
  // A code of the wrong shape for the unit's level (createOrgUnit takes it trimmed; moveCommunity normalised); a kind
  // not chosen leaves the level unknown (its own problem is said).
  (v, ctx) => {
    const code = v.intent === 'add' || v.intent === 'move' ? (v.adminCode ?? '') : '';
    const problem = v.intent === 'add' ? v.kind && code.trim() && checkAdminCode(code.trim(), v.kind) : v.intent === 'move' ? normalizeAdminCode(code) && checkAdminCode(normalizeAdminCode(code), 'community') : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['adminCode'], message: 'refusals.org.badCode' });
  },
);
