import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { certificatePdf } from '~/lib/posters/certificate.server.ts';

// Issue 17: a volunteer service certificate carries the community's seal image when one is uploaded
// (setCertificateSeal; 民发〔2015〕149号: the issuer's seal), and none otherwise. The PDF is built with a small Latin
// font here (the Chinese font of production is large and not needed to see the image placed); the image is an
// XObject of the page: counted from the PDF's own objects.
const font = { path: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', family: 'DejaVu Sans', data: readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf') };
const content = {
  number: '2026-000042',
  name: 'Zhang San',
  idNumberHint: '5201**********1234',
  periodFrom: '2026-01-01',
  periodTo: '2026-11-29',
  hours: 12.5,
  content: 'Garden day',
  issuer: 'Jinyuan',
  personInCharge: 'Zhang Li',
  handler: null,
  contact: '0851-8479 2026',
  issuedOn: '2026-11-29',
  verifyUrl: 'https://example.test/c/jinyuan/cert/AAAAAAAAAAAAAAAA',
};
const images = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length;

describe('the certificate’s seal image', () => {
  it('is placed on the page when the community uploaded one (PNG with transparency, or JPEG), and absent otherwise', async () => {
    const png = await sharp({ create: { width: 200, height: 200, channels: 4, background: { r: 200, g: 20, b: 20, alpha: 0.6 } } }).png().toBuffer();
    const jpeg = await sharp({ create: { width: 200, height: 200, channels: 3, background: { r: 200, g: 20, b: 20 } } }).jpeg().toBuffer();
    const without = await certificatePdf({ ...content, seal: null }, font);
    expect(images(without)).toBe(0);
    const withPng = await certificatePdf({ ...content, seal: png }, font);
    // A PNG with an alpha channel is an image and its soft mask.
    expect(images(withPng)).toBeGreaterThanOrEqual(1);
    expect(withPng.toString('latin1')).toMatch(/\/SMask/);
    const withJpeg = await certificatePdf({ ...content, seal: jpeg }, font);
    expect(images(withJpeg)).toBe(1);
    expect(withJpeg.toString('latin1')).toMatch(/\/Filter \/DCTDecode/);
  });
});
