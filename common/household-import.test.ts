import { describe, expect, it } from 'vitest';
import {
  causeOf, healthOf, householdColumnOf, labourOf, povertyAttributeOf, relationOf, schoolingOf, sexOf,
} from './household-import';
import { maskPersonalNumbers } from './masking';

describe('household import headers', () => {
  it('reads the national system’s headers and the variants offices write', () => {
    expect(householdColumnOf('户编号')).toBe('householdCode');
    expect(householdColumnOf('证件号码（身份证）')).toBe('idNumber');
    expect(householdColumnOf('*公民身份号码')).toBe('idNumber');
    expect(householdColumnOf('与户主 关系')).toBe('relation');
    expect(householdColumnOf('劳动能力')).toBe('labour');
    expect(householdColumnOf('在校生状况(必填)')).toBe('schooling');
    expect(householdColumnOf('脱贫年度：')).toBe('yearExited');
    expect(householdColumnOf('序号')).toBeUndefined();
  });
});

describe('household import values', () => {
  it('maps relations, sexes, health, labour, attributes and causes as the system words them', () => {
    expect(['户主', '配偶', '之子', '之女', '之儿媳', '之孙女', '之母', '之弟', '其他'].map(relationOf)).toEqual([
      'head', 'spouse', 'child', 'child', 'child_in_law', 'grandchild', 'parent', 'sibling', 'other',
    ]);
    expect(relationOf('邻居')).toBeUndefined();
    expect([sexOf('男'), sexOf(' 女 '), sexOf('未知')]).toEqual(['male', 'female', undefined]);
    expect(['健康', '长期慢性病', '患有大病', '残疾', '长期慢性病,残疾'].map(healthOf)).toEqual(['healthy', 'chronic', 'serious', 'disabled', 'disabled']);
    expect(['普通劳动力', '技能劳动力', '弱劳动力或半劳动力', '丧失劳动力', '无劳动力', '强劳动力'].map(labourOf)).toEqual([
      'normal', 'normal', 'weak', 'lost', 'none', undefined,
    ]);
    expect(['一般贫困户', '低保贫困户', '特困供养贫困户', '五保户', '低保户', '边缘户'].map(povertyAttributeOf)).toEqual([
      'general', 'dibao', 'tekun', 'tekun', 'dibao', undefined,
    ]);
    expect(['因病', '缺劳动力', '交通条件落后', '自身发展动力不足', '因懒'].map(causeOf)).toEqual(['illness', 'labour', 'transport', 'motivation', undefined]);
  });

  it('reads schooling from 在校生状况, or from 文化程度 when that is empty', () => {
    expect(schoolingOf('学前教育', '')).toBe('preschool');
    expect(schoolingOf('八年级', '')).toBe('in_school');
    expect(schoolingOf('小学', '')).toBe('in_school');
    expect(schoolingOf('辍学', '初中')).toBe('dropped_out');
    expect(schoolingOf('非在校生', '文盲或半文盲')).toBe('none');
    expect(schoolingOf('非在校生', '初中')).toBe('graduated');
    expect(schoolingOf('', '高中')).toBe('graduated');
    expect(schoolingOf('', '')).toBeUndefined();
  });
});

describe('maskPersonalNumbers', () => {
  it('masks ID and mobile numbers inside any text, and leaves codes and other numbers alone', () => {
    expect(maskPersonalNumbers('证件号码 14072119701218415X 无效，电话 13912345678')).toBe('证件号码 140721********415X 无效，电话 139****5678');
    expect(maskPersonalNumbers('村代码 140721100200，户 1407211002000001，2020 年')).toBe('村代码 140721100200，户 1407211002000001，2020 年');
  });
});
