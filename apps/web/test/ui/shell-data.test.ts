import { describe, expect, it } from 'vitest';
import { isShellData } from '~/lib/ability.tsx';

// The browser's ability and scope come from the console layout's data; a page whose own data holds a `rules` list
// (the station's subsidy rules) was taken for it, which hid the services desk's buttons (found from outside, issue 19).
describe('the console shell data', () => {
  it('is told apart from a page that lists subsidy rules', () => {
    expect(isShellData({ user: { displayName: '张丽' }, workspace: {}, workspaces: [], rules: [], unread: 0 })).toBe(true);
    expect(isShellData({ day: '2026-12-02', slots: [], services: [], rules: [{ id: 'r', name: '高龄' }] })).toBe(false);
    expect(isShellData({ rules: [] })).toBe(false);
    expect(isShellData(null)).toBe(false);
  });
});
