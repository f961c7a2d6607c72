import type { LoaderFunctionArgs } from '@remix-run/node';
import { resources } from '@shequ/i18n';
import { getSchoolCourse } from '@shequ/use-cases';
import { download, FILE_TYPES } from '~/lib/download.server.ts';
import { posterFont } from '~/lib/posters/font.server.ts';
import { queryDay } from '~/lib/query-params.ts';
import { schoolSignInPdf } from '~/lib/reports/school-sign-in-pdf.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { mealCaller } from './meals.server.ts';

/**
 * A class session's sign-in sheet as PDF (`?day=YYYY-MM-DD`, default the course's latest class day; a resource
 * route): the students enrolled, as the course page lists them (getSchoolCourse: a grid worker's own grids only).
 */
export const loader = resourceRoute('page', async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await mealCaller(request);
  const day = queryDay(request, '') || null;
  const course = await runAsStaff(caller, (tx) => getSchoolCourse(tx, caller, { courseId: params.courseId ?? '', day }));
  const font = posterFont();
  if (!font) return new Response(resources['zh-CN'].translation.poster.fontMissing, { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const bytes = new Uint8Array(await schoolSignInPdf(course, font));
  // A title is the office's text: characters a file name may not hold become _ (as the committee's reports do).
  const name = Array.from(`签到表-${course.course.title}-${course.day}.pdf`, (c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('').slice(0, 100);
  return download(bytes, name, FILE_TYPES.pdf, `sign-in-${course.day}.pdf`);
});
