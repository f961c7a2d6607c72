import { z } from '../zod.ts';

/**
 * The operator console's community row, by what was pressed: suspend or reactivate (setCommunityStatus), re-issue
 * the admin's invitation (reissueInvitation), or archive (archiveCommunity, confirmed by typing the name). A row
 * that is not a community is a 400 page, as before.
 */
export const communityRowFormSchema = z.union([
  z.object({ intent: z.literal('archive'), communityId: z.string().uuid(), confirmName: z.string().default('').refine((v) => v.trim().length > 0, 'operatorConsole.archiveNameMismatch') }),
  z.object({ intent: z.literal('reissue'), communityId: z.string().uuid() }),
  z.object({ intent: z.undefined(), communityId: z.string().uuid(), status: z.enum(['active', 'suspended']) }),
]);
