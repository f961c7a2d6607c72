import { existsSync, readFileSync } from 'node:fs';

/** A font that can set Chinese text: its file, the face inside a collection (.ttc), and its family name. */
export type PosterFont = { path: string; face?: string; family: string; data: Buffer };

// Debian/Ubuntu packages in order of preference (fonts-noto-cjk, fonts-wqy-zenhei, fonts-wqy-microhei, fonts-droid-fallback).
const CANDIDATES: Omit<PosterFont, 'data'>[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold', family: 'Noto Sans CJK SC' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular', family: 'Noto Sans CJK SC' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei', family: 'WenQuanYi Zen Hei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei', family: 'WenQuanYi Micro Hei' },
  { path: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', family: 'Droid Sans Fallback' },
];

let cached: PosterFont | null | undefined;

/**
 * The font posters are set in: POSTER_FONT_PATH (with POSTER_FONT_FACE for a collection and POSTER_FONT_FAMILY) when
 * given, else the first installed candidate. Null when the machine has none: posters are then refused with a clear
 * message rather than printed with empty boxes. Read once and kept (a CJK font is large; parsing it per poster is slow).
 */
export function posterFont(): PosterFont | null {
  if (cached !== undefined) return cached;
  const configured = process.env.POSTER_FONT_PATH
    ? [{ path: process.env.POSTER_FONT_PATH, face: process.env.POSTER_FONT_FACE || undefined, family: process.env.POSTER_FONT_FAMILY || 'sans-serif' }]
    : [];
  const found = [...configured, ...CANDIDATES].find((c) => existsSync(c.path));
  cached = found ? { ...found, data: readFileSync(found.path) } : null;
  return cached;
}
