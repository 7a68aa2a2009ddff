import { DeleteOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import type { RiskTerm } from '@shared/routing';
import {
  App,
  AutoComplete,
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BulkPasteTermsModal } from './BulkPasteTermsModal';
import { addMissingTerms, mergeTerms } from './risk-terms';

const PAGE_SIZE = 20;

/**
 * 风险词库: words that make a request urgent or important, each with the category shown on the ticket. Edited here,
 * saved with the page.
 */
export function RiskTermsCard({
  terms,
  defaults,
  readOnly,
  onChange,
}: {
  terms: RiskTerm[];
  defaults: RiskTerm[];
  readOnly: boolean;
  onChange: (terms: RiskTerm[]) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useTicketLabels();
  const [query, setQuery] = useState('');
  const [pasting, setPasting] = useState(false);
  const [draft, setDraft] = useState<RiskTerm>({ term: '', priority: 'urgent', category: '' });
  const categories = useMemo(() => [...new Set(terms.map((entry) => entry.category))].sort(), [terms]);
  const categoryOptions = categories.map((value) => ({ value }));
  const priorityOptions = (['urgent', 'important'] as const).map((value) => ({
    value,
    label: labels.priority(value),
  }));
  const shown = terms.filter(
    (entry) => !query || entry.term.includes(query) || entry.category.includes(query),
  );

  const replace = (term: string, changes: Partial<RiskTerm>) =>
    onChange(terms.map((entry) => (entry.term === term ? { ...entry, ...changes } : entry)));

  const add = () => {
    const term = draft.term.trim();
    if (!term) return;
    if (terms.some((entry) => entry.term === term)) {
      void message.warning(t('riskSettings.terms.duplicate', { term }));
      return;
    }
    const category = draft.category.trim() || t('riskSettings.terms.defaultCategory');
    onChange([{ term, priority: draft.priority, category }, ...terms]);
    setDraft({ ...draft, term: '' });
  };

  const columns: TableColumnsType<RiskTerm> = [
    {
      title: t('riskSettings.terms.term'),
      dataIndex: 'term',
      render: (term: string) => <Typography.Text strong>{term}</Typography.Text>,
    },
    {
      title: t('riskSettings.terms.priority'),
      dataIndex: 'priority',
      width: 140,
      render: (priority: RiskTerm['priority'], entry) => (
        <Select
          size="small"
          value={priority}
          options={priorityOptions}
          disabled={readOnly}
          onChange={(next) => replace(entry.term, { priority: next })}
          aria-label={t('riskSettings.terms.priority')}
          style={{ width: 110 }}
        />
      ),
    },
    {
      title: t('riskSettings.terms.category'),
      dataIndex: 'category',
      render: (category: string, entry) => (
        <Typography.Text
          editable={
            readOnly
              ? false
              : {
                  text: category,
                  maxLength: 50,
                  tooltip: t('common.edit'),
                  onChange: (next) => {
                    const trimmed = next.trim();
                    if (trimmed && trimmed !== category) replace(entry.term, { category: trimmed });
                  },
                }
          }
        >
          {category}
        </Typography.Text>
      ),
    },
  ];
  if (!readOnly) {
    columns.push({
      key: 'remove',
      width: 48,
      render: (_value, entry) => (
        <Button
          type="text"
          size="small"
          icon={<DeleteOutlined />}
          aria-label={t('riskSettings.terms.remove', { term: entry.term })}
          onClick={() => onChange(terms.filter((other) => other.term !== entry.term))}
        />
      ),
    });
  }

  return (
    <Card
      size="small"
      title={t('riskSettings.terms.title', { count: terms.length })}
      extra={
        !readOnly && (
          <Flex gap={8}>
            <Button size="small" onClick={() => setPasting(true)} data-testid="risk-paste-open">
              {t('riskSettings.paste.open')}
            </Button>
            <Popconfirm
              title={t('riskSettings.terms.resetConfirm')}
              description={t('riskSettings.terms.resetHint', { count: defaults.length })}
              onConfirm={() => onChange(addMissingTerms(terms, defaults))}
            >
              <Button size="small">{t('riskSettings.terms.reset')}</Button>
            </Popconfirm>
          </Flex>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('riskSettings.terms.help')}
      </Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {!readOnly && (
          <>
            <Input
              value={draft.term}
              onChange={(event) => setDraft({ ...draft, term: event.target.value })}
              onPressEnter={add}
              maxLength={50}
              placeholder={t('riskSettings.terms.newTerm')}
              aria-label={t('riskSettings.terms.newTerm')}
              style={{ width: 160 }}
              data-testid="risk-term-input"
            />
            <Select
              value={draft.priority}
              options={priorityOptions}
              onChange={(priority) => setDraft({ ...draft, priority })}
              aria-label={t('riskSettings.terms.priority')}
              style={{ width: 110 }}
            />
            <AutoComplete
              value={draft.category}
              options={categoryOptions}
              onChange={(category) => setDraft({ ...draft, category })}
              placeholder={t('riskSettings.terms.category')}
              aria-label={t('riskSettings.terms.category')}
              style={{ width: 150 }}
            />
            <Button
              icon={<PlusOutlined />}
              onClick={add}
              disabled={!draft.term.trim()}
              data-testid="risk-term-add"
            >
              {t('riskSettings.terms.add')}
            </Button>
          </>
        )}
        <Input
          allowClear
          prefix={<SearchOutlined />}
          value={query}
          onChange={(event) => setQuery(event.target.value.trim())}
          placeholder={t('riskSettings.terms.search')}
          aria-label={t('riskSettings.terms.search')}
          style={{ width: 200, marginInlineStart: 'auto' }}
        />
      </Flex>
      <Table<RiskTerm>
        rowKey="term"
        size="small"
        columns={columns}
        dataSource={shown}
        pagination={shown.length > PAGE_SIZE ? { pageSize: PAGE_SIZE, showSizeChanger: false } : false}
        locale={{ emptyText: t('riskSettings.terms.empty') }}
        onRow={(entry) =>
          ({ 'data-testid': 'risk-term-row', 'data-term': entry.term }) as HTMLAttributes<HTMLElement>
        }
      />
      <BulkPasteTermsModal
        open={pasting}
        categories={categories}
        onAdd={(added) => {
          onChange(mergeTerms(terms, added));
          void message.success(t('riskSettings.paste.added', { count: added.length }));
        }}
        onClose={() => setPasting(false)}
      />
    </Card>
  );
}
