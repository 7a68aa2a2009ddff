import { currentLocale } from '@app/i18n';
import type { Locale } from '@shared/roles';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';

// Each language is named in itself, so someone who cannot read the current one still finds theirs.
const OPTIONS: { label: string; value: Locale }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'English', value: 'en' },
];

export function LanguageSwitch({ onChange }: { onChange: (locale: Locale) => void }) {
  // Subscribes to language changes, so the selection follows switches made elsewhere.
  useTranslation();
  return (
    <Segmented<Locale>
      data-testid="language-switch"
      size="small"
      options={OPTIONS}
      value={currentLocale()}
      onChange={onChange}
    />
  );
}
