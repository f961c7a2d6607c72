import PDFDocument from 'pdfkit';
import type { CommitteeReport, PartnerUnitReport } from '@shequ/use-cases';
import type { PosterFont } from '~/lib/posters/font.server.ts';
import { finishPdf } from '~/lib/posters/pdf.server.ts';

// The committee's yearly reports as PDF (issue 18), set in the posters' CJK font (posterFont) with pdfkit, the PDF
// library the posters already use. Reports are read by offices and units in China, so they are in Chinese. The
// figures are the report use cases' own (the same as the Excel files and the pages).

const INK = '#0f172a';
const MUTED = '#475569';
const BRAND = '#b91c1c';

type Doc = InstanceType<typeof PDFDocument>;

function startDoc(title: string, font: PosterFont): Doc {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: title, Creator: '社区治理云' } });
  doc.registerFont('cjk', font.data, font.face);
  doc.font('cjk');
  doc.fillColor(BRAND).fontSize(20).text(title, { align: 'center' });
  doc.moveDown(0.8);
  return doc;
}

const heading = (doc: Doc, text: string) => {
  doc.moveDown(0.6);
  doc.fillColor(INK).fontSize(14).text(text);
  doc.moveDown(0.3);
};
const line = (doc: Doc, text: string, color = INK) => doc.fillColor(color).fontSize(10.5).text(text);

const rate = (p: number | null) => (p === null ? '—' : `${p}%`);

/** The committee's report for a year: totals, every unit's figures, the meetings and the decisions. */
export function committeeReportPdf(report: CommitteeReport, font: PosterFont): Promise<Buffer> {
  const doc = startDoc(`${report.community} 共治委员会 ${report.year} 年度报告`, font);
  const t = report.totals;
  heading(doc, '总体情况');
  line(doc, `共建单位 ${t.units} 家，其中 ${t.unitsWithPosts} 家认领了服务岗位。`);
  line(doc, `应履约 ${t.promised} 场，已服务 ${t.delivered} 场，承诺兑现率 ${rate(t.promiseRatePercent)}，服务 ${t.peopleServed} 人次。`);
  line(doc, `召开协商会议 ${t.meetings} 次，形成决议 ${t.decisions} 项，已完成 ${t.decisionsDone} 项。`);
  heading(doc, '协商会议');
  if (!report.meetings.length) line(doc, '本年度没有协商会议。', MUTED);
  for (const m of report.meetings) line(doc, `${m.date}  ${m.topic}：议题 ${m.items} 项，通过 ${m.adopted} 项${m.expected !== null ? `；应到 ${m.expected} 人，实到 ${m.attending ?? 0} 人` : ''}${m.minutesApproved ? '；纪要已审定' : ''}`);
  heading(doc, '决议落实（实施结果公开）');
  if (!report.decisions.length) line(doc, '本年度没有决议。', MUTED);
  for (const d of report.decisions) {
    line(doc, `${d.published}  ${d.title}：${d.statusName}，进度 ${d.progress}%`);
    if (d.result) line(doc, `    实施结果：${d.result}`, MUTED);
  }
  heading(doc, '共建单位履约情况');
  line(doc, '单位名称 · 类型 · 认领岗位 · 已服务/应履约 · 承诺兑现率 · 服务人次 · 平均评分', MUTED);
  for (const u of report.units) {
    line(doc, `${u.name} · ${u.kindName} · ${u.postsClaimed} · ${u.delivered}/${u.promised} · ${rate(u.promiseRatePercent)} · ${u.peopleServed} · ${u.averageRating ?? '—'}`);
  }
  return finishPdf(doc);
}

/** One partner unit's report for a year: the unit, its figures, posts, occurrences and action items. */
export function partnerUnitReportPdf(report: PartnerUnitReport, font: PosterFont): Promise<Buffer> {
  const doc = startDoc(`${report.unit.name} ${report.year} 年度共建报告`, font);
  line(doc, `${report.community} 共治委员会`, MUTED);
  heading(doc, '单位概况');
  line(doc, `类型：${report.unit.kindName}`);
  if (report.unit.address) line(doc, `地址：${report.unit.address}`);
  if (report.unit.contact) line(doc, `联系人：${report.unit.contact}`);
  if (report.unit.offers) line(doc, `可提供服务：${report.unit.offers}`);
  if (report.unit.memberSince) line(doc, `加入共治委员会：${report.unit.memberSince}${report.unit.memberUntil ? ` 至 ${report.unit.memberUntil}` : ''}`);
  line(doc, `报到党员：${report.unit.partyMembersReported} 人`);
  const f = report.figures;
  heading(doc, '履约情况');
  line(doc, `认领岗位 ${f.postsClaimed} 个；应履约 ${f.promised} 场，已服务 ${f.delivered} 场，承诺兑现率 ${rate(f.promiseRatePercent)}；服务 ${f.peopleServed} 人次。`);
  line(doc, f.ratings ? `居民评价 ${f.ratings} 条，平均 ${f.averageRating} 星。` : '暂无居民评价。');
  heading(doc, '认领的服务岗位');
  if (!report.posts.length) line(doc, '没有认领的岗位。', MUTED);
  for (const p of report.posts) line(doc, `${p.title}（${p.recurrenceName} ${p.startTime}${p.place ? ` · ${p.place}` : ''}），${p.claimedOn} 起${p.endedOn ? `，${p.endedOn} 止` : ''}`);
  heading(doc, '服务场次');
  if (!report.occurrences.length) line(doc, '本年度没有服务场次。', MUTED);
  for (const o of report.occurrences) line(doc, `${o.date}  ${o.title}：${o.statusName}${o.peopleServed !== null ? `，${o.peopleServed} 人次` : ''}`);
  heading(doc, '承担的决议行动项');
  if (!report.actions.length) line(doc, '没有承担行动项。', MUTED);
  for (const a of report.actions) line(doc, `${a.decision} · ${a.title}：${a.progress}%${a.done ? '（已完成）' : ''}`);
  return finishPdf(doc);
}
