import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { problemMessage } from '@app/i18n/problem-message';
import type { UseMutationResult } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Switch, type TableColumnType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A row of an ordered admin list: the SLA policies and the routing rules are both walked top to bottom. */
interface OrderedRow {
  id: string;
  name: string;
  enabled: boolean;
}

/**
 * The i18n sections that hold the shared texts of an ordered list (order, moveUp, moveDown, enabled, on, off,
 * enabledDone, disabledDone, deleteConfirm, deleted). Each list keeps its own copies so they can read differently.
 */
type OrderedSection = 'routingRules' | 'slaPolicies';

/**
 * The controls of an ordered admin table: move a row up or down (the reorder mutation shows the new order at
 * once and rolls back on failure), switch it on or off, delete it after a confirmation. Every outcome is told
 * with a toast. `rows` must be in display order, since moving works on the indexes the table renders.
 */
export function useOrderedRowActions<Row extends OrderedRow, UpdateVariables>({
  rows,
  section,
  canManage,
  reorder,
  update,
  enableVariables,
  updatingId,
  remove,
}: {
  rows: Row[];
  section: OrderedSection;
  canManage: boolean;
  reorder: UseMutationResult<unknown, Error, string[]>;
  update: UseMutationResult<{ name: string }, Error, UpdateVariables>;
  /** The update that switches `row` on or off. */
  enableVariables: (row: Row, enabled: boolean) => UpdateVariables;
  /** Which row a pending update is about, so only that row's switch spins. */
  updatingId: (variables: UpdateVariables) => string;
  remove: UseMutationResult<unknown, Error, string>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const move = (index: number, offset: -1 | 1) => {
    const ids = rows.map((row) => row.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return;
    ids.splice(index + offset, 0, moved);
    reorder.mutate(ids, { onError: (error) => void message.error(problemMessage(t, error)) });
  };

  const setEnabled = (row: Row, enabled: boolean) =>
    update.mutate(enableVariables(row, enabled), {
      onSuccess: (updated) =>
        void message.success(
          t(enabled ? `${section}.enabledDone` : `${section}.disabledDone`, { name: updated.name }),
        ),
      onError: (error) => void message.error(problemMessage(t, error)),
    });

  // Returned to Popconfirm, which keeps its OK button spinning until the delete has been answered.
  const removeRow = (row: Row) =>
    remove.mutateAsync(row.id).then(
      () => void message.success(t(`${section}.deleted`, { name: row.name })),
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

  const enabledColumn: TableColumnType<Row> = {
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
          title={t(`${section}.deleteConfirm`, { name: row.name })}
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

  return { orderColumn, enabledColumn, manageColumn };
}
