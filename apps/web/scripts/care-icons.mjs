// Draws the care app's PNG icons (apps/web/public/icons/care-*.png) from the site's mark, with sharp (already a
// dependency). Android installs a web app only with PNG icons of 192 and 512 px in its manifest (an SVG alone is
// not enough: issue 20, an outside tester); "maskable" ones fill the whole square and keep the mark inside the
// safe circle (80 %), so a round or squircle launcher does not cut it. Run once when the mark changes:
//   node apps/web/scripts/care-icons.mjs
// The PNGs are committed (small), so neither the build nor a deploy needs this script.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '..', 'public', 'icons');
const RED = '#c0392f';
// The house of favicon.svg (a 32-unit square).
const HOUSE = 'M8 22V13l8-5 8 5v9h-5v-6h-6v6z';

/** The mark on a rounded square ("any") or full bleed with the house inside the safe zone ("maskable"). */
const svg = (purpose) =>
  purpose === 'any'
    ? `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="${RED}"/><path d="${HOUSE}" fill="#fff"/></svg>`
    : `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${RED}"/><g transform="translate(16 15) scale(0.75) translate(-16 -15)"><path d="${HOUSE}" fill="#fff"/></g></svg>`;

mkdirSync(out, { recursive: true });
for (const purpose of ['any', 'maskable'])
  for (const size of [192, 512]) {
    const file = path.join(out, `care-${purpose}-${size}.png`);
    await sharp(Buffer.from(svg(purpose)), { density: (72 * size) / 32 })
      .resize(size, size)
      .png({ compressionLevel: 9, palette: true })
      .toFile(file);
    process.stdout.write(`${file}\n`);
  }
