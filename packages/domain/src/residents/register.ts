/**
 * The residents' register (居民档案, decision 034): pure rules about a person of the community. Amounts and
 * lists that vary by place (tags beyond the defaults) are the community's own data.
 */

/**
 * The tags a community starts with. From the priority groups of 民发〔2023〕58号《积极发展老年助餐服务行动方案》
 * (低保, 特困, 低保边缘, 独居, 空巢, 留守, 失能, 残疾, 高龄, 计生特殊家庭) and the community's own practice (党员,
 * 退役军人, 志愿者, 困境儿童), and every tag the default care rules name (DEFAULT_CARE_RULES: 重病, 孤儿; decision 073).
 * A community adds its own.
 */
export const DEFAULT_RESIDENT_TAGS = [
  '独居',
  '空巢',
  '高龄',
  '失能/半失能',
  '残疾',
  '低保',
  '特困',
  '低保边缘',
  '计生特殊家庭',
  '留守儿童',
  '困境儿童',
  '重病',
  '孤儿',
  '党员',
  '退役军人',
  '志愿者',
] as const;

export const RESIDENT_STATUSES = ['active', 'moved_out', 'merged'] as const;
export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

/** Household links: people who live together, and a family contact who may live elsewhere in the community. */
export const RESIDENT_LINK_KINDS = ['household', 'family_contact'] as const;
export type ResidentLinkKind = (typeof RESIDENT_LINK_KINDS)[number];

/** What a person agreed to, and how (the record keeps when and by whom it was taken). */
export const CONSENT_PURPOSES = ['register', 'contact', 'sms'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_CHANNELS = ['in_person', 'phone', 'paper', 'online'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const RESIDENT_NAME_MAX = 20;
export const RESIDENT_TAG_MAX = 12;
export const UNIT_ROOM_MAX = 10;

/** What a unit or a room may be written with: letters (Chinese too), digits, punctuation (- # . ( ) / 、 …), spaces and +; no emoji or other symbols. */
const ADDRESS_PART = /^[\p{L}\p{N}\p{P}\p{Zs}+]+$/u;

/**
 * What is wrong with a unit or a room as typed (already cleaned: trimmed, control characters out): 'tooLong' beyond
 * UNIT_ROOM_MAX characters, 'invalid' with anything but letters, digits, punctuation and spaces (🏠🏠🏠🏠🏠 was
 * accepted as a room, found from outside), else null. The register's forms, the phone app's offline edit (in the
 * browser, before it is queued) and its sync all ask this one function. Messages: resident.address.{tooLong,invalid}.
 */
export function addressPartProblem(value: string): 'tooLong' | 'invalid' | null {
  if (Array.from(value).length > UNIT_ROOM_MAX) return 'tooLong';
  return ADDRESS_PART.test(value) ? null : 'invalid';
}

/**
 * A birth given as a year and month (1948-03) or a full date (1948-03-15), also typed as 1948年3月, 1948.3 or
 * 19480315. Returns the normal form (YYYY-MM or YYYY-MM-DD), or null when it is not a real month or day, or lies
 * after `today` (YYYY-MM-DD) or before 1880.
 */
export function parseBirth(input: string, today: string): string | null {
  const s = input.trim().replace(/[年月./]/g, '-').replace(/日$/, '').replace(/-+$/, '');
  let m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(s);
  if (!m) {
    const compact = /^(\d{4})(\d{2})(\d{2})?$/.exec(s);
    if (!compact) return null;
    m = compact;
  }
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (y < 1880 || mo < 1 || mo > 12) return null;
  const ym = `${m[1]}-${String(mo).padStart(2, '0')}`;
  if (m[3] === undefined) return ym > today.slice(0, 7) ? null : ym;
  const d = Number(m[3]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  const full = `${ym}-${String(d).padStart(2, '0')}`;
  return full > today ? null : full;
}

/**
 * Age in whole years on `today` (YYYY-MM-DD) from a birth in YYYY-MM or YYYY-MM-DD. With only a month known, the
 * birthday is taken as the first of that month (so a person is counted 60 from the month they turn 60).
 */
export function ageOn(birth: string, today: string): number {
  const [by, bm, bd = 1] = birth.split('-').map(Number) as [number, number, number?];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

/** The latest birth (YYYY-MM-DD) of a person aged at least `years` on `today`: for "60 and over" filters. */
export function bornOnOrBeforeForAge(years: number, today: string): string {
  return `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;
}

/**
 * The pieces a name is found by (decision 034): every character and every pair of neighbouring characters, after
 * the typed-text normaliser and without spaces. A name fragment of one or two characters is one of these pieces; a
 * longer fragment is all of its pairs. Only keyed hashes of the pieces are stored, never the pieces.
 */
export function nameSearchPieces(name: string): string[] {
  const chars = Array.from(name.replace(/\s/g, '').toLowerCase());
  const pieces = new Set<string>(chars);
  for (let i = 0; i + 1 < chars.length; i++) pieces.add(chars[i]! + chars[i + 1]!);
  return [...pieces];
}

/** The pieces a typed fragment must all match (see nameSearchPieces). */
export function fragmentSearchPieces(fragment: string): string[] {
  const chars = Array.from(fragment.replace(/\s/g, '').toLowerCase());
  if (chars.length <= 2) return chars.length ? [chars.join('')] : [];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i]! + chars[i + 1]!);
  return [...pairs];
}

/** 3栋 2单元 301 — an address within the community, for lists and the person's page. */
export function formatResidentAddress(building: string | null, unit: string | null, room: string | null): string {
  return [building, unit ? (/^\d+$/.test(unit) ? `${unit}单元` : unit) : null, room].filter(Boolean).join(' ');
}
