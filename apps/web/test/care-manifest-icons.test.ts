import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

// Issue 20 (decision 070): the care app's manifest had only an SVG icon, and Android does not install a web app
// without PNG icons of 192 and 512 px. Each PNG the manifest lists exists in public/ and is the size it says; both
// sizes are there for "any" and for "maskable" launchers. (The PNGs come from apps/web/scripts/care-icons.mjs.)
const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public');
const manifest = JSON.parse(readFileSync(path.join(publicDir, 'care.webmanifest'), 'utf8')) as { icons: { src: string; sizes: string; type: string; purpose?: string }[] };

describe('the care app’s manifest icons', () => {
  it('lists PNG icons of 192 and 512 px, for any launcher and for maskable ones', () => {
    const png = manifest.icons.filter((i) => i.type === 'image/png');
    for (const purpose of ['any', 'maskable'])
      for (const size of ['192x192', '512x512']) expect(png.some((i) => i.sizes === size && (i.purpose ?? 'any').split(' ').includes(purpose))).toBe(true);
  });

  it('each PNG listed is a PNG file of the size it says', async () => {
    for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
      const file = path.join(publicDir, icon.src);
      expect(existsSync(file)).toBe(true);
      const meta = await sharp(file).metadata();
      expect(meta.format).toBe('png');
      expect(`${meta.width}x${meta.height}`).toBe(icon.sizes);
    }
  });
});
