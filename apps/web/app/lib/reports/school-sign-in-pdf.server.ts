import PDFDocument from 'pdfkit';
import type { getSchoolCourse } from '@shequ/use-cases';
import type { PosterFont } from '~/lib/posters/font.server.ts';
import { finishPdf } from '~/lib/posters/pdf.server.ts';

// A class session's sign-in sheet (签到表, issue 19's trial: there was none to print), set in the posters' CJK font with
// pdfkit as the committee's reports are. Printed for the classroom and signed by hand: in Chinese, like the other
// printed documents. Each student by masked name with building, age and masked mobile, so two 王** are told apart.

type Course = Awaited<ReturnType<typeof getSchoolCourse>>;
const INK = '#0f172a';
const MUTED = '#475569';
const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** The sign-in sheet of `course` on its day: header, then one row per enrolled student with space to sign. */
export function schoolSignInPdf(course: Course, font: PosterFont): Promise<Buffer> {
  const c = course.course;
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `${c.title} 签到表 ${course.day}`, Creator: '社区治理云' } });
  doc.registerFont('cjk', font.data, font.face);
  doc.font('cjk');
  doc.fillColor(INK).fontSize(18).text(`${c.title} 签到表`, { align: 'center' });
  doc.moveDown(0.5);
  const enrolled = course.enrolments.filter((e) => e.status === 'enrolled');
  doc.fontSize(10.5).fillColor(MUTED);
  doc.text(`${course.term.name} · ${course.day}（${WEEKDAYS[c.weekday] ?? ''}）${c.startsAt}–${c.endsAt} · 教室：${c.room}`);
  doc.text(`教师：${c.teacher ?? '未定'} · 应到 ${enrolled.length} 人 · 实到 ____ 人`);
  doc.moveDown(0.8);

  // Columns: 序号, 姓名, 楼栋 · 年龄 · 手机, 签名, 备注 (x positions in points on A4's 499 pt between margins).
  const cols = [48, 84, 170, 330, 470];
  const right = 547;
  const rowHeight = 26;
  const row = (cells: string[], y: number, color = INK) => {
    doc.fillColor(color).fontSize(10.5);
    cells.forEach((text, i) => doc.text(text, cols[i]! + 4, y + 8, { width: (cols[i + 1] ?? right) - cols[i]! - 8, lineBreak: false, ellipsis: true }));
    doc.moveTo(48, y + rowHeight).lineTo(right, y + rowHeight).strokeColor('#cbd5e1').lineWidth(0.6).stroke();
  };
  let y = doc.y;
  row(['序号', '姓名', '楼栋 · 年龄 · 手机', '签名', '备注'], y, MUTED);
  y += rowHeight;
  enrolled.forEach((e, i) => {
    if (y + rowHeight > doc.page.height - 48) {
      doc.addPage();
      y = 48;
    }
    row([String(i + 1), e.nameHint, [e.building, e.age != null ? `${e.age} 岁` : null, e.mobileHint].filter(Boolean).join(' · '), '', ''], y);
    y += rowHeight;
  });
  if (!enrolled.length) doc.fillColor(MUTED).text('这门课还没有录取的学员。', 48, y + 8);
  return finishPdf(doc);
}
