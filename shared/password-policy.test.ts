import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy';

describe('password policy', () => {
  it.each([
    ['short', ['too_short']],
    ['woaini1314', ['too_common']],
    ['Password123', ['too_common']],
    ['aaaaaaaaaaaa', ['too_common']],
    ['correct horse battery staple', []],
    ['客服中心的长密码2026', []],
  ])('%s → %j', (password, problems) => {
    expect(checkPassword(password)).toEqual(problems);
  });

  it('refuses a password containing the e-mail name', () => {
    expect(checkPassword('zhangwei-is-great', { email: 'zhangwei@shop.example' })).toEqual([
      'contains_email',
    ]);
    expect(checkPassword('a long and unrelated phrase', { email: 'zhangwei@shop.example' })).toEqual([]);
  });
});
