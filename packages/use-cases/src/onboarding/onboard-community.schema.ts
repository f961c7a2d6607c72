import { checkAdminCode, cleanText, foldText, isEmail, isValidSlug, normalizeAdminCode, normalizeMobile, normalizeSlug } from '@shequ/domain';
import { filledIn, withRules, z } from '../zod.ts';

const typed = z.string().default('');
/** A name of 1–40 characters once cleaned (onboardCommunity's rule). */
const name40 = (message: string) => typed.refine((v) => { const c = cleanText(v); return c.length > 0 && Array.from(c).length <= 40; }, message);

/**
 * The onboarding wizard (onboardCommunity): street, name, administrative code, short address name, and the first
 * admin's name, mobile or e-mail. Kept as typed (the use case normalises them); each field's form is checked here
 * with onboardCommunity's own rules and messages, so the browser says them beside the fields before anything is
 * sent. The use case checks them again (the bulk import calls it directly), and what needs the database: the
 * actor's reach over the street first (a street outside it is refused as such), a code within the street's, names
 * and codes already taken.
 */
export const onboardCommunitySchema = withRules(
  z.object({
    streetId: typed.refine((v) => v.trim().length > 0, 'refusals.onboarding.street.invalid'),
    name: name40('refusals.onboarding.name.invalid'),
    adminCode: typed.refine((v) => { const code = normalizeAdminCode(v); return !code || !checkAdminCode(code, 'community'); }, 'refusals.onboarding.code.invalid'),
    slug: typed.refine((v) => isValidSlug(normalizeSlug(v)), 'refusals.onboarding.slug.invalid'),
    adminName: name40('refusals.onboarding.adminName.invalid'),
    adminMobile: typed.refine((v) => !v.trim() || normalizeMobile(v.trim()) !== null, 'refusals.onboarding.adminMobile.invalid'),
    adminEmail: typed.refine((v) => { const email = foldText(v).trim(); return !email || isEmail(email); }, 'refusals.onboarding.adminEmail.invalid'),
  }),
  // A mobile or an e-mail: the invitation goes to one of them (either typed, valid or not: a wrong one is told its own problem).
  (_v, ctx, sent) => {
    if (!filledIn(sent, 'adminMobile') && !(typeof sent.adminEmail === 'string' && foldText(sent.adminEmail).trim())) ctx.addIssue({ code: 'custom', path: ['adminMobile'], message: 'refusals.onboarding.adminMobile.required' });
  },
);
