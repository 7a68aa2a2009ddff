import type { PiiKind } from '@app/api/types';
import { privacyZh } from '@app/i18n/zh-CN/privacy';
import type { TFunction } from 'i18next';

/** Every kind of personal data the server detects, in its order; the translation table is typed to hold them all. */
export const PII_KINDS = Object.keys(privacyZh.kinds) as PiiKind[];

const isPiiKind = (kind: unknown): kind is PiiKind => PII_KINDS.includes(kind as PiiKind);

/** 身份证号, 手机号…; a kind the app does not know yet (or none) reads as 个人信息. */
export const piiKindLabel = (t: TFunction, kind: unknown): string =>
  isPiiKind(kind) ? t(`privacy.kinds.${kind}`) : t('privacy.unknownKind');
