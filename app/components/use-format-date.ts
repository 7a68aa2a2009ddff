import { useLoadedMe } from '@app/api/me';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Formats API timestamps (UTC ISO strings) as `2026-11-23 22:20` in the workspace's time zone, where the team's
 * working day is defined; before login (no workspace yet) the browser's own zone is used. The numeric form reads
 * the same in both languages and keeps table columns narrow.
 */
export function useFormatDateTime(): (iso: string | null | undefined, fallback?: string) => string {
  const { t } = useTranslation();
  const timeZone = useLoadedMe()?.workspace.timeZone;
  const formatter = useMemo(
    () =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    [timeZone],
  );
  return useCallback(
    (iso, fallback) => {
      if (!iso) return fallback ?? t('common.none');
      const parts = Object.fromEntries(
        formatter.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
      );
      return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
    },
    [formatter, t],
  );
}
