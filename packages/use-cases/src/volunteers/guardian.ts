import type { Problem } from '../errors.ts';

/** A guardian's relation to a volunteer of 14–17, from this list (t35: any text, "😀", was accepted). */
export const GUARDIAN_RELATIONS = ['父亲', '母亲', '祖父', '祖母', '外祖父', '外祖母', '其他监护人'] as const;

// A person's name: Chinese characters (with the middle dot of minority names), or letters for a foreign name.
const PERSON_NAME = /^(?:[\p{Script=Han}][\p{Script=Han}·•]*|[A-Za-z][A-Za-z .'-]+)$/u; // length: the register's own rule

/**
 * The problems of a guardian's name and relation as given (each beside its field): volunteer.guardian.name (not a
 * person's name), volunteer.guardian.relation (`{ relations }`: not one of GUARDIAN_RELATIONS). Nothing given, nothing
 * said: whether a guardian is required is the caller's rule.
 */
export function guardianProblems(name: string | null | undefined, relation: string | null | undefined): Problem[] {
  const problems: Problem[] = [];
  if (name && !PERSON_NAME.test(name.trim())) problems.push({ code: 'volunteer.guardian.name', params: { field: 'guardianName' } });
  if (relation && !(GUARDIAN_RELATIONS as readonly string[]).includes(relation.trim()))
    problems.push({ code: 'volunteer.guardian.relation', params: { field: 'guardianRelation', relations: GUARDIAN_RELATIONS.join('、') } });
  return problems;
}
