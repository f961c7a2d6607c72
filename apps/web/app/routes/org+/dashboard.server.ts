import ExcelJS from 'exceljs';
import * as echarts from 'echarts';
import { chinaDate, type MetricKey, METRIC_KEYS, type Metrics, parsePeriod, RATE_METRICS, type ReportPeriod } from '@shequ/domain';
import { resources } from '@shequ/i18n';
import { toCsv } from '@shequ/use-cases';

const words = resources['zh-CN'].translation.dashboard;

/** The period a dashboard URL asks for; this year by default, anything malformed ignored. */
export function periodFromUrl(url: URL, now = new Date()): ReportPeriod {
  const q = url.searchParams;
  return parsePeriod(q.get('kind'), q.get('value'), q.get('to')) ?? parsePeriod('year', chinaDate(now).slice(0, 4))!;
}

export function sortFromUrl(url: URL): MetricKey {
  const s = url.searchParams.get('sort');
  return (METRIC_KEYS as readonly string[]).includes(s ?? '') ? (s as MetricKey) : 'score';
}

const isRate = (k: MetricKey) => RATE_METRICS.includes(k);

/** A trend line for one figure, drawn on the server as SVG (prints as it shows; no script needed). */
export function trendSvg(trend: { month: string; metrics: Metrics }[], key: MetricKey, width = 720, height = 240): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const values = trend.map((p) => {
    const v = p.metrics[key];
    return v === null ? null : isRate(key) ? Math.round(v * 1000) / 10 : Math.round(v * 10) / 10;
  });
  chart.setOption({
    animation: false,
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    textStyle: { fontFamily: '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif' },
    xAxis: { type: 'category', data: trend.map((p) => p.month) },
    yAxis: { type: 'value', axisLabel: { formatter: isRate(key) ? '{value}%' : '{value}' } },
    series: [{ type: 'line', name: words.metrics[key], data: values, connectNulls: false, label: { show: trend.length <= 12, position: 'top' }, itemStyle: { color: '#b91c1c' } }],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export type ExportRow = { name: string; street?: string; rank?: number | null; metrics: Metrics };

/** The comparison as an Excel workbook: Chinese headers, numbers as numbers, rates as percentages. */
export async function comparisonXlsx(title: string, period: ReportPeriod, rows: ExportRow[], total: Metrics): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '社区治理云';
  const sheet = workbook.addWorksheet('社区比较');
  sheet.addRow([`${title}（${period.range.from} 至 ${period.range.to} 前）`]);
  const header = ['排名', '社区', '街道', ...METRIC_KEYS.map((k) => words.metrics[k])];
  sheet.addRow(header).font = { bold: true };
  const cells = (m: Metrics) => METRIC_KEYS.map((k) => (m[k] === null ? null : k === 'score' || k.endsWith('Hours') ? Math.round(m[k]! * 10) / 10 : m[k]));
  for (const r of rows) sheet.addRow([r.rank ?? null, r.name, r.street ?? '', ...cells(r.metrics)]);
  sheet.addRow([null, words.total, '', ...cells(total)]).font = { bold: true };
  METRIC_KEYS.forEach((k, i) => {
    const column = sheet.getColumn(4 + i);
    column.width = 14;
    if (isRate(k)) column.numFmt = '0.0%';
    else if (k === 'score' || k.endsWith('Hours')) column.numFmt = '0.0';
    else column.numFmt = '0';
  });
  sheet.getColumn(2).width = 18;
  sheet.getColumn(3).width = 14;
  sheet.views = [{ state: 'frozen', ySplit: 2, xSplit: 2 }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export function comparisonCsv(rows: ExportRow[], total: Metrics): string {
  const cell = (v: number | null) => (v === null ? '' : String(Math.round(v * 10000) / 10000));
  return toCsv([
    ['排名', '社区', '街道', ...METRIC_KEYS.map((k) => words.metrics[k])],
    ...rows.map((r) => [r.rank === null || r.rank === undefined ? '' : String(r.rank), r.name, r.street ?? '', ...METRIC_KEYS.map((k) => cell(r.metrics[k]))]),
    ['', words.total, '', ...METRIC_KEYS.map((k) => cell(total[k]))],
  ]);
}

export function download(body: Uint8Array | string, fileName: string, type: string): Response {
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), { headers: { 'Content-Type': type, 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`, 'Cache-Control': 'private, no-store' } });
}
