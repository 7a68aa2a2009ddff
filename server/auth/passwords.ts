import { hash, verify } from '@node-rs/argon2';
import { unprocessable } from '@server/http/problem';
import { checkPassword, PASSWORD_PROBLEM_MESSAGES } from '@shared/password-policy';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (about 30 ms here).
// `algorithm: 2` is Argon2id (the package exports it as a const enum, which isolated modules cannot read).
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when the e-mail is unknown, so that a wrong address costs as long as a wrong password.
let decoyHash: Promise<string> | undefined;
export async function spendPasswordCheckTime(password: string): Promise<void> {
  decoyHash ??= hashPassword('decoy-password-for-timing');
  await verifyPassword(await decoyHash, password);
}

/** Rejects a new password that breaks the policy, naming the field so the form can show the reason beside it. */
export function assertAcceptablePassword(password: string, email: string, field = 'body/password'): void {
  const problems = checkPassword(password, { email });
  if (problems.length === 0) return;
  throw unprocessable(
    'password_rejected',
    'The password does not meet the password policy',
    problems.map((problem) => ({
      path: field,
      code: `password_${problem}`,
      message: PASSWORD_PROBLEM_MESSAGES[problem],
    })),
  );
}
