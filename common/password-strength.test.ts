import { describe, expect, it } from 'vitest';
import { passwordMessage, passwordProblems } from './password-strength';
import { setupBody, userCreate } from './schemas';

const codes = (password: string, username?: string) => passwordProblems(password, username).map((p) => p.code);

describe('password strength', () => {
  it('accepts a long password with three kinds of character that avoids the user name', () => {
    expect(codes('Huai-he 2026 dam', 'zhangsan')).toEqual([]);
    expect(codes('tiaojian7!gongcheng', 'admin')).toEqual([]);
    expect(codes('9 ZHEN MU LIANG YU', 'qin')).toEqual([]);
  });

  it('refuses passwords shorter than 12 characters', () => {
    expect(codes('Ab1!Ab1!Ab1', 'x')).toEqual(['too_short']);
    expect(codes('Ab1!Ab1!Ab1!', 'x')).toEqual([]);
  });

  it('needs at least three of lower case, upper case, digits and symbols', () => {
    expect(codes('abcdefghijkl123')).toEqual(['too_few_kinds']);
    expect(codes('ABCDEFGHIJKL!!!')).toEqual(['too_few_kinds']);
    expect(codes('abcdefghijKL123')).toEqual([]);
    expect(codes('abcdefghijkl12!')).toEqual([]);
  });

  it('refuses a password containing the user name in any case', () => {
    expect(codes('MyAdmin-Office-7', 'admin')).toEqual(['contains_username']);
    expect(codes('xx-WangWei-2026', 'wangwei')).toEqual(['contains_username']);
  });

  it('refuses common passwords, also with digits and symbols appended', () => {
    expect(codes('Password2024!', 'x')).toEqual(['common']);
    expect(codes('P@ssw0rd123456', 'x')).toEqual(['common']);
    expect(codes('Woaini1314520', 'x')).toEqual(['common']);
  });

  it('refuses one character repeated', () => {
    expect(codes('aaaaaaaaaaaaaa')).toContain('one_character');
  });

  it('says every problem in Chinese and English', () => {
    const message = passwordMessage(passwordProblems('admin123', 'admin'));
    expect(message).toContain('密码至少12位');
    expect(message).toContain('at least 12 characters');
    expect(message).toContain('不能包含用户名');
    expect(message).toContain('must not contain the user name');
  });

  it('is the rule of the setup and user administration schemas', () => {
    const weak = setupBody.safeParse({ countyCode: '411702', username: 'admin', password: 'admin123' });
    expect(weak.success).toBe(false);
    expect(weak.error?.issues[0].path).toEqual(['password']);
    expect(weak.error?.issues[0].message).toMatch(/密码.* \/ .*password/);
    expect(setupBody.safeParse({ countyCode: '411702', username: 'wang.li', password: 'Yicheng-Office-2026' }).success).toBe(true);
    expect(userCreate.safeParse({ username: 'li.si', displayName: '李四', role: 'viewer', password: 'password1' }).success).toBe(false);
    expect(userCreate.safeParse({ username: 'li.si', displayName: '李四', role: 'viewer', password: 'Zhumadian-2026' }).success).toBe(true);
  });
});
