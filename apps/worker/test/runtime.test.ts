import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WORKER_ENTRY, WORKER_NODE_ARGS } from '../runtime.mjs';

// The image starts the worker as npm start, the e2e run and the benchmark do (decision 040): same bundle, same
// heap bounds. A Dockerfile CMD that drifts from runtime.mjs would measure one worker and ship another.
describe('the worker start command', () => {
  const dockerfile = readFileSync(new URL('../../../infra/docker/worker.Dockerfile', import.meta.url), 'utf8');
  const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];

  it('is the same in the image as in runtime.mjs', () => {
    expect(cmd, 'worker.Dockerfile has no CMD ["node", …]').toBeDefined();
    expect(JSON.parse(cmd!)).toEqual(['node', ...WORKER_NODE_ARGS, WORKER_ENTRY]);
  });

  it('bounds the heap and runs the bundle, not the source', () => {
    expect(WORKER_NODE_ARGS.some((a) => /^--max-old-space-size=\d+$/.test(a))).toBe(true);
    expect(WORKER_ENTRY).toBe('dist/main.js');
    expect(dockerfile).toMatch(/pnpm --filter @shequ\/worker build/);
  });
});
