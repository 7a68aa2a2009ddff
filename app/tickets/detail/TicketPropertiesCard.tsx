import type { TicketDetail } from '@app/api/types';
import { useDepartmentOptions } from '@app/components/department-options';
import { PersonName } from '@app/components/PersonName';
import { useUserOptions } from '@app/components/user-options';
import { SatisfactionRating } from '@app/live-chat/SatisfactionRating';
import { useCan, useSession } from '@app/session/use-session';
import type { TicketPriority } from '@shared/tickets';
import {
  App,
  Button,
  Card,
  Cascader,
  Descriptions,
  Flex,
  Select,
  type SelectProps,
  Switch,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTicketLabels } from '../ticket-labels';
import { CustomFieldsEditor } from './CustomFieldsEditor';
import { TransferTicketModal } from './TransferTicketModal';
import { TypeSuggestionHint, useClassifyTicket } from './TypeSuggestionHint';
import type { SaveTicket } from './use-ticket-editor';

const MIN_ORDER_NUMBER_LENGTH = 4;
// Lists typed in (tags, order numbers): no dropdown to choose from, separators split pasted lists.
const listSelectProps: SelectProps<string[]> = {
  mode: 'tags',
  tokenSeparators: [',', '，', '、', ' '],
  open: false,
  suffixIcon: null,
};

