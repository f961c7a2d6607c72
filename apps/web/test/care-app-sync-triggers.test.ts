import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 20, "Works without a network": what was done offline is sent "on reconnect, on opening the app, on
// visibility change — not relying on Background Sync, which some browsers lack". The browser half (care.e2e,
// care-phone.e2e) shows each trigger sending; this reads that nothing waits on Background Sync, which a browser test
// in Chromium (which has it) could not tell.
const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const worker = read('../public/care-sw.js');
const app = read('../app/routes/community+/care.app.tsx');

describe('the care app sends its queue without Background Sync', () => {
  it('the service worker registers no sync handler and sends nothing itself', () => {
    expect(worker).not.toMatch(/addEventListener\(\s*['"](sync|periodicsync)['"]/);
    expect(worker).not.toMatch(/\.sync\.register|periodicSync/);
    expect(worker).not.toMatch(/care\/sync/);
  });

  it('the page sends on opening, on reconnect and on becoming visible, and asks for no background sync', () => {
    expect(app).toMatch(/window\.addEventListener\('online', goOnline\)/);
    expect(app).toMatch(/document\.addEventListener\('visibilitychange', visible\)/);
    expect(app).toMatch(/await refreshQueue\(\);\s*await sync\(\);/);
    expect(app).not.toMatch(/\.sync\.register|SyncManager|periodicSync/);
  });
});
