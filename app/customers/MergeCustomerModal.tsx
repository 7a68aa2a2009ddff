import { SearchOutlined } from '@ant-design/icons';
import { useCustomers, useMergeCustomers } from '@app/api/customers';
import type { Customer } from '@app/api/types';
import { useDebouncedValue } from '@app/components/use-debounced-value';
import { problemMessage } from '@app/i18n/problem-message';
import { Alert, App, Flex, Input, List, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerName, maskPhone } from './customer-format';
import { IdentityTags } from './IdentityTags';

/** Finds the duplicate record of this customer and folds it in: its identities and tickets move here. */
export function MergeCustomerModal({
  target,
  open,
  onClose,
}: {
  target: Customer;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [query, setQuery] = useState('');
  const debouncedQuery = useDebouncedValue(query.trim());
  const [sourceId, setSourceId] = useState<string>();
  const matches = useCustomers({ q: debouncedQuery }, { requireCriteria: true, enabled: open, limit: 20 });
  const mergeCustomers = useMergeCustomers();
  const candidates = (debouncedQuery ? (matches.data ?? []) : []).filter((c) => c.id !== target.id);
  const source = candidates.find((candidate) => candidate.id === sourceId);

  const close = () => {
    setQuery('');
    setSourceId(undefined);
    onClose();
  };
  const merge = () => {
    if (!source) return;
    mergeCustomers.mutate(
      { targetId: target.id, sourceCustomerId: source.id },
      {
        onSuccess: () => {
          message.success(t('customers.merge.done', { source: source.number, target: target.number }));
          close();
        },
        onError: (error) => void message.error(problemMessage(t, error)),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('customers.merge.title', { target: customerName(target) })}
      okText={t('customers.merge.confirm')}
      okButtonProps={{ disabled: !source, danger: true }}
      onOk={merge}
      confirmLoading={mergeCustomers.isPending}
      onCancel={close}
      width={640}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('customers.merge.intro')}</Typography.Text>
        <Input
          autoFocus
          allowClear
          prefix={<SearchOutlined />}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder={t('customers.searchPlaceholder')}
          aria-label={t('customers.searchPlaceholder')}
        />
        <Radio.Group
          value={sourceId}
          onChange={(event) => setSourceId(event.target.value)}
          style={{ width: '100%' }}
        >
          <List
            size="small"
            loading={matches.isFetching}
            dataSource={candidates}
            locale={{ emptyText: debouncedQuery ? t('customers.pickerNoMatch') : t('customers.pickerHint') }}
            style={{ maxHeight: 320, overflow: 'auto' }}
            renderItem={(candidate) => (
              <List.Item>
                <Radio value={candidate.id}>
                  <Flex vertical>
                    <span>
                      {customerName(candidate)}{' '}
                      <Typography.Text type="secondary">{candidate.number}</Typography.Text>
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[candidate.phone && maskPhone(candidate.phone), candidate.email, candidate.company]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Text>
                    <IdentityTags identities={candidate.identities} />
                  </Flex>
                </Radio>
              </List.Item>
            )}
          />
        </Radio.Group>
        {source && (
          <Alert
            type="warning"
            showIcon
            title={t('customers.merge.summary', {
              source: customerName(source),
              sourceNumber: source.number,
              target: customerName(target),
              targetNumber: target.number,
              count: source.identities.length,
            })}
          />
        )}
      </Flex>
    </Modal>
  );
}
