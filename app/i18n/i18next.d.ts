import 'i18next';
import type { Translation } from './zh-CN';

// Typed resources: a misspelt key in t('…') is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}
