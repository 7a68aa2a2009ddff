import type { PreChatFieldName, WidgetConfig } from '@shared/web-chat';
import type { Translate } from '../i18n';
import { el } from './dom';

export type Contact = Partial<Record<PreChatFieldName, string>>;

const FORMATS: Partial<Record<PreChatFieldName, { type: string; valid: RegExp }>> = {
  email: { type: 'email', valid: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ },
  phone: { type: 'tel', valid: /^\+?[\d\s-]{5,20}$/ },
};

/** The configured pre-chat fields; on submit the values travel as `contact` with the visitor's first message. */
export function preChatForm(
  fields: WidgetConfig['preChat']['fields'],
  t: Translate,
  done: (contact: Contact) => void,
): HTMLFormElement {
  const inputs = fields.map(({ field, required }) => {
    const input = el('input', {
      name: field,
      type: FORMATS[field]?.type ?? 'text',
      maxlength: 100,
      required,
      'data-field': field,
    });
    return { field, required, input };
  });
  const problem = el('div', { className: 'error', hidden: true });
  const form = el('form', { className: 'prechat', 'data-kefu': 'prechat', novalidate: true }, [
    el('div', { text: t('preChatIntro') }),
    ...inputs.map(({ field, required, input }) =>
      el('label', {}, [`${t(field)}${required ? ' *' : ''}`, input]),
    ),
    problem,
    el('button', { type: 'submit', className: 'primary', text: t('start') }),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const contact: Contact = {};
    let firstInvalid: { field: PreChatFieldName; input: HTMLInputElement } | undefined;
    for (const { field, required, input } of inputs) {
      const value = input.value.trim();
      const invalid = value ? !(FORMATS[field]?.valid.test(value) ?? true) : required;
      input.classList.toggle('invalid', invalid);
      if (invalid) firstInvalid ??= { field, input };
      else if (value) contact[field] = value;
    }
    problem.hidden = !firstInvalid;
    if (firstInvalid) {
      problem.textContent = t('required', { field: t(firstInvalid.field) });
      firstInvalid.input.focus();
      return;
    }
    done(contact);
  });
  return form;
}
