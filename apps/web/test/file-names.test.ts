import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeFileName } from '~/lib/download.server.ts';

// One cleaner of download file names (issue 19's review found three copies: reports, posters, the school's sign-in
// sheet); each route uses safeFileName (or reportFile, which does).
describe('download file names', () => {
  it('keep Chinese and lose what a file system objects to, within the length', () => {
    expect(safeFileName('签到表-太极/初级:上午?.pdf')).toBe('签到表-太极_初级_上午_.pdf');
    expect(safeFileName('a\u0001b')).toBe('a_b');
    expect(safeFileName('长'.repeat(120)).length).toBe(100);
    expect(safeFileName('长'.repeat(120), 80).length).toBe(80);
  });

  it('are cleaned in one place only', () => {
    const app = join(__dirname, '..', 'app');
    for (const file of ['routes/community+/school.courses.$courseId_.sign-in.tsx', 'routes/community+/committee.server.ts', 'lib/posters/respond.server.ts']) {
      expect(readFileSync(join(app, file), 'utf8'), file).not.toContain(`'\\\\/:*?"<>|'`);
    }
  });
});
