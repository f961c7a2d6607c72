import type { TFunction } from 'i18next';

/** What a list shows beside a masked name so that two 王** can be told apart: building, age, masked mobile. */
export type TellApart = { building?: string | null; age?: number | null; mobileHint?: string | null };

/**
 * The words beside a masked name in a picker or list (王** · 4栋 · 72 岁 · 138****1234): only what the use case gave,
 * already masked (issue 19's trial: two 王** in the senior school's attendance and teacher pickers looked the same).
 */
export function tellApart(t: TFunction, p: TellApart): string {
  return [p.building, p.age != null ? t('residents.tellApart.age', { age: p.age }) : null, p.mobileHint].filter(Boolean).join(' · ');
}

/** A masked name with what tells it apart: `王**（4栋 · 72 岁 · 138****1234）`, or the name alone. */
export function nameTellingApart(t: TFunction, nameHint: string, p: TellApart): string {
  const detail = tellApart(t, p);
  return detail ? `${nameHint}（${detail}）` : nameHint;
}
