import type { TFunction } from 'i18next';
import { zhCN } from './zh-CN';

type KnownPresetId = keyof typeof zhCN.slaPresets.names;

// The five seed presets have names in both languages; one the server adds later shows the server's own name.
const isKnownPreset = (id: string): id is KnownPresetId => Object.hasOwn(zhCN.slaPresets.names, id);

/** `response-process` → 001 企业服务 */
export const presetName = (t: TFunction, id: string, fallback: string): string =>
  isKnownPreset(id) ? t(`slaPresets.names.${id}`) : fallback;

/** One line on what the preset is for, or the fallback (the server's description). */
export const presetSummary = (t: TFunction, id: string, fallback: string): string =>
  isKnownPreset(id) ? t(`slaPresets.summaries.${id}`) : fallback;
