import { Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';

/** 45 秒, 3 分 5 秒 / 45 s, 3 min 5 s. */
export function formatDuration(t: TFunction, totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return minutes > 0
    ? t('calls.duration.minutes', { minutes, seconds })
    : t('calls.duration.seconds', { seconds });
}

/** What a call's row says after its number: answered after N s or not answered, and how long they talked. */
export function callOutcome(
  t: TFunction,
  call: { answeredAfterSeconds: number | null; durationSeconds: number },
): string[] {
  if (call.answeredAfterSeconds === null) return [t('calls.call.missed')];
  return [
    t('calls.call.answeredAfter', { seconds: call.answeredAfterSeconds }),
    t('calls.call.duration', { duration: formatDuration(t, call.durationSeconds) }),
  ];
}

const asNumber = (value: unknown) => (typeof value === 'number' ? value : null);

/**
 * A logged call on the timeline: direction and masked number, answered after N s or missed, talk time, and the
 * recording when the telephone system keeps one. Null for any other event.
 */
export function describeCallEvent(kind: string, data: Record<string, unknown>, t: TFunction): ReactNode {
  if (kind !== 'call_logged') return null;
  const number = typeof data.customerNumber === 'string' ? data.customerNumber : '';
  const headline = t(data.direction === 'outbound' ? 'calls.timeline.outbound' : 'calls.timeline.inbound', {
    number,
  }).trim();
  const outcome = callOutcome(t, {
    answeredAfterSeconds: data.missed ? null : asNumber(data.answeredAfterSeconds),
    durationSeconds: asNumber(data.durationSeconds) ?? 0,
  });
  const text = [headline, ...outcome].join(t('calls.timeline.separator'));
  const recording = typeof data.recordingUrl === 'string' ? data.recordingUrl : null;
  if (!recording) return text;
  return (
    <>
      {text}
      {t('calls.timeline.separator')}
      <Typography.Link href={recording} target="_blank" rel="noopener noreferrer">
        {t('calls.call.recording')}
      </Typography.Link>
    </>
  );
}
