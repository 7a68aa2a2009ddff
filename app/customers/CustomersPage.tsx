import { ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useCustomers } from '@app/api/customers';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useDebouncedValue } from '@app/components/use-debounced-value';
import { useCan } from '@app/session/use-session';
import { Alert, Button, Card, Flex, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { CreateCustomerModal } from './CreateCustomerModal';
import { CustomersTable } from './CustomersTable';
import { type IdentityCheck, IdentityCheckForm } from './IdentityCheckForm';
import { ImportCustomersModal } from './ImportCustomersModal';

/** The list endpoint has no pages: the most recently changed customers, and search for the rest. */
const CUSTOMER_LIST_LIMIT = 100;

function IdentityCheckOutcome({
  check,
  matches,
  onClear,
}: {
  check: IdentityCheck;
  matches: number | undefined;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  if (matches === undefined) return null;
  const params = { last4: check.phoneLast4, name: check.name, count: matches };
  return (
    <Alert
      showIcon
      type={matches === 1 ? 'success' : matches === 0 ? 'warning' : 'info'}
      title={
        matches === 1
          ? t('customers.identityCheck.matched', params)
          : matches === 0
            ? t('customers.identityCheck.noMatch', params)
            : t('customers.identityCheck.several', params)
      }
      action={
        <Button size="small" onClick={onClear}>
          {t('customers.identityCheck.clear')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

export function CustomersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const [query, setQuery] = useState(searchParams.get('q') ?? '');
  const debouncedQuery = useDebouncedValue(query.trim());
  const tag = searchParams.get('tag') ?? '';
  const [identityCheck, setIdentityCheck] = useState<IdentityCheck | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  // The search is kept in the URL (once typing pauses) so that back from a customer returns to the same list.
  useEffect(() => {
    setSearchParams(
      (params) => {
        if (debouncedQuery) params.set('q', debouncedQuery);
        else params.delete('q');
        return params;
      },
      { replace: true },
    );
  }, [debouncedQuery, setSearchParams]);

  const customers = useCustomers(identityCheck ?? { q: debouncedQuery || undefined, tag: tag || undefined }, {
    limit: CUSTOMER_LIST_LIMIT,
  });
  const setTag = (value: string) =>
    setSearchParams((params) => {
      if (value) params.set('tag', value);
      else params.delete('tag');
      return params;
    });

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        extra={
          <Space>
            {can('customers:import') && (
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                {t('customers.import.open')}
              </Button>
            )}
            {can('customers:create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('customers.create')}
              </Button>
            )}
          </Space>
        }
      />
      <Flex gap={16} wrap align="start" style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setIdentityCheck(null);
            }}
            placeholder={t('customers.searchPlaceholder')}
            aria-label={t('customers.searchPlaceholder')}
            style={{ width: 360, maxWidth: '100%' }}
            data-testid="customer-search"
          />
          <Input.Search
            allowClear
            defaultValue={tag}
            onSearch={(value) => setTag(value.trim())}
            placeholder={t('customers.tagFilter')}
            aria-label={t('customers.tagFilter')}
            style={{ width: 160 }}
          />
        </Flex>
        <Card size="small" title={t('customers.identityCheck.title')} style={{ flex: '0 1 auto' }}>
          <IdentityCheckForm onCheck={setIdentityCheck} />
        </Card>
      </Flex>
      {identityCheck && (
        <IdentityCheckOutcome
          check={identityCheck}
          matches={customers.isFetching ? undefined : customers.data?.length}
          onClear={() => setIdentityCheck(null)}
        />
      )}
      {customers.isError && !customers.data ? (
        <LoadFailed error={customers.error} onRetry={() => void customers.refetch()} />
      ) : (
        <CustomersTable
          customers={customers.data ?? []}
          loading={customers.isFetching}
          emptyText={
            debouncedQuery || tag || identityCheck ? t('customers.emptySearch') : t('customers.empty')
          }
          footer={
            customers.data?.length === CUSTOMER_LIST_LIMIT
              ? t('customers.moreThanShown', { count: CUSTOMER_LIST_LIMIT })
              : undefined
          }
        />
      )}
      <CreateCustomerModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(customer) => navigate(`/customers/${customer.id}`)}
      />
      <ImportCustomersModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
