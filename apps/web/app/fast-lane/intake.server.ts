import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatTrackingCode } from '@shequ/domain';
import { anonymousCaller, submitCase, validateIntake } from '@shequ/use-cases';
import { submitWishSchema } from '@shequ/use-cases/schemas';
import { parseFlatForm } from '~/lib/forms.server.ts';
import { db } from '~/lib/db.server.ts';
import { caseDeps } from '~/lib/deps.server.ts';
import { log } from '~/lib/log.server.ts';
import { takeSubmission } from '~/lib/resident-limits.server.ts';
import { cachedCommunity } from '~/routes/_resident+/c.$slug.server.ts';
import { isRefusal } from '~/lib/refusal.server.ts';

/**
 * The fast lane for residents' wishes: a plain form post (application/x-www-form-urlencoded, no photos) to a QR
 * page is handled here, before Remix, with no rendering: validate, rate-limit, one pipelined transaction, 303 to
 * the tracking page. Anything else — invalid input, a limit hit, photos, a suspended community, an error — returns
 * false and the Remix route handles the same request in full (with messages next to the fields), so both paths
 * share one set of rules (submitCase) and the fast lane only ever takes the happy path.
 */
export async function handleIntakeFastLane(req: IncomingMessage & { clientIp?: string }, res: ServerResponse, slug: string, token: string, body: Buffer): Promise<boolean> {
  // The same schema as the browser and the Remix route (submitWishSchema), its happy path only: anything else goes to
  // Remix, which answers with the messages next to the fields, before it costs the resident a submission from their limit.
  const v = parseFlatForm(new URLSearchParams(body.toString('utf8')), submitWishSchema);
  if (!v || v.website) return false;

  const community = await cachedCommunity(slug);
  if (!community || community.status !== 'active') return false;

  const input = {
    tenantId: community.id,
    qrToken: token,
    categoryId: v.categoryId,
    buildingId: v.buildingId ?? null,
    content: v.content,
    name: v.name ?? null,
    mobile: v.mobile ?? null,
    consent: Boolean(v.consent),
    photos: [],
    channel: 'qr' as const,
    submissionKey: v.submissionKey ?? null,
  };
  // What only submitCase knows (text cleaned of control characters, photos) is checked before the limit too.
  try {
    validateIntake(input);
  } catch {
    return false;
  }
  // The address server-app.mjs checked (a malformed forwarded one falls back to the socket's).
  const limit = await takeSubmission(req.clientIp ?? 'unknown', community.id);
  if (!limit.ok) return false;

  try {
    const { trackingCode } = await submitCase(db, anonymousCaller(), { ...input, deps: caseDeps });
    res.writeHead(303, { Location: `/c/${community.slug}/track/${formatTrackingCode(trackingCode)}?new=1` }).end();
    return true;
  } catch (error) {
    if (!isRefusal(error)) log.error({ err: error }, 'fast-lane submission failed; handing over to Remix');
    return false;
  }
}
