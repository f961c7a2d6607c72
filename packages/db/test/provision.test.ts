import { describe, expect, it } from 'vitest';
import { ctypeFor } from '../src/provision.ts';

describe('the character classification of a new database', () => {
  it('is left to the server when its default already knows Chinese characters as letters', () => {
    for (const ctype of ['C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'zh_CN.UTF-8', 'zh_CN.utf8']) expect(ctypeFor(ctype), ctype).toBeNull();
  });

  it('is C.UTF-8 when the server default is plain C or POSIX, under which pg_trgm finds no trigram in Chinese', () => {
    for (const ctype of ['C', 'POSIX', 'c', undefined]) expect(ctypeFor(ctype), String(ctype)).toBe('C.UTF-8');
  });
});
