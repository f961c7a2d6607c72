import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { consultationDecisions, orgUnits, withTenant } from '@shequ/db';
import { defineAbilityFor } from '@shequ/permissions';
import {
  addActionItem,
  claimServicePost,
  createMatter,
  createServicePost,
  decideAgendaItem,
  exportCommitteeReport,
  exportPartnerUnitReport,
  generateOccurrences,
  getCommitteeReport,
  getMeeting,
  getPartnerUnitReport,
  partnerImportTemplate,
  recordAttendance,
  registerPartnerUnit,
  scheduleMeeting,
} from '../src/index.ts';
import { FORMULA_LIKE } from '../src/export/csv.ts';
import { createPersonalDataCipher } from '../src/security/index.ts';
import { seededDatabase } from './support.ts';

// Issue 18's trial: every file the committee hands out — the yearly reports (Excel; the PDFs are drawn from the same
// report data), a unit's yearly report, the partner import's template — is checked for text a spreadsheet would run
// as a formula and for a contact's name or number in full. What a person typed anywhere in the committee's records
// (a unit's name, address and offers, a post's title and place, a meeting's topic, a decision's title and result, an
// action item's title) starts a formula here.
const db = seededDatabase();
const cipher = createPersonalDataCipher('5e'.repeat(32));
const stamp = Date.now().toString(36).slice(-5);
let tenantId: string;
let admin: { actor: Awaited<ReturnType<typeof db.actorFor>>; ability: ReturnType<typeof defineAbilityFor> };
const inJinyuan = <T,>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db.app, tenantId, fn);

beforeAll(async () => {
  tenantId = (await db.owner.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.slug, 'jinyuan')))[0]!.id;
  const actor = await db.actorFor('13800000004', tenantId);
  admin = { actor, ability: defineAbilityFor(actor) };
});

/** Every text cell of every sheet of a workbook. */
async function textCells(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
    if (typeof cell.value === 'string') cells.push(cell.value);
    else if (cell.value && typeof cell.value === 'object') cells.push(JSON.stringify(cell.value));
  })));
  return cells;
}

describe('the committee’s downloads', () => {
  it('hold no formula-like cell and no contact’s name or mobile in full', async () => {
    const now = new Date('2026-11-30T02:00:00Z');
    const held = new Date('2026-12-03T06:35:00Z');
    const year = 2026;
    const claimedAt = new Date('2026-11-01T00:00:00+08:00');
    const name = `=HYPERLINK("http://evil","共建")${stamp}`;
    const { id: unitId } = await inJinyuan((tx) => registerPartnerUnit(tx, admin, { name, kind: 'individual_business', address: '+1+1 金元路 8 号', contactName: '罗建国', contactMobile: '139 0851 7788', offers: '@SUM(A1) 每月义剪', memberSince: '2024-03-01', cipher }));
    const { id: postId } = await inJinyuan((tx) => createServicePost(tx, admin, { title: `-义剪${stamp}`, place: '=A1+A2', recurrence: 'weekly:3', startTime: '09:00', keywords: '' }));
    await inJinyuan((tx) => claimServicePost(tx, admin, { postId, partnerUnitId: unitId, claimedOn: '2026-11-01', now: claimedAt }));
    await inJinyuan((tx) => generateOccurrences(tx, admin, { from: '2026-11-01', to: '2026-11-20', now: claimedAt }));
    // A meeting whose topic, and a decision whose title and result, were typed as formulas; an action item of the unit's.
    const matter = await inJinyuan((tx) => createMatter(tx, admin, { title: `=cmd|' /C calc'!A0 ${stamp}`, source: 'staff', caseIds: [] }));
    const { id: meetingId } = await inJinyuan((tx) => scheduleMeeting(tx, admin, { topic: `+会议${stamp}`, startsAt: '2026-12-03T14:30', place: '议事长廊', partnerUnitIds: [unitId], matterIds: [matter.id], now }));
    const meeting = await inJinyuan((tx) => getMeeting(tx, admin, { meetingId }));
    await inJinyuan((tx) => recordAttendance(tx, admin, { meetingId, presentIds: meeting.participants.filter((p) => p.voting).map((p) => p.id), consentIds: [], now: held }));
    const { decisionId } = await inJinyuan((tx) => decideAgendaItem(tx, admin, { itemId: meeting.items[0]!.id, outcome: 'adopted', votesFor: 1, votesAgainst: 0, votesAbstain: 0, now: held }));
    await withTenant(db.owner, tenantId, (tx) => tx.update(consultationDecisions).set({ result: '@SUM(1+1)*cmd|' }).where(eq(consultationDecisions.id, decisionId!)));
    await inJinyuan((tx) => addActionItem(tx, admin, { decisionId: decisionId!, title: `\t=1+2 修桥${stamp}` /* kept trimmed */, ownerKind: 'partner_unit', ownerPartnerUnitId: unitId, dueWorkingDays: 5, now: held }));

    const committee = await inJinyuan((tx) => exportCommitteeReport(tx, admin, { year, now }));
    const unit = await inJinyuan((tx) => exportPartnerUnitReport(tx, admin, { unitId, year, now }));
    const template = await inJinyuan((tx) => partnerImportTemplate(tx, admin));
    const cells = [...(await textCells(committee.bytes)), ...(await textCells(unit.bytes)), ...(await textCells(template.bytes))];
    // What was typed is there, each as text (a leading apostrophe), none as a formula.
    for (const typed of [name, '+1+1 金元路 8 号', '@SUM(A1) 每月义剪', `-义剪${stamp}`, '=A1+A2', `=cmd|' /C calc'!A0 ${stamp}`, '@SUM(1+1)*cmd|', `+会议${stamp}`, `=1+2 修桥${stamp}`]) expect(cells, typed).toContain(`'${typed}`);
    expect(cells.filter((c) => FORMULA_LIKE.test(c))).toEqual([]);

    // A post's recurrence in words, as on the posts page (it was the stored rule, weekly:3).
    expect(cells).toContain('每周三');
    expect(cells).not.toContain('weekly:3');
    // The contact, masked, in the unit's report (Excel, and the data its PDF is drawn from); in full nowhere.
    const pdfData = JSON.stringify([await inJinyuan((tx) => getCommitteeReport(tx, admin, { year, now })), await inJinyuan((tx) => getPartnerUnitReport(tx, admin, { unitId, year, now }))]);
    const everything = [...cells, pdfData, committee.fileName, unit.fileName].join('\n');
    expect(everything).not.toContain('13908517788');
    expect(everything).not.toContain('罗建国');
    expect(cells).toContain('罗** 139****7788');
    expect(pdfData).toContain('罗** 139****7788');
  });
});
