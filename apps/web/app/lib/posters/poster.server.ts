import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { Resvg } from '@resvg/resvg-js';
import { resources } from '@shequ/i18n';
import type { PosterFont } from './font.server.ts';
import { finishPdf } from './pdf.server.ts';

/** What a poster says: the community (and building), who runs it, and the URL its code opens. */
export type PosterContent = { communityName: string; streetName: string | null; buildingName: string | null; url: string };

// A4 in PostScript points; both renderings share this one layout so the PDF and the PNG look the same.
const PAGE = { width: 595.28, height: 841.89 };
const BRAND = '#b91c1c';
const INK = '#0f172a';
const MUTED = '#475569';
const QR_SIZE = 330;
const QR_TOP = 270;

// Posters are for residents, so they are always in Chinese.
const words = resources['zh-CN'].translation.poster;

type Line = { text: string; size: number; y: number; color: string };

/** The text lines, each shrunk to fit the page width (CJK glyphs are about 1 em wide). */
function layout(content: PosterContent): { band: Line; lines: Line[] } {
  const fit = (text: string, size: number) => Math.min(size, Math.floor((PAGE.width - 80) / Math.max(1, Array.from(text).length)));
  const lines: Line[] = [{ text: content.communityName, size: fit(content.communityName, 40), y: 150, color: INK }];
  if (content.buildingName) lines.push({ text: content.buildingName, size: fit(content.buildingName, 28), y: 205, color: INK });
  lines.push(
    { text: words.steps, size: 18, y: QR_TOP + QR_SIZE + 36, color: INK },
    { text: words.track, size: 14, y: QR_TOP + QR_SIZE + 68, color: MUTED },
    { text: [content.streetName, words.brand].filter(Boolean).join(' · '), size: 12, y: PAGE.height - 60, color: MUTED },
  );
  return { band: { text: words.call, size: 36, y: 40, color: '#ffffff' }, lines };
}

/** The QR code's dark modules as horizontal runs (fewer shapes than one square per module). */
function qrRuns(url: string) {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const runs: { x: number; y: number; w: number }[] = [];
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; ) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < modules.size && modules.get(y, x)) x++;
      runs.push({ x: start, y, w: x - start });
    }
  }
  const quiet = 4;
  const cell = QR_SIZE / (modules.size + 2 * quiet);
  return { runs, cell, quiet, left: (PAGE.width - QR_SIZE) / 2 };
}

export function posterPdf(content: PosterContent, font: PosterFont): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: `${content.communityName} ${content.buildingName ?? ''}`.trim(), Creator: words.brand } });
  doc.registerFont('cjk', font.data, font.face);
  doc.font('cjk');
  const { band, lines } = layout(content);
  doc.rect(0, 0, PAGE.width, 110).fill(BRAND);
  const text = (l: Line) => doc.fillColor(l.color).fontSize(l.size).text(l.text, 40, l.y - l.size * 0.2, { width: PAGE.width - 80, align: 'center', lineBreak: false });
  text(band);
  lines.forEach(text);
  const qr = qrRuns(content.url);
  doc.rect(qr.left, QR_TOP, QR_SIZE, QR_SIZE).fill('#ffffff');
  for (const r of qr.runs) doc.rect(qr.left + (r.x + qr.quiet) * qr.cell, QR_TOP + (r.y + qr.quiet) * qr.cell, r.w * qr.cell, qr.cell);
  doc.fill('#000000');
  doc.fillColor(MUTED).fontSize(9).text(content.url, 40, PAGE.height - 38, { width: PAGE.width - 80, align: 'center', lineBreak: false });
  return finishPdf(doc);
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The same poster as SVG (page units are points), the source of the PNG. */
export function posterSvg(content: PosterContent, fontFamily: string): string {
  const { band, lines } = layout(content);
  const text = (l: Line) =>
    `<text x="${PAGE.width / 2}" y="${l.y + l.size * 0.8}" font-size="${l.size}" fill="${l.color}" text-anchor="middle">${escapeXml(l.text)}</text>`;
  const qr = qrRuns(content.url);
  const path = qr.runs.map((r) => `M${(r.x + qr.quiet).toFixed(0)} ${r.y + qr.quiet}h${r.w}v1h-${r.w}z`).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}" height="${PAGE.height}" viewBox="0 0 ${PAGE.width} ${PAGE.height}" font-family="${escapeXml(fontFamily)}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<rect width="${PAGE.width}" height="110" fill="${BRAND}"/>`,
    text(band),
    ...lines.map(text),
    `<g transform="translate(${qr.left} ${QR_TOP}) scale(${qr.cell})" shape-rendering="crispEdges"><path d="${path}" fill="#000000"/></g>`,
    `<text x="${PAGE.width / 2}" y="${PAGE.height - 30}" font-size="9" fill="${MUTED}" text-anchor="middle">${escapeXml(content.url)}</text>`,
    '</svg>',
  ].join('');
}

/** PNG at 150 dpi (1240 px wide): sharp enough to print, small enough to send in a chat. */
export function posterPng(content: PosterContent, font: PosterFont): Buffer {
  const resvg = new Resvg(posterSvg(content, font.family), {
    fitTo: { mode: 'width', value: 1240 },
    font: { fontFiles: [font.path], loadSystemFonts: false, defaultFontFamily: font.family },
  });
  return resvg.render().asPng();
}
