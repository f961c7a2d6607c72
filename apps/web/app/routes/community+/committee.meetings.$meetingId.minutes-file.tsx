import type { LoaderFunctionArgs } from '@remix-run/node';
import { isUuid } from '@shequ/db';
import { getMinutesFile } from '@shequ/use-cases';
import { caseDeps } from '~/lib/deps.server.ts';
import { download } from '~/lib/download.server.ts';
import { notFound } from '~/lib/http.server.ts';
import { requireActor } from '~/lib/session.server.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

/**
 * The scan of a meeting's minutes (issue 18, decision 057), for staff of its community who read the committee's work
 * (getMinutesFile checks; another community's meeting, or one without a scan: 404). Shown inline, never cached
 * (`download`: private, no-store), never sniffed as another type.
 */
export const loader = resourceRoute('page', async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await requireActor(request, 'community');
  if (!isUuid(params.meetingId)) notFound();
  const file = await runAsStaff(caller, (tx) => getMinutesFile(tx, caller, { meetingId: params.meetingId! }));
  const bytes = await caseDeps.storage.get(file.storageKey);
  if (!bytes) notFound();
  const response = download(bytes, `会议纪要.${file.ext}`, file.mime, `minutes.${file.ext}`, 'inline');
  response.headers.set('X-Content-Type-Options', 'nosniff');
  // A PDF opened inline runs in the browser's viewer: no scripts, forms or same-origin access from it.
  response.headers.set('Content-Security-Policy', 'sandbox');
  return response;
});
