export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

// The most common passwords in published leak lists, including those popular with Chinese users.
const COMMON_PASSWORDS = new Set([
  '123456789',
  '1234567890',
  '12345678910',
  '0123456789',
  '9876543210',
  '1111111111',
  '0000000000',
  '1234512345',
  'password',
  'password1',
  'password12',
  'password123',
  'passw0rd!',
  'qwertyuiop',
  'qwerty1234',
  'qwerty123456',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'zaq12wsxcde',
  'abc1234567',
  'abcd123456',
  'a123456789',
  'aa123456789',
  'iloveyou12',
  'welcome123',
  'admin12345',
  'administrator',
  'letmein123',
  'changeme123',
  'sunshine12',
  'woaini1314',
  'woaini520',
  '5201314520',
  '1314520520',
  'qq123456789',
  'wang123456',
  'zhang123456',
  'li12345678',
  'asdfghjkl',
  'asdfghjkl1',
  'asd1234567',
  'zxcvbnm123',
  'zxcvbnm,./',
  '1qaz2wsx',
  'kefu123456',
  'kefu12345678',
  'customer123',
  'service123',
  'support123',
  'helpdesk123',
  'abc123abc123',
  '147258369',
  '1472583690',
  '1357924680',
  '11223344556',
  '123123123123',
  '123qweasdzxc',
  'qweasdzxc123',
  'p@ssw0rd123',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_email';

/** Checks a new password against the policy; an empty list means it is acceptable. */
export function checkPassword(password: string, context: { email?: string } = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (password.length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered) || /^(.)\1+$/.test(password)) problems.push('too_common');
  const localPart = context.email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lowered.includes(localPart)) problems.push('contains_email');
  return problems;
}

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters`,
  too_long: `Use at most ${PASSWORD_MAX_LENGTH} characters`,
  too_common: 'This password is too common; choose another',
  contains_email: 'Do not use your e-mail name in the password',
};
