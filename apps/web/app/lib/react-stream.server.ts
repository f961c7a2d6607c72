import { Transform } from 'node:stream';

/**
 * React 18.3's streaming renderer (renderToPipeableStream) fills a 2,048-byte buffer and, when the next character is
 * a multi-byte one (every Chinese character is three bytes in UTF-8) that no longer fits, flushes the buffer with
 * its unused bytes still zero: the page then carries NUL bytes in the middle of Chinese text. Seen here as
 * "留下\0\0称呼或手机号时，请勾选同意" on the wish form's consent message (React bug facebook/react#24985, fixed by
 * #26228 in React 19 only). Page text never holds a NUL of its own (typed text is normalised without control
 * characters, decision 020), so the trailing zeros of a chunk (at most three: the bytes a character left unused)
 * are the renderer's and are dropped.
 *
 * Input: the renderer's chunks (Buffer). Output: the same bytes without the up to three zero bytes ending a chunk.
 */
export function trimRendererPadding(chunk: Uint8Array): Uint8Array {
  let end = chunk.length;
  while (end > 0 && chunk.length - end < 3 && chunk[end - 1] === 0) end--;
  return end === chunk.length ? chunk : chunk.subarray(0, end);
}

/** A pass-through stream for renderToPipeableStream's pipe() that applies trimRendererPadding to every chunk. */
export function rendererPaddingFilter(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, trimRendererPadding(chunk));
    },
  });
}
