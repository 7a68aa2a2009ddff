import { showProblemOnForm } from '@app/api/form-errors';
import { type TransferTicketInput, useTransferTicket } from '@app/api/ticket-routing';
import type { TicketDetail } from '@app/api/types';
import { useDepartmentOptions } from '@app/components/department-options';
import { useUserOptions } from '@app/components/user-options';
import { problemMessage } from '@app/i18n/problem-message';
import { App, AutoComplete, type ButtonProps, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface TransferFormValues {
  assigneeId?: string;
  teamId?: string;
  reason: string;
  note?: string;
}

/** The usual reasons, offered as the reason is typed (seed 002: transfers are recorded with why). */
const REASON_KEYS = ['needsTechnical', 'customerAsked', 'needsSupervisor', 'wrongTeam', 'offDuty'] as const;

/**
 * 转交: hands the ticket to another person or team with the reason (required, shown in the history) and a note for
 * the next person. The first owner (第一责任人) stays who it was.
 */
export function TransferTicketModal({
  ticket,
  open,
  onClose,
}: {
  ticket: TicketDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TransferFormValues>();
  const userOptions = useUserOptions().filter((option) => option.value !== ticket.assignee?.id);
  const departmentOptions = useDepartmentOptions();
  const transfer = useTransferTicket(ticket.id);

  const submit = (values: TransferFormValues) => {
    const body: TransferTicketInput = {
      reason: values.reason.trim(),
      ...(values.assigneeId ? { assigneeId: values.assigneeId } : {}),
      ...(values.teamId ? { teamId: values.teamId } : {}),
      ...(values.note?.trim() ? { note: values.note.trim() } : {}),
    };
    transfer.mutate(body, {
      onSuccess: (updated) => {
        void message.success(
          updated.assignee
            ? t('ticketRouting.transfer.done', { name: updated.assignee.name })
            : t('ticketRouting.transfer.doneTeam', { team: updated.team?.name ?? '' }),
        );
        onClose();
      },
      onError: (error) => {
        if (!showProblemOnForm(form, t, error, { transfer_unchanged: 'assigneeId' }))
          void message.error(problemMessage(t, error));
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('ticketRouting.transfer.title', { number: ticket.number })}
      okText={t('ticketRouting.transfer.submit')}
      okButtonProps={{ 'data-testid': 'transfer-submit' } as ButtonProps}
      confirmLoading={transfer.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {ticket.firstOwner
          ? t('ticketRouting.transfer.introWithOwner', { name: ticket.firstOwner.name })
          : t('ticketRouting.transfer.intro')}
      </Typography.Paragraph>
      <Form<TransferFormValues> form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="assigneeId"
          label={t('ticketRouting.transfer.to')}
          dependencies={['teamId']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_rule, value?: string) =>
                value || getFieldValue('teamId')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('ticketRouting.transfer.targetRequired'))),
            }),
          ]}
        >
          <Select
            allowClear
            autoFocus
            options={userOptions}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('ticketRouting.transfer.toPlaceholder')}
            data-testid="transfer-assignee"
          />
        </Form.Item>
        <Form.Item
          name="teamId"
          label={t('ticketRouting.transfer.team')}
          extra={t('ticketRouting.transfer.teamHelp')}
        >
          <Select
            allowClear
            options={departmentOptions.filter((option) => option.value !== ticket.team?.id)}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={ticket.team?.name ?? t('ticketRouting.transfer.teamPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('ticketRouting.transfer.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              max: 500,
              message: t('ticketRouting.transfer.reasonRequired'),
            },
          ]}
        >
          <AutoComplete
            options={REASON_KEYS.map((key) => ({ value: t(`ticketRouting.transfer.reasons.${key}`) }))}
            placeholder={t('ticketRouting.transfer.reasonPlaceholder')}
            data-testid="transfer-reason"
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('ticketRouting.transfer.note')}
          extra={t('ticketRouting.transfer.noteHelp')}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
