// `pnpm --filter @shequ/worker build`: the worker as production runs it, one ES module bundle in dist/.
// Why a bundle (decision 040): run through tsx, the worker held about 190 MB at rest (the loader and every
// package's TypeScript compiled in memory), most of the 200 MB the holiday-morning target allows; bundled, about
// 115 MB. The workspace packages (@shequ/*, which export TypeScript source) are bundled in; every other package
// stays an import resolved from apps/worker/node_modules at run time (BullMQ reads its Lua scripts from its own
// folder, argon2 is a native addon, pino starts worker threads by file), so each must be a dependency of the worker:
// the build fails and names the package when one is not.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { readFileSync, rmSync } from 'node:fs';

const here = new URL('.', import.meta.url);
const outdir = new URL('dist/', here).pathname;
rmSync(outdir, { recursive: true, force: true });
const NATIVE = ['@node-rs/argon2', 'sharp'];
const own = Object.keys(JSON.parse(readFileSync(new URL('package.json', here), 'utf8')).dependencies);
const external = new Set();
const result = await build({
  entryPoints: ['src/main.ts', 'src/process.ts', 'src/supervisor.ts'].map((f) => new URL(f, here).pathname),
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir,
  logLevel: 'warning',
  // Bundled CommonJS dependencies of the workspace packages may call require().
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [
    {
      name: 'npm-packages-stay-external',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          if (args.path.startsWith('@shequ/') || args.path.startsWith('node:')) return undefined;
          const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
          if (!own.includes(name) && !NATIVE.includes(name)) return undefined;
          external.add(name);
          return { path: args.path, external: true };
        });
      },
    },
  ],
});
if (result.errors.length) process.exit(1);
// Every package left outside must resolve from the worker's own folder, as it will in the image.
const require = createRequire(new URL('package.json', here));
const { builtinModules } = await import('node:module');
const missing = [...external].filter((name) => {
  if (builtinModules.includes(name)) return false;
  try {
    require.resolve(`${name}/package.json`);
    return false;
  } catch {
    try {
      require.resolve(name);
      return false;
    } catch {
      return true;
    }
  }
});
if (missing.length) {
  console.error(`worker build: not dependencies of @shequ/worker, add them to apps/worker/package.json: ${missing.join(', ')}`);
  process.exit(1);
}
process.stdout.write(`worker built into dist/ (${external.size} packages imported at run time)\n`);
