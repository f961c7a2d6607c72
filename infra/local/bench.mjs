// `pnpm bench <name>`: runs a benchmark from any workspace package's bench/ folder (bench/<name>.ts)
// and prints its figures. Benchmarks are not tests: they measure, and say what they measured.
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ensurePnpm, ROOT, run, say } from './lib.mjs';

const [name, ...args] = process.argv.slice(2);
const found = [];
for (const group of ['apps', 'packages']) {
  for (const pkg of readdirSync(path.join(ROOT, group))) {
    const dir = path.join(ROOT, group, pkg, 'bench');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)) if (file.endsWith('.ts')) found.push({ name: file.slice(0, -3), pkg: path.join(group, pkg), file });
  }
}
const bench = found.find((b) => b.name === name);
if (!bench) {
  say(name ? `no benchmark named "${name}"` : 'usage: pnpm bench <name> [flags]');
  say(found.length ? `available: ${found.map((b) => b.name).join(', ')}` : 'no benchmarks yet: add one as <package>/bench/<name>.ts');
  process.exit(name ? 1 : 0);
}
ensurePnpm(); // benches build the web app with pnpm (and `npm run bench` works on a machine without it)
process.exit(run(path.join(ROOT, bench.pkg, 'node_modules/.bin/tsx'), [path.join('bench', bench.file), ...args], { cwd: path.join(ROOT, bench.pkg) }));