/** Every classifying field of the ticket, each changed in place (one request per change, with the version). */
export function TicketPropertiesCard({
  ticket,
  save,
  editable,
}: {
  ticket: TicketDetail;
  save: SaveTicket;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const { user } = useSession();
  const labels = useTicketLabels();
  const userOptions = useUserOptions();
  const departmentOptions = useDepartmentOptions();
  const mayAssign = editable && can('tickets:assign');
  const none = t('common.none');
  const [transferring, setTransferring] = useState(false);
  const { classify } = useClassifyTicket(ticket);
  // While the classifier waits for an answer, choosing a type here is that answer, and it learns from it.
  const suggestionPending = ticket.typeSuggestion?.accepted === null;

  const saveOrderNumbers = (orderNumbers: string[]) => {
    const tooShort = orderNumbers.find((value) => value.trim().length < MIN_ORDER_NUMBER_LENGTH);
    if (tooShort) {
      void message.warning(t('ticket.fields.orderNumberTooShort', { value: tooShort }));
      return;
    }
    void save({ orderNumbers: orderNumbers.map((value) => value.trim()) });
  };

  return (
    <Card title={t('ticket.fields.title')} size="small">
      <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 96 } }}>
        <Descriptions.Item label={t('ticket.fields.priority')}>
          <Select<TicketPriority>
            data-testid="ticket-priority"
            value={ticket.priority}
            options={labels.priorityOptions}
            onChange={(priority) => void save({ priority })}
            disabled={!editable}
            aria-label={t('ticket.fields.priority')}
            style={{ width: '100%' }}
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.fields.type')}>
          <Flex vertical gap={6} style={{ width: '100%' }}>
            <Cascader
              value={[ticket.type, ticket.subtype].filter((key): key is string => key !== null)}
              options={labels.typeTree}
              changeOnSelect
              allowClear
              disabled={!editable}
              placeholder={none}
              onChange={(path) => {
                const [type = null, subtype = null] = (path ?? []) as string[];
                if (type && suggestionPending) classify(type, subtype, t('ticketRouting.suggestion.learned'));
                else void save({ type, subtype });
              }}
              aria-label={t('ticket.fields.type')}
              style={{ width: '100%' }}
            />
            <TypeSuggestionHint ticket={ticket} editable={editable} />
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.fields.assignee')}>
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Select
              value={ticket.assignee?.id}
              options={userOptions}
              showSearch={{ optionFilterProp: 'label' }}
              allowClear
              disabled={!mayAssign}
              placeholder={t('tickets.unassigned')}
              onChange={(assigneeId?: string) => void save({ assigneeId: assigneeId ?? null })}
              aria-label={t('ticket.fields.assignee')}
              style={{ width: '100%' }}
            />
            {ticket.firstOwner && ticket.firstOwner.id !== ticket.assignee?.id && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="first-owner">
                {t('ticketRouting.firstOwner')} <PersonName person={ticket.firstOwner} />
              </Typography.Text>
            )}
            {mayAssign && (
              <Flex gap={12}>
                {ticket.assignee?.id !== user.id && (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() =>
                      void save({ assigneeId: user.id }, { successMessage: t('ticket.assignedToMe') })
                    }
                    data-testid="assign-to-me"
                  >
                    {t('tickets.assignToMe')}
                  </Button>
                )}
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() => setTransferring(true)}
                  data-testid="transfer-open"
                >
                  {t('ticketRouting.transfer.open')}
                </Button>
              </Flex>
            )}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.fields.team')}>
          <Select
            value={ticket.team?.id}
            options={departmentOptions}
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            disabled={!editable}
            placeholder={none}
            onChange={(teamId?: string) => void save({ teamId: teamId ?? null })}
            aria-label={t('ticket.fields.team')}
            style={{ width: '100%' }}
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.fields.collaborators')}>
          <Select
            mode="multiple"
            value={ticket.collaborators.map((person) => person.id)}
            options={userOptions}
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!editable}
            placeholder={none}
            onChange={(collaboratorIds: string[]) => void save({ collaboratorIds })}
            aria-label={t('ticket.fields.collaborators')}
            style={{ width: '100%' }}
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.fields.needsCollaboration')}>
          <Flex vertical gap={6} style={{ width: '100%' }}>
            <Switch
              size="small"
              checked={ticket.needsCollaboration}
              disabled={!editable}
              onChange={(needsCollaboration) => void save({ needsCollaboration })}
              aria-label={t('ticket.fields.needsCollaboration')}
              style={{ alignSelf: 'start' }}
            />
            {ticket.needsCollaboration && (
              <Select
                mode="multiple"
                value={ticket.collaborationDepartments.map((department) => department.id)}
                options={departmentOptions}
                showSearch={{ optionFilterProp: 'label' }}
                disabled={!editable}
                placeholder={t('ticket.fields.collaborationDepartments')}
                onChange={(collaborationDepartmentIds: string[]) => void save({ collaborationDepartmentIds })}
                aria-label={t('ticket.fields.collaborationDepartments')}
                style={{ width: '100%' }}
              />
            )}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.fields.tags')}>
          <Select
            {...listSelectProps}
            value={ticket.tags}
            disabled={!editable}
            placeholder={none}
            onChange={(tags: string[]) => void save({ tags: tags.map((tag) => tag.trim()).filter(Boolean) })}
            aria-label={t('ticket.fields.tags')}
            style={{ width: '100%' }}
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.fields.orderNumbers')}>
          <Select
            {...listSelectProps}
            value={ticket.orderNumbers}
            disabled={!editable}
            placeholder={none}
            onChange={saveOrderNumbers}
            aria-label={t('ticket.fields.orderNumbers')}
            style={{ width: '100%' }}
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.fields.productModel')}>
          <Typography.Text
            editable={
              editable
                ? {
                    text: ticket.productModel ?? '',
                    maxLength: 60,
                    tooltip: t('common.edit'),
                    onChange: (model) => {
                      const next = model.trim() || null;
                      if (next !== ticket.productModel) void save({ productModel: next });
                    },
                  }
                : false
            }
            type={ticket.productModel ? undefined : 'secondary'}
          >
            {ticket.productModel ?? none}
          </Typography.Text>
        </Descriptions.Item>
        {ticket.satisfaction ? (
          <Descriptions.Item label={t('liveChat.rating.label')}>
            <SatisfactionRating rating={ticket.satisfaction} />
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <CustomFieldsEditor
        fields={ticket.customFields}
        editable={editable}
        onSave={(customFields) => save({ customFields })}
      />
      <TransferTicketModal ticket={ticket} open={transferring} onClose={() => setTransferring(false)} />
    </Card>
  );
}
