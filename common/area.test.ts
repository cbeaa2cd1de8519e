import { describe, expect, it } from 'vitest';
import { ancestorCode, codePrefix, levelOfCode, portalArea, portalLevelOf } from './area';

describe('portal area', () => {
  it('tells a prefecture from a county by its code', () => {
    expect(portalLevelOf('433100')).toBe('prefecture');
    expect(portalLevelOf('140721')).toBe('county');
    expect(portalLevelOf('433101')).toBe('county');
  });
  it('gives the prefix every code beneath the area starts with', () => {
    expect(portalArea('433100')).toEqual({ level: 'prefecture', code: '433100', prefix: '4331' });
    expect(portalArea('140721').prefix).toBe('140721');
    expect(codePrefix('township', '140721100')).toBe('140721100');
    expect('433127105201'.startsWith(portalArea('433100').prefix)).toBe(true);
  });
  it('names the level of a code within a portal', () => {
    expect(levelOfCode('433100', 'prefecture')).toBe('prefecture');
    expect(levelOfCode('433101', 'prefecture')).toBe('county');
    expect(levelOfCode('433101100', 'prefecture')).toBe('township');
    expect(levelOfCode('433101100200', 'county')).toBe('village');
    expect(ancestorCode('433101100200', 'county')).toBe('433101');
  });
});
