import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The inbox search: runs on Enter rather than on every key, because a search is ranked work on the server and
 * numbers (a ticket, an order, a phone's last four digits) are only useful complete.
 */
export function TicketSearchInput({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);

  return (
    <Input
      data-testid="ticket-search"
      type="search"
      allowClear
      prefix={<SearchOutlined />}
      value={draft}
      onChange={(event) => {
        setDraft(event.target.value);
        // Clearing the box (its × button) shows the whole view again at once.
        if (event.target.value === '' && value !== '') onSearch('');
      }}
      onPressEnter={() => onSearch(draft.trim())}
      placeholder={t('tickets.searchPlaceholder')}
      aria-label={t('tickets.searchPlaceholder')}
      style={{ width: 380, maxWidth: '100%' }}
    />
  );
}
