import type { LoaderFunctionArgs } from '@remix-run/node';
import { resources } from '@shequ/i18n';
import { exportCommitteeReport, getCommitteeReport } from '@shequ/use-cases';
import { posterFont } from '~/lib/posters/font.server.ts';
import { committeeReportPdf } from '~/lib/reports/committee-pdf.server.ts';
import { committeeCaller, loadCommittee, reportFile, reportParams } from './committee.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

/** The committee's yearly report (issue 18) as Excel or PDF (`?year=2026&format=xlsx|pdf`; a resource route). */
export const loader = resourceRoute('page', async ({ request }: LoaderFunctionArgs) => {
  const caller = await committeeCaller(request);
  const { year, format } = reportParams(request);
  if (format === 'xlsx') {
    const file = await loadCommittee(caller, (tx) => exportCommitteeReport(tx, caller, { year }));
    return reportFile(file.bytes, file.fileName, 'xlsx');
  }
  // The report first: a unit of another community is 404 whatever the machine's fonts.
  const report = await loadCommittee(caller, (tx) => getCommitteeReport(tx, caller, { year }));
  const font = posterFont();
  if (!font) return new Response(resources['zh-CN'].translation.poster.fontMissing, { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return reportFile(new Uint8Array(await committeeReportPdf(report, font)), `共治委员会年度报告-${year}.pdf`, 'pdf');
});
