import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { resources } from '@shequ/i18n';
import type { PosterFont } from './font.server.ts';
import { finishPdf } from './pdf.server.ts';

/** What a volunteer service certificate prints (getVolunteerCertificate's output) and the address its QR opens. */
export type CertificateContent = {
  number: string;
  name: string;
  idNumberHint: string | null;
  periodFrom: string;
  periodTo: string;
  hours: number;
  content: string;
  issuer: string;
  personInCharge: string | null;
  handler: string | null;
  contact: string | null;
  issuedOn: string;
  verifyUrl: string;
  /** The community's seal image (PNG or JPEG bytes), printed over the issuer's lines; null or absent: none. */
  seal?: Buffer | null;
};

// Certificates are official papers for China: always in Chinese.
const words = resources['zh-CN'].translation.volunteerCertificate;
const A4 = { width: 595.28, height: 841.89 };
const INK = '#0f172a';
const MUTED = '#475569';
const BRAND = '#b91c1c';

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));
const zhDate = (day: string) => {
  const [y, m, d] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

/**
 * A volunteer service certificate as an A4 PDF, set in a CJK font embedded in the file (pdfkit embeds the subset of
 * glyphs used). Layout per 民发〔2015〕149号: title, the volunteer's identity (name, masked ID number), period, hours
 * and content of service, the issuer with person in charge, handler and contact, number and date; plus a QR code
 * opening the public verification page; the community's seal image over the issuer's lines when one is uploaded
 * (setCertificateSeal), else the issuer's name alone.
 */
export function certificatePdf(c: CertificateContent, font: PosterFont): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: `${words.title} ${c.number}`, Creator: c.issuer } });
  doc.registerFont('cjk', font.data, font.face);
  doc.font('cjk');
  doc.lineWidth(3).strokeColor(BRAND).rect(30, 30, A4.width - 60, A4.height - 60).stroke();
  doc.lineWidth(1).rect(38, 38, A4.width - 76, A4.height - 76).stroke();
  doc.fillColor(BRAND).fontSize(34).text(words.title, 60, 90, { width: A4.width - 120, align: 'center', characterSpacing: 8 });
  doc.fillColor(MUTED).fontSize(11).text(fill(words.number, { number: c.number }), 60, 150, { width: A4.width - 120, align: 'right' });
  const body = fill(words.body, {
    name: c.name,
    id: c.idNumberHint ? fill(words.idNumber, { id: c.idNumberHint }) : '',
    from: zhDate(c.periodFrom),
    to: zhDate(c.periodTo),
    issuer: c.issuer,
    hours: c.hours.toFixed(1),
  });
  doc.fillColor(INK).fontSize(16).text(body, 80, 200, { width: A4.width - 160, lineGap: 10, indent: 32 });
  doc.moveDown(0.8);
  doc.fontSize(13).fillColor(INK).text(fill(words.content, { content: c.content || '—' }), 80, doc.y, { width: A4.width - 160, lineGap: 6 });
  doc.moveDown(0.6);
  doc.fontSize(11).fillColor(MUTED).text(words.note, 80, doc.y, { width: A4.width - 160, lineGap: 4 });

  const issuerTop = 560;
  const lines = [
    fill(words.issuer, { issuer: c.issuer }),
    c.personInCharge ? fill(words.personInCharge, { name: c.personInCharge }) : null,
    c.handler ? fill(words.handler, { name: c.handler }) : fill(words.handler, { name: words.system }),
    c.contact ? fill(words.contact, { contact: c.contact }) : null,
    fill(words.issuedOn, { date: zhDate(c.issuedOn) }),
  ].filter((l): l is string => Boolean(l));
  doc.fontSize(13).fillColor(INK);
  lines.forEach((l, i) => doc.text(l, 300, issuerTop + i * 24, { width: A4.width - 380, align: 'left' }));
  // The seal over the issuer and the date, as a stamped paper has it (fit in a 120 pt square, slightly see-through).
  if (c.seal?.length) {
    doc.save();
    doc.opacity(0.85);
    doc.image(c.seal, 380, issuerTop - 20, { fit: [120, 120], align: 'center', valign: 'center' });
    doc.restore();
  }

  // The QR code opening the verification page, bottom left, with a line saying what it is.
  const { modules } = QRCode.create(c.verifyUrl, { errorCorrectionLevel: 'M' });
  const size = 150;
  const quiet = 4;
  const cell = size / (modules.size + 2 * quiet);
  const left = 80;
  const top = issuerTop - 10;
  doc.rect(left, top, size, size).fill('#ffffff');
  for (let y = 0; y < modules.size; y++) for (let x = 0; x < modules.size; x++) if (modules.get(y, x)) doc.rect(left + (x + quiet) * cell, top + (y + quiet) * cell, cell, cell);
  doc.fill('#000000');
  doc.fillColor(MUTED).fontSize(10).text(words.scan, left, top + size + 6, { width: size, align: 'center' });
  doc.fontSize(8).text(c.verifyUrl, 60, A4.height - 70, { width: A4.width - 120, align: 'center', lineBreak: false });

  return finishPdf(doc);
}
