import { describe, expect, it } from 'vitest';
import { noCertificateKey, toNextStar } from '~/components/my-page/my-volunteering.tsx';
import { createI18n } from '~/lib/i18n.ts';

const t = createI18n('zh-CN').t;
const stars = (served: number, next = 100) => ({ stars: 0, hours: served, next, toNext: next - served, progress: served / next });

describe('what 我的 says is left to the next star', () => {
  it('never rounds what is left up to the whole threshold: 6 minutes served leave 99 h 54 min, one minute 99 h 59 min', () => {
    expect(toNextStar(t, stars(0.1))).toBe('再服务 99 小时 54 分钟可达 1 星');
    expect(toNextStar(t, stars(1 / 60))).toBe('再服务 99 小时 59 分钟可达 1 星');
  });
  it('says whole hours as hours', () => {
    expect(toNextStar(t, stars(0))).toBe('再服务 100 小时可达 1 星');
    expect(toNextStar(t, stars(40))).toBe('再服务 60 小时可达 1 星');
  });
});

describe('why 我的 offers no certificate', () => {
  it('tells a volunteer whose approved hours were all entered afterwards that those certify nothing, not that they have none', () => {
    expect(t(noCertificateKey({ approvedMinutes: 120, starMinutes: 0 }), {})).toContain('事后补录');
    expect(t(noCertificateKey({ approvedMinutes: 0, starMinutes: 0 }), {})).toBe('有经审核的服务时长后，可在这里开具志愿服务证明。');
  });
});
