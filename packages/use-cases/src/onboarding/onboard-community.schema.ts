import { z } from '../zod.ts';

const typed = z.string().default('');

/**
 * The onboarding wizard (onboardCommunity): street, name, administrative code, short address name, and the first
 * admin's name, mobile or e-mail. Kept as typed; the use case checks each (and the actor's reach first, so a
 * street outside it is refused as such) and names the field its message belongs to.
 */
export const onboardCommunitySchema = z.object({
  streetId: typed,
  name: typed,
  adminCode: typed,
  slug: typed,
  adminName: typed,
  adminMobile: typed,
  adminEmail: typed,
});
