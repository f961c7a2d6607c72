import { PassThrough, type Writable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { createElement } from 'react';
import { renderToPipeableStream, renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { rendererPaddingFilter, trimRendererPadding } from '../app/lib/react-stream.server.ts';

// React 18's streaming renderer pads a chunk with NUL bytes when a Chinese character no longer fits its 2,048-byte
// buffer (the wish form showed "留下\0\0称呼…"). Pages go through rendererPaddingFilter (entry.server.tsx).
const MESSAGE = '留下称呼或手机号时，请勾选同意';
// Many short Chinese text nodes (as a form's labels and messages are), after `pad` ASCII characters that move where
// the 2,048-byte boundaries fall.
const page = (pad: number) =>
  createElement('div', null, createElement('p', null, 'x'.repeat(pad)), ...Array.from({ length: 120 }, (_, i) => createElement('p', { key: i }, MESSAGE)));

function stream(pad: number, through: () => Writable & NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(page(pad), {
      onAllReady() {
        const out = through();
        pipe(out);
        text(out).then(resolve, reject);
      },
      onShellError: reject,
    });
  });
}

describe('streamed pages and Chinese text', () => {
  it('React 18 pads some chunks with NUL bytes (if this fails, React no longer does: the filter can go)', async () => {
    const raw = await Promise.all([0, 1, 2, 3, 4, 5].map((pad) => stream(pad, () => new PassThrough())));
    expect(raw.some((html) => html.includes('\u0000'))).toBe(true);
  });

  it('the filter entry.server.tsx pipes pages through leaves exactly what renderToStaticMarkup renders', async () => {
    for (const pad of [0, 1, 2, 3]) {
      const html = await stream(pad, rendererPaddingFilter);
      expect(html.includes('\u0000'), `padding ${pad}`).toBe(false);
      expect(html).toBe(renderToStaticMarkup(page(pad)));
    }
  });

  it('drops at most three trailing zero bytes, nothing else', () => {
    const bytes = (...b: number[]) => Uint8Array.from(b);
    expect([...trimRendererPadding(bytes(0xe4, 0xb8, 0x8b, 0, 0))]).toEqual([0xe4, 0xb8, 0x8b]);
    expect([...trimRendererPadding(bytes(0x61, 0, 0, 0, 0))]).toEqual([0x61, 0]);
    expect([...trimRendererPadding(bytes(0, 0x61))]).toEqual([0, 0x61]);
    expect([...trimRendererPadding(bytes())]).toEqual([]);
  });
});
