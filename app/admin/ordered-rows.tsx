import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { problemMessage } from '@app/i18n/problem-message';
import type { UseMutationResult } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Switch, type TableColumnType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A row of an ordered admin list, walked top to bottom: SLA policies, routing rules, quick replies. */
interface OrderedRow {
  id: string;
}

/** A row that can be switched off without deleting it. */
interface SwitchableRow extends OrderedRow {
  name: string;
  enabled: boolean;
}

/**
 * The i18n sections that hold the shared texts of an ordered list (order, moveUp, moveDown, deleteConfirm and
 * deleted, which name the row as `{{name}}`). Each list keeps its own copies so they can read differently.
 */
type OrderedSection = 'routingRules' | 'slaPolicies' | 'quickReplies';

/** The sections of lists whose rows switch on and off, with the texts enabled, on, off, enabledDone, disabledDone. */
type SwitchableSection = Exclude<OrderedSection, 'quickReplies'>;

interface OrderedRowsOptions<Row extends OrderedRow> {
  rows: Row[];
  section: OrderedSection;
  canManage: boolean;
  reorder: UseMutationResult<unknown, Error, string[]>;
  remove: UseMutationResult<unknown, Error, string>;
  /** How the confirmation and the toast name a row. */
  nameOf: (row: Row) => string;
}

/**
 * The controls of an ordered admin table: move a row up or down (the reorder mutation shows the new order at
 * once and rolls back on failure), delete it after a confirmation. Every outcome is told with a toast. `rows`
 * must be in display order, since moving works on the indexes the table renders.
 */
export function useOrderedRows<Row extends OrderedRow>({
  rows,
  section,
  canManage,
  reorder,
  remove,
  nameOf,
}: OrderedRowsOptions<Row>) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const move = (index: number, offset: -1 | 1) => {
    const ids = rows.map((row) => row.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return;
    ids.splice(index + offset, 0, moved);
    reorder.mutate(ids, { onError: (error) => void message.error(problemMessage(t, error)) });
  };

  // Returned to Popconfirm, which keeps its OK button spinning until the delete has been answered.
  const removeRow = (row: Row) =>
    remove.mutateAsync(row.id).then(
      () => void message.success(t(`${section}.deleted`, { name: nameOf(row) })),
      (error: unknown) => void message.error(problemMessage(t, error)),
    );

  const orderColumn: TableColumnType<Row> = {
    title: t(`${section}.order`),
    key: 'order',
    width: 110,
    render: (_value, _row, index) => (
      <Flex align="center" gap={4}>
        <Typography.Text type="secondary" style={{ width: 20 }}>
          {index + 1}
        </Typography.Text>
        {canManage && (
          <>
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={index === 0 || reorder.isPending}
              aria-label={t(`${section}.moveUp`)}
              onClick={() => move(index, -1)}
            />
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={index === rows.length - 1 || reorder.isPending}
              aria-label={t(`${section}.moveDown`)}
              onClick={() => move(index, 1)}
            />
          </>
        )}
      </Flex>
    ),
  };

  /** Edit and delete; only for those who may manage the list. */
  const manageColumn = ({
    key,
    onEdit,
    deleteHint,
  }: {
    key: string;
    onEdit: (row: Row) => void;
    deleteHint?: string;
  }): TableColumnType<Row> => ({
    title: t('common.actions'),
    key,
    render: (_value, row) => (
      <Flex gap={4}>
        <Button type="link" size="small" onClick={() => onEdit(row)}>
          {t('common.edit')}
        </Button>
        <Popconfirm
          title={t(`${section}.deleteConfirm`, { name: nameOf(row) })}
          description={deleteHint}
          okButtonProps={{ danger: true }}
          okText={t('common.delete')}
          onConfirm={() => removeRow(row)}
        >
          <Button type="link" size="small" danger>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      </Flex>
    ),
  });

  return { orderColumn, manageColumn };
}

interface EnabledColumnOptions<Row extends SwitchableRow, UpdateVariables> {
  section: SwitchableSection;
  canManage: boolean;
  update: UseMutationResult<{ name: string }, Error, UpdateVariables>;
  /** The update that switches `row` on or off. */
  enableVariables: (row: Row, enabled: boolean) => UpdateVariables;
  /** Which row a pending update is about, so only that row's switch spins. */
  updatingId: (variables: UpdateVariables) => string;
}

/** The on/off switch of a row, for those who may manage the list (a tag for the others); the outcome is toasted. */
function useEnabledColumn<Row extends SwitchableRow, UpdateVariables>({
  section,
  canManage,
  update,
  enableVariables,
  updatingId,
}: EnabledColumnOptions<Row, UpdateVariables>): TableColumnType<Row> {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const setEnabled = (row: Row, enabled: boolean) =>
    update.mutate(enableVariables(row, enabled), {
      onSuccess: (updated) =>
        void message.success(
          t(enabled ? `${section}.enabledDone` : `${section}.disabledDone`, { name: updated.name }),
        ),
      onError: (error) => void message.error(problemMessage(t, error)),
    });

  return {
    title: t(`${section}.enabled`),
    dataIndex: 'enabled',
    render: (enabled: boolean, row) =>
      canManage ? (
        <Switch
          checked={enabled}
          size="small"
          loading={
            update.isPending && update.variables !== undefined && updatingId(update.variables) === row.id
          }
          onChange={(checked) => setEnabled(row, checked)}
          aria-label={t(`${section}.enabled`)}
        />
      ) : (
        <Tag color={enabled ? 'green' : undefined}>{enabled ? t(`${section}.on`) : t(`${section}.off`)}</Tag>
      ),
  };
}

/** The controls of an ordered list whose rows also switch on and off (SLA policies, routing rules). */
export function useOrderedRowActions<Row extends SwitchableRow, UpdateVariables>(
  options: Omit<OrderedRowsOptions<Row>, 'nameOf'> & EnabledColumnOptions<Row, UpdateVariables>,
) {
  const { orderColumn, manageColumn } = useOrderedRows({ ...options, nameOf: (row) => row.name });
  const enabledColumn = useEnabledColumn(options);
  return { orderColumn, enabledColumn, manageColumn };
}
