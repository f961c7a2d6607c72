// How production starts the worker (decision 040), in one place for `npm start`, the e2e run and the benchmark;
// infra/docker/worker.Dockerfile repeats it in its CMD (apps/worker/test/runtime.test.ts keeps the two equal).
// - The bundle, not the TypeScript source through tsx (190 MB at rest through tsx, about 115 MB bundled).
// - A bounded heap: V8 otherwise grows the old generation as long as the machine allows, and keeps what it took.
//   Under the holiday-morning burst the worker peaked at 212–340 MB RSS with the defaults and 135 MB with the old
//   generation capped at 100 MB, at the same breach rate (pnpm bench deadlines, small runs side by side). 128 MB
//   leaves room for the largest job the worker runs (an onboarding import, read row by row from PostgreSQL).
//   Smaller young-generation semispaces (4 MB) trade a few more scavenges for about 20 MB less at rest.
export const WORKER_NODE_ARGS = ['--max-old-space-size=128', '--max-semi-space-size=4'];
export const WORKER_ENTRY = 'dist/main.js';
