import type { LoaderFunctionArgs } from '@remix-run/node';
import { isUuid } from '@shequ/db';
import { resources } from '@shequ/i18n';
import { exportPartnerUnitReport, getPartnerUnitReport } from '@shequ/use-cases';
import { notFound } from '~/lib/http.server.ts';
import { posterFont } from '~/lib/posters/font.server.ts';
import { partnerUnitReportPdf } from '~/lib/reports/committee-pdf.server.ts';
import { committeeCaller, loadCommittee, reportFile, reportParams } from './committee.server.ts';
import { resourceRoute } from '~/lib/resource-route.server.ts';

/** A partner unit's yearly report (issue 18) as PDF or Excel (`?year=2026&format=pdf|xlsx`; a resource route). */
export const loader = resourceRoute('page', async ({ request, params }: LoaderFunctionArgs) => {
  const caller = await committeeCaller(request);
  if (!isUuid(params.unitId)) notFound();
  const unitId = params.unitId!;
  const { year, format } = reportParams(request);
  if (format === 'xlsx') {
    const file = await loadCommittee(caller, (tx) => exportPartnerUnitReport(tx, caller, { unitId, year }));
    return reportFile(file.bytes, file.fileName, 'xlsx');
  }
  // The report first: a unit of another community is 404 whatever the machine's fonts.
  const report = await loadCommittee(caller, (tx) => getPartnerUnitReport(tx, caller, { unitId, year }));
  const font = posterFont();
  if (!font) return new Response(resources['zh-CN'].translation.poster.fontMissing, { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return reportFile(new Uint8Array(await partnerUnitReportPdf(report, font)), `共建单位年度报告-${report.unit.name}-${year}.pdf`, 'pdf');
});
