import QRCode from 'qrcode';

/** The resident URL a poster encodes; PUBLIC_URL when set (behind a proxy), else the request's own origin. */
export function residentUrl(request: Request, slug: string, token: string): string {
  const base = process.env.PUBLIC_URL?.replace(/\/$/, '') || new URL(request.url).origin;
  return `${base}/c/${slug}/q/${token}`;
}

export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 2, width: 600 });
}

export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
