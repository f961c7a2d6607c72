import type { LoaderFunctionArgs } from '@remix-run/node';
import { resources } from '@shequ/i18n';
import { getSchoolCourse } from '@shequ/use-cases';
import { reportFile } from '~/lib/download.server.ts';
import { posterFont } from '~/lib/posters/font.server.ts';
import { queryDay } from '~/lib/query-params.ts';
import { schoolSignInPdf } from '~/lib/reports/school-sign-in-pdf.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import { mealCaller } from './meals.server.ts';

/**
 * A class session's sign-in sheet as PDF (`?day=YYYY-MM-DD`, default the course's latest class day; a resource
 * route): the students enrolled, as the course page lists them (getSchoolCourse: a grid worker's own grids only).
 * Only for a day the course meets in its term (school.day.notClass otherwise, answered by resourceRoute).
 */
export const loader = resourceRoute('page', async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await mealCaller(request);
  const day = queryDay(request, '') || null;
  const course = await runAsStaff(caller, (tx) => getSchoolCourse(tx, caller, { courseId: params.courseId ?? '', day, classDayOnly: true }));
  const font = posterFont();
  if (!font) return new Response(resources['zh-CN'].translation.poster.fontMissing, { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const bytes = new Uint8Array(await schoolSignInPdf(course, font));
  // A title is the office's text: reportFile cleans the name as every download's (safeFileName).
  return reportFile(bytes, `签到表-${course.course.title}-${course.day}.pdf`, 'pdf', `sign-in-${course.day}.pdf`);
});
