import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UNSAFE_defineRoutes as defineRoutes } from '@remix-run/dev';
import { describe, expect, it } from 'vitest';
import { appRoutes } from '../routes.config.ts';

// Every URL the app answers, with the layout it renders inside ("url <- parent url"; [index] marks an index route).
// Moving a route file between audience folders must leave this list as it is (docs/decisions/021-route-folders.md).
const EXPECTED = [
  '* <- ',
  '[index] <- ',
  'c/:slug <- ',
  'c/:slug/cert/:code <- c/:slug',
  'c/:slug/honours <- c/:slug',
  'c/:slug/wishes <- c/:slug',
  'c/:slug/me/certificates/:certificateId <- c/:slug',
  'c/:slug/me/choose <- c/:slug',
  'c/:slug/me/meals <- c/:slug',
  'c/:slug/me/school <- c/:slug',
  'c/:slug/me/services <- c/:slug',
  'c/:slug/me/sign-in <- c/:slug',
  'c/:slug/me/sign-out <- c/:slug',
  'c/:slug/me/volunteering <- c/:slug',
  'c/:slug/me[index] <- c/:slug',
  'c/:slug/q/:token <- c/:slug',
  'c/:slug/rate/:occurrenceId <- c/:slug',
  'c/:slug/ballot <- c/:slug',
  'c/:slug/post-check-in <- c/:slug',
  'c/:slug/decisions/:token <- c/:slug',
  'c/:slug/decisions[index] <- c/:slug',
  'c/:slug/track/:code <- c/:slug',
  'c/:slug/track/:code/photos/:photoId <- c/:slug/track/:code',
  'c/:slug/track[index] <- c/:slug',
  'c/:slug/v/scan <- c/:slug',
  'community <- ',
  'community/care/:residentId/visit <- community',
  'community/care/:residentId/visits/:visitId/photo <- community',
  'community/care/:residentId[index] <- community',
  'community/care/app <- community',
  'community/care/conflicts <- community',
  'community/care/manage <- community',
  'community/care/rules <- community',
  'community/care/sync <- community',
  'community/care[index] <- community',
  'community/cases/:caseId <- community',
  'community/cases/:caseId/photos/:photoId <- community/cases/:caseId',
  'community/cases/new <- community',
  'community/cases[index] <- community',
  'community/committee/decisions/:decisionId <- community',
  'community/committee/decisions/:decisionId/updates/:updateId/photo <- community/committee/decisions/:decisionId',
  'community/committee/meetings/:meetingId <- community',
  'community/committee/meetings/:meetingId/minutes-file <- community/committee/meetings/:meetingId',
  'community/committee/partners <- community',
  'community/committee/partners/import-template <- community/committee/partners',
  'community/committee/people <- community',
  'community/committee/posts <- community',
  'community/committee/report <- community',
  'community/committee/units/:unitId/report <- community',
  'community/committee[index] <- community',
  'community/dashboard/export <- community',
  'community/dashboard[index] <- community',
  'community/grids <- community',
  'community/meals/bookings <- community',
  'community/meals/claim <- community',
  'community/meals/counter <- community',
  'community/meals/kitchen <- community',
  'community/meals/deliveries <- community',
  'community/meals/settings <- community',
  'community/meals/settlement <- community',
  'community/meals[index] <- community',
  'community/party <- community',
  'community/school/courses/:courseId <- community',
  'community/school/courses/:courseId/sign-in <- community',
  'community/school[index] <- community',
  'community/services/claim <- community',
  'community/services/settlement <- community',
  'community/services[index] <- community',
  'community/qr <- community',
  'community/qr/:qrId/:format <- community/qr',
  'community/qr/:qrId/poster/:format <- community/qr',
  'community/residents/:residentId/edit <- community',
  'community/residents/:residentId/merge <- community',
  'community/residents/:residentId[index] <- community',
  'community/residents/import <- community',
  'community/residents/import-template <- community',
  'community/residents/new <- community',
  'community/residents/sign-ups <- community',
  'community/residents[index] <- community',
  'community/settings <- community',
  'community/sla <- community',
  'community/staff <- community',
  'community/volunteers/shifts/:shiftId <- community',
  'community/volunteers/shifts/:shiftId/qr <- community/volunteers/shifts/:shiftId',
  'community/volunteers[index] <- community',
  'community/volunteers/settings <- community',
  'community/volunteers/recognitions <- community',
  'community/volunteers/wishes <- community',
  'community/volunteers/wishes/:itemId/photo <- community/volunteers/wishes',
  'community/volunteers/people <- community',
  'community/volunteers/activities/new <- community',
  'community/volunteers/figures <- community',
  'community/volunteers/figures/export <- community/volunteers/figures',
  'community/volunteers/teams/:teamId <- community',
  'community/volunteers/person/:residentId <- community',
  'community[index] <- community',
  'display <- ',
  'healthz <- ',
  'help/metrics <- ',
  'forgot-password <- ',
  'invite/:token <- ',
  'locale <- ',
  'login <- ',
  'logout <- ',
  'notifications <- ',
  'operator <- ',
  'operator/accounts <- operator',
  'operator/audit <- operator',
  'operator/calendar <- operator',
  'operator/communities/:communityId/export <- operator',
  'operator/communities/:communityId/poster/:which/:format <- operator',
  'operator/communities/new <- operator',
  'operator/hierarchy <- operator',
  'operator/imports/:importId/invitations <- operator',
  'operator/imports/:importId[index] <- operator',
  'operator/imports/template <- operator',
  'operator/imports[index] <- operator',
  'operator/messages <- operator',
  'operator/usage <- operator',
  'operator[index] <- operator',
  'org <- ',
  'org/accounts <- org',
  'org/cases/:communityId/:caseId <- org',
  'org/cases/:communityId/:caseId/photos/:photoId <- org/cases/:communityId/:caseId',
  'org/cases[index] <- org',
  'org/communities/:communityId/poster/:which/:format <- org',
  'org/communities/new <- org',
  'org/dashboard/:communityId/export <- org',
  'org/dashboard/:communityId[index] <- org',
  'org/dashboard/export <- org',
  'org/dashboard[index] <- org',
  'org/imports/:importId/invitations <- org',
  'org/imports/:importId[index] <- org',
  'org/imports/template <- org',
  'org/imports[index] <- org',
  'org/sla <- org',
  'org[index] <- org',
  'readyz <- ',
  'refused <- ',
  'reset-password/:token <- ',
  'workspaces <- ',
];

