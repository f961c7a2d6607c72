import { describe, expect, it } from 'vitest';
import { checkOnboardingRecord, mapOnboardingHeaders, missingOnboardingColumns, suggestSlug } from '../src/index.ts';

const good = { district: '观山湖区', street: '金源街道', community: '金元社区', adminCode: '520115001001', adminName: '张丽', adminMobile: '138 0000 0004', slug: '' };

describe('bulk onboarding rows', () => {
  it('maps Chinese or English headers, tolerating spaces and （选填）, and names missing required columns', () => {
    expect(mapOnboardingHeaders(['区', ' 街道 ', '社区', '行政区划代码', '管理员姓名', '管理员手机号', '短网址名称（选填）', '备注'])).toEqual([
      'district', 'street', 'community', 'adminCode', 'adminName', 'adminMobile', 'slug', null,
    ]);
    expect(missingOnboardingColumns(mapOnboardingHeaders(['区', '社区', 'adminMobile']))).toEqual(['街道', '行政区划代码', '管理员姓名']);
  });

  it('accepts a good row and normalises the mobile number', () => {
    expect(checkOnboardingRecord(good)).toEqual({ value: { ...good, adminMobile: '13800000004' }, reasons: [] });
  });

  it.each([
    [{ adminCode: '52011500100' }, ['codeInvalid']],
    [{ adminCode: '520115001000' }, ['codeInvalid']], // a street's code, not a community's
    [{ adminCode: '' }, ['codeMissing']],
    [{ adminMobile: '1234567' }, ['mobileInvalid']],
    [{ adminMobile: '' }, ['mobileMissing']],
    [{ community: '' }, ['communityInvalid']],
    [{ community: '社'.repeat(41) }, ['communityInvalid']],
    [{ slug: 'Bad Slug' }, ['slugInvalid']],
    [{ district: ' ', street: '' }, ['districtMissing', 'streetMissing']],
    [{ adminName: '<script>' + 'x'.repeat(40) }, ['adminNameInvalid']],
  ])('finds what is wrong with %o', (over, reasons) => {
    expect(checkOnboardingRecord({ ...good, ...over }).reasons).toEqual(reasons);
  });

  it('suggests short URL names from pinyin, without the 社区 suffix', () => {
    expect(suggestSlug('金元社区')).toBe('jinyuan');
    expect(suggestSlug('绿色家园社区居民委员会')).toBe('lvsejiayuan');
    expect(suggestSlug('阳光100社区')).toBe('yangguang100');
    expect(suggestSlug('社区')).toBe('shequ');
    expect(suggestSlug('A')).toBeNull();
  });
});
