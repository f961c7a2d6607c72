import { describe, expect, it } from 'vitest';
import { assessmentCurrent } from '../src/index.ts';

// Decision 044: a service's prerequisite of a recent ability assessment.
describe('assessmentCurrent', () => {
  it('holds with no prerequisite, and with an assessment no older than the days given', () => {
    expect(assessmentCurrent(null, null, '2026-12-10')).toBe(true);
    expect(assessmentCurrent(180, null, '2026-12-10')).toBe(false);
    expect(assessmentCurrent(180, '2026-06-13', '2026-12-10')).toBe(true);
    expect(assessmentCurrent(180, '2026-06-12', '2026-12-10')).toBe(false);
    // An assessment dated after the service does not count for it.
    expect(assessmentCurrent(180, '2026-12-11', '2026-12-10')).toBe(false);
  });
});
