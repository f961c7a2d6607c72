import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Reads the QR code in a PNG the way a phone would: from pixels. */
export function decodeQrFromPng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data ?? null;
}

/** Rasterises the first page of a PDF (PDF.js on a Skia canvas) and reads the QR code in it. */
export async function decodeQrFromPdf(pdf: Buffer): Promise<{ text: string | null; pages: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale: 2 });
  const factory = doc.canvasFactory as { create(w: number, h: number): { canvas: unknown; context: CanvasRenderingContext2D } };
  const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({ canvas: canvas as HTMLCanvasElement, canvasContext: context, viewport }).promise;
  const pixels = context.getImageData(0, 0, Math.ceil(viewport.width), Math.ceil(viewport.height));
  const text = jsQR(pixels.data, pixels.width, pixels.height)?.data ?? null;
  const pages = doc.numPages;
  await doc.destroy();
  return { text, pages };
}
