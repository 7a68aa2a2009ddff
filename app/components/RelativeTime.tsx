import { Tooltip } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from './use-format-date';
import { useNow } from './use-now';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "5 分钟前" / "5 minutes ago", with the exact time (workspace time zone) on hover; older than a week, the date. */
export function RelativeTime({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const now = useNow();
  const format = useMemo(
    () => new Intl.RelativeTimeFormat(i18n.language, { numeric: 'auto', style: 'short' }),
    [i18n.language],
  );
  const exact = formatDateTime(iso);
  const elapsed = Math.max(0, now - new Date(iso).getTime());
  let text: string;
  if (elapsed < MINUTE) text = format.format(0, 'second');
  else if (elapsed < HOUR) text = format.format(-Math.floor(elapsed / MINUTE), 'minute');
  else if (elapsed < DAY) text = format.format(-Math.floor(elapsed / HOUR), 'hour');
  else if (elapsed < 7 * DAY) text = format.format(-Math.floor(elapsed / DAY), 'day');
  else text = exact.slice(0, 10);

  return (
    <Tooltip title={exact}>
      <time dateTime={iso} style={{ whiteSpace: 'nowrap' }}>
        {text}
      </time>
    </Tooltip>
  );
}
