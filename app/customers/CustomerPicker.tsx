import { UserAddOutlined } from '@ant-design/icons';
import { useCustomers } from '@app/api/customers';
import type { Customer } from '@app/api/types';
import { useDebouncedValue } from '@app/components/use-debounced-value';
import { useCan } from '@app/session/use-session';
import { Button, Divider, Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateCustomerModal, type NewCustomerForm } from './CreateCustomerModal';
import { customerName, maskPhone } from './customer-format';

function CustomerOptionLabel({ customer }: { customer: Customer }) {
  const details = [
    customer.nickname && customer.nickname !== customer.name ? customer.nickname : null,
    customer.phone ? maskPhone(customer.phone) : null,
    customer.email,
    customer.number,
  ].filter(Boolean);
  return (
    <Flex vertical>
      <span>{customerName(customer)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
        {details.join(' · ')}
      </Typography.Text>
    </Flex>
  );
}

/** What was typed, as the start of a new record: digits are a phone number, an @ an address, else a name. */
function draftFromQuery(query: string): NewCustomerForm {
  const text = query.trim();
  if (/^\+?[\d\s-]{6,}$/.test(text)) return { phone: text };
  if (text.includes('@')) return { email: text };
  return text ? { name: text } : {};
}

/**
 * Finds a customer by name, phone, e-mail, CUS number, order number or channel id, and offers to create one
 * when nobody matches (a first-time caller).
 */
export function CustomerPicker({
  value,
  onChange,
  autoFocus,
  id,
  initialCustomer,
}: {
  /** Shown as chosen from the start (a ticket opened from the customer's page). */
  initialCustomer?: Customer;
  value?: string | null;
  onChange?: (customerId: string | null, customer: Customer | null) => void;
  autoFocus?: boolean;
  id?: string;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [query, setQuery] = useState('');
  const debouncedQuery = useDebouncedValue(query.trim());
  const matches = useCustomers({ q: debouncedQuery }, { requireCriteria: true, limit: 10 });
  // The chosen customer stays labelled after the search that found it has moved on.
  const [chosen, setChosen] = useState<Customer | null>(initialCustomer ?? null);
  const [creating, setCreating] = useState(false);

  const found = debouncedQuery ? (matches.data ?? []) : [];
  const candidates = chosen && !found.some((c) => c.id === chosen.id) ? [chosen, ...found] : found;
  const choose = (customer: Customer | null) => {
    setChosen(customer);
    onChange?.(customer?.id ?? null, customer);
  };

  return (
    <>
      <Select<string>
        id={id}
        showSearch={{ filterOption: false, onSearch: setQuery, searchValue: query }}
        allowClear
        autoFocus={autoFocus}
        value={value ?? undefined}
        placeholder={t('customers.pickerPlaceholder')}
        loading={matches.isFetching}
        notFoundContent={
          debouncedQuery && !matches.isFetching ? t('customers.pickerNoMatch') : t('customers.pickerHint')
        }
        options={candidates.map((customer) => ({
          value: customer.id,
          label: customerName(customer),
          customer,
        }))}
        optionRender={(option) => <CustomerOptionLabel customer={option.data.customer} />}
        onChange={(customerId) => choose(candidates.find((c) => c.id === customerId) ?? null)}
        popupRender={(menu) => (
          <>
            {menu}
            {can('customers:create') && (
              <>
                <Divider style={{ margin: '4px 0' }} />
                <Button
                  type="text"
                  block
                  icon={<UserAddOutlined />}
                  onClick={() => setCreating(true)}
                  style={{ justifyContent: 'flex-start' }}
                >
                  {query.trim()
                    ? t('customers.pickerCreateNamed', { text: query.trim() })
                    : t('customers.pickerCreate')}
                </Button>
              </>
            )}
          </>
        )}
        style={{ width: '100%' }}
      />
      <CreateCustomerModal
        open={creating}
        initialValues={draftFromQuery(query)}
        onClose={() => setCreating(false)}
        onCreated={(customer) => {
          setCreating(false);
          setQuery('');
          choose(customer);
        }}
      />
    </>
  );
}
