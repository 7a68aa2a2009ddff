import type { TFunction } from 'i18next';

const SOURCES = ['store', 'exhibition', 'phone', 'letter', 'visit', 'other'] as const;
const isSource = (value: unknown): value is (typeof SOURCES)[number] =>
  SOURCES.includes(value as (typeof SOURCES)[number]);

/** A request registered by hand on the timeline: where it was received (门店 北京朝阳大悦城店); null for other events. */
export function describeRegistrationEvent(
  kind: string,
  data: Record<string, unknown>,
  t: TFunction,
): string | null {
  if (kind !== 'request_registered') return null;
  const source = t(`manualEntry.sources.${isSource(data.source) ? data.source : 'other'}`);
  const detail = typeof data.sourceDetail === 'string' ? data.sourceDetail : '';
  return detail
    ? t('manualEntry.timeline.registeredAt', { source, detail })
    : t('manualEntry.timeline.registered', { source });
}