describe('the route tree', () => {
  it('answers the same URLs, inside the same layouts, as before the audience folders', () => {
    const manifest = appRoutes(defineRoutes);
    const url = (id: string | undefined): string => {
      if (!id || id === 'root') return '';
      const r = manifest[id]!;
      const parent = url(r.parentId);
      return [parent, r.path].filter(Boolean).join('/');
    };
    const key = (id: string | undefined): string => (!id || id === 'root' ? '' : url(id) + (manifest[id]!.index ? '[index]' : ''));
    const actual = Object.keys(manifest).map((id) => `${key(id)} <- ${key(manifest[id]!.parentId)}`);
    expect(actual.sort()).toEqual([...EXPECTED].sort());
  });

  it('keeps server modules out of the route tree', () => {
    const files = Object.values(appRoutes(defineRoutes)).map((r) => r.file);
    expect(files.filter((f) => /\.server\./.test(f))).toEqual([]);
    expect(files).toContain('routes/community+/cases.$caseId.tsx');
  });
});

// Issue 17: a resource route (a module without a page) has no error boundary, so a refusal thrown in it reached React
// Router, which answered {"message":"Unexpected Server Error"} in English. Each one's loader and action goes through
// resourceRoute (lib/resource-route.server.ts), which answers refusals itself (decision 058).
describe('resource routes', () => {
  const app = fileURLToPath(new URL('../app/', import.meta.url));
  const modules = Object.values(appRoutes(defineRoutes)).map((r) => ({ file: r.file, text: readFileSync(app + r.file, 'utf8') }));
  const resources = modules.filter((m) => !/^export default\b/m.test(m.text));

  it('every loader and action of a route without a page goes through resourceRoute', () => {
    expect(resources.length).toBeGreaterThanOrEqual(30);
    const problems = resources.flatMap((m) => {
      const exported = [...m.text.matchAll(/^export (?:async )?(?:function|const) (loader|action)\b(.*)$/gm)];
      const bad = exported.filter((e) => !/^ = resourceRoute\('(text|page|json)', /.test(e[2]!)).map((e) => `${m.file}: ${e[1]} not wrapped`);
      return exported.length ? bad : [`${m.file}: neither loader nor action`];
    });
    expect(problems).toEqual([]);
  });

  it('the check catches what it is meant to', () => {
    const wrapped = (line: string) => /^ = resourceRoute\('(text|page|json)', /.test(/^export (?:async )?(?:function|const) (?:loader|action)\b(.*)$/m.exec(line)![1]!);
    expect(wrapped("export const loader = resourceRoute('text', async ({ request }: LoaderFunctionArgs) => {")).toBe(true);
    expect(wrapped('export async function loader({ request }: LoaderFunctionArgs) {')).toBe(false);
    expect(wrapped("export const loader = posterLoaderFor('org');")).toBe(false);
  });
});
