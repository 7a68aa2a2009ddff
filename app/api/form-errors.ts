import { translateProblemCode } from '@app/i18n/problem-message';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiProblem } from './problem';

/**
 * Shows a failed request's complaints under the form fields they concern. `fieldForCode` places problems that
 * carry no field path (a 409 `email_taken`) on the field they are about. Returns false when nothing could be
 * placed, so the caller shows the problem as a message instead.
 */
export function showProblemOnForm(
  form: FormInstance,
  t: TFunction,
  error: unknown,
  fieldForCode: Record<string, string> = {},
): boolean {
  if (!isApiProblem(error)) return false;
  // Keyed by the joined path; antd wants the path itself, as an array, to reach nested fields (settings.*).
  const errorsByField = new Map<string, { name: string[]; errors: string[] }>();
  const add = (name: string[], message: string) => {
    if (form.getFieldInstance(name) === undefined) return;
    const key = name.join('.');
    const entry = errorsByField.get(key) ?? { name, errors: [] };
    entry.errors.push(message);
    errorsByField.set(key, entry);
  };
  for (const problem of error.fieldProblems) {
    add(problem.field, translateProblemCode(t, problem.code ?? error.code, problem.message));
  }
  const codeField = fieldForCode[error.code];
  if (codeField && errorsByField.size === 0)
    add([codeField], translateProblemCode(t, error.code, error.detail));
  form.setFields([...errorsByField.values()]);
  return errorsByField.size > 0;
}
