import { describe, expect, it } from 'vitest';
import {
  checkOnboardingRecord,
  expandBuildingNames,
  foldText,
  matchesSearch,
  normalizeAdminCode,
  normalizeMobile,
  normalizeSlug,
  normalizeTrackingCode,
  parseLoginIdentifier,
  searchTerms,
} from '../src/index.ts';

describe('what people type is read as they meant it (issue 15)', () => {
  it('folds full-width forms and case', () => {
    expect(foldText('６栋电梯坏了')).toBe('6栋电梯坏了');
    expect(foldText('ＷＩＦＩ')).toBe('wifi');
    expect(foldText('WiFi')).toBe('wifi');
    expect(foldText('小区门口路灯不亮')).toBe('小区门口路灯不亮');
  });

  it('splits a query into words that must all match, in any order', () => {
    expect(searchTerms(' 漏水 天花板 ')).toEqual(['漏水', '天花板']);
    expect(searchTerms('漏水　天花板 漏水')).toEqual(['漏水', '天花板']); // ideographic space, a repeat
    expect(searchTerms('   ')).toEqual([]);
    expect(matchesSearch('5栋厨房漏水，楼下天花板湿了', '漏水 天花板')).toBe(true);
    expect(matchesSearch('5栋厨房漏水，楼下天花板湿了', '天花板 漏水')).toBe(true);
    expect(matchesSearch('5栋厨房漏水，楼下天花板湿了', '漏水 屋顶')).toBe(false);
    expect(matchesSearch('６栋电梯坏了', '6栋')).toBe(true);
    expect(matchesSearch('ＷＩＦＩ连不上', 'wifi')).toBe(true);
  });

  it('reads tracking codes, mobiles, codes and slugs typed in full-width forms', () => {
    expect(normalizeTrackingCode('１ＳＱＧ７－Ｋ６Ｖ３Ｄ')).toBe('1SQG7K6V3D');
    expect(normalizeTrackingCode('1sqg7—k6v3d')).toBe('1SQG7K6V3D'); // a Chinese dash
    expect(normalizeMobile('１３８　００１３　８０００')).toBe('13800138000');
    expect(normalizeMobile('＋８６ 138-0013-8000')).toBe('13800138000');
    expect(parseLoginIdentifier('１３８０００００００４')).toEqual({ kind: 'mobile', value: '13800000004' });
    expect(parseLoginIdentifier('ＡＤＭＩＮ＠demo.shequ.cn')).toEqual({ kind: 'email', value: 'admin@demo.shequ.cn' });
    expect(normalizeAdminCode('５２０１１５ ００１ ００１')).toBe('520115001001');
    expect(normalizeSlug(' ＪｉｎＹｕａｎ ')).toBe('jinyuan');
  });

  it('reads imported cells in full-width forms', () => {
    const { value, reasons } = checkOnboardingRecord({
      district: '观山湖区',
      street: '金源街道',
      community: '金元社区',
      adminCode: '５２０１１５００１００１',
      adminName: '张丽',
      adminMobile: '１３８００１３８０００',
      slug: 'ＪＩＮＹＵＡＮ',
    });
    expect(reasons).toEqual([]);
    expect(value).toMatchObject({ adminCode: '520115001001', adminMobile: '13800138000', slug: 'jinyuan' });
  });
});

describe('buildings added as a range or a list (issue 15)', () => {
  const names = (input: string) => {
    const r = expandBuildingNames(input);
    return 'names' in r ? r.names : r.problem;
  };
  it('expands ranges in any common spelling', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `${i + 1}栋`);
    for (const typed of ['1-12栋', '1–12栋', '1栋-12栋', '1至12栋', '1~12栋', '１－１２栋', ' 1 - 12栋 ']) expect(names(typed), typed).toEqual(twelve);
    expect(names('1-3号楼')).toEqual(['1号楼', '2号楼', '3号楼']);
    expect(names('A1~A3')).toEqual(['A1', 'A2', 'A3']);
  });
  it('takes lists, mixed with ranges, without repeats', () => {
    expect(names('13栋、15栋，1-2栋 13栋')).toEqual(['13栋', '15栋', '1栋', '2栋']);
    expect(names('综合楼\n幼儿园')).toEqual(['综合楼', '幼儿园']);
    expect(names('3-1栋')).toEqual(['3-1栋']); // counts down: a name, not a range
  });
  it('refuses nothing, too many and too long', () => {
    expect(names(' ，、 ')).toBe('empty');
    expect(names('1-500栋')).toBe('tooMany');
    expect(names('很'.repeat(41))).toBe('tooLong');
  });
});
