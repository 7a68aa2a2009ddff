import { PlusOutlined } from '@ant-design/icons';
import { useTicketList } from '@app/api/tickets';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useWorkspaceTimeZone } from '@app/components/workspace-time';
import { useCan } from '@app/session/use-session';
import { Button, Flex, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { NewTicketModal } from '../new/NewTicketModal';
import { InboxFilters } from './InboxFilters';
import { InboxViewSwitch } from './InboxViewSwitch';
import {
  effectiveView,
  hasFilters,
  type InboxState,
  inboxListFilter,
  inboxParams,
  parseInboxParams,
} from './inbox-query';
import { TicketSearchInput } from './TicketSearchInput';
import { TicketsTable } from './TicketsTable';

export function TicketsInboxPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [searchParams, setSearchParams] = useSearchParams();
  const timeZone = useWorkspaceTimeZone();
  const state = useMemo(() => parseInboxParams(searchParams), [searchParams]);
  const tickets = useTicketList(useMemo(() => inboxListFilter(state, timeZone), [state, timeZone]));
  const [creating, setCreating] = useState(false);

  const update = (changes: Partial<InboxState>) => setSearchParams(inboxParams({ ...state, ...changes }));
  const view = effectiveView(state);
  const items = tickets.data?.pages.flatMap((page) => page.items) ?? [];
  const emptyText = state.q
    ? t('tickets.emptySearch', { q: state.q })
    : hasFilters(state)
      ? t('tickets.emptyFiltered')
      : t(`tickets.emptyView.${view}`);

  return (
    <>
      <PageHeader
        title={t('tickets.title')}
        extra={
          can('tickets:create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="ticket-new"
            >
              {t('tickets.create')}
            </Button>
          )
        }
      />
      <Flex vertical gap={12} style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap justify="space-between" align="center">
          <InboxViewSwitch value={view} onChange={(next) => update({ view: next })} />
          <TicketSearchInput value={state.q ?? ''} onSearch={(q) => update({ q: q || undefined })} />
        </Flex>
        <InboxFilters state={state} onChange={update} />
      </Flex>
      {tickets.isError && !tickets.data ? (
        <LoadFailed error={tickets.error} onRetry={() => void tickets.refetch()} />
      ) : (
        <>
          <TicketsTable
            tickets={items}
            loading={tickets.isPending || tickets.isPlaceholderData}
            emptyText={emptyText}
          />
          <Flex justify="center" style={{ marginTop: 16 }}>
            {tickets.hasNextPage ? (
              <Button onClick={() => void tickets.fetchNextPage()} loading={tickets.isFetchingNextPage}>
                {t('tickets.loadMore')}
              </Button>
            ) : (
              items.length > 0 && (
                <Typography.Text type="secondary">
                  {t('tickets.allShown', { count: items.length })}
                </Typography.Text>
              )
            )}
          </Flex>
        </>
      )}
      <NewTicketModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
