import { isApiProblem } from '@app/api/problem';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@shared/password-policy';
import type { TFunction } from 'i18next';
import { zhCN } from './zh-CN';

type ProblemCode = keyof typeof zhCN.problems;

const isKnownCode = (code: string | undefined): code is ProblemCode =>
  code !== undefined && Object.hasOwn(zhCN.problems, code);

const limits = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };

/** A translated sentence for a problem code, or the server's own words when the code is not one we know. */
export function translateProblemCode(t: TFunction, code: string | undefined, fallback: string): string {
  return isKnownCode(code) ? t(`problems.${code}`, limits) : fallback;
}

/** What to tell the user about a failed request. */
export function problemMessage(t: TFunction, error: unknown): string {
  if (!isApiProblem(error)) return t('problems.internal_error');
  if (error.status === 403 && !isKnownCode(error.code)) return t('problems.forbidden');
  if (error.status >= 500) return t('problems.internal_error');
  return translateProblemCode(t, error.code, error.detail);
}
