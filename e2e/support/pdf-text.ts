/**
 * The text of a PDF as PDF.js reads it (what a reader copying from the file gets), every page, with all whitespace
 * removed: pdfkit wraps a long line where it likes and sets spaced separators, so assertions compare the words and
 * figures, not the layout. Compare with `flatText(expected)`.
 */
export async function pdfText(pdf: Buffer | Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item) text += item.str;
  }
  await doc.destroy();
  return flatText(text);
}

/** A string without whitespace, as pdfText gives the PDF's text. */
export const flatText = (s: string) => s.replace(/\s+/g, '');
