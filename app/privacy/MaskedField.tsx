import type { PersonalDataSpan } from '@app/api/types';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MaskedText } from './MaskedText';
import { spansOf } from './masked-segments';

type TextField = 'nickname' | 'phone' | 'email' | 'company';

/**
 * One short profile value with its masks, or a dash when empty. `copyable` only applies while nothing in it is
 * masked: a copied 138****5678 is of no use to anyone.
 */
export function MaskedField({
  owner,
  field,
  copyable = false,
}: {
  owner: { [key in TextField]: string | null } & { personalData?: PersonalDataSpan[] };
  field: TextField;
  copyable?: boolean;
}) {
  const { t } = useTranslation();
  const text = owner[field];
  if (!text) return <>{t('common.none')}</>;
  const spans = spansOf(owner.personalData, field);
  return (
    <Typography.Text copyable={copyable && spans.length === 0 ? { text } : false}>
      <MaskedText text={text} spans={spans} />
    </Typography.Text>
  );
}
