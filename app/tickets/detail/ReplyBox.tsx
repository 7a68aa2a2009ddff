import { PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { isApiProblem } from '@app/api/problem';
import { useAddMessage } from '@app/api/ticket-messages';
import { ticketDetailKey } from '@app/api/tickets';
import type { MessageDirection, TicketDetail } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import type { TicketChannel } from '@shared/tickets';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Select, Tabs, Typography, theme } from 'antd';
import { type DragEvent, type KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTicketLabels } from '../ticket-labels';
import { PendingUploadList } from './PendingUploadList';
import { ReplyWindowNotice, type TemplateChoice, TemplatePicker, useReplyWindow } from './ReplyWindowNotice';
import { useAttachmentUploads } from './use-attachment-uploads';
import { usePersonalDataReplyConfirm } from './use-personal-data-reply-confirm';
import { useReplyDraft } from './use-reply-draft';

const MODES: MessageDirection[] = ['outbound', 'note', 'inbound'];
const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

/**
 * Writing to the ticket: a reply to the customer, an internal note, or a customer's call taken down by the
 * agent. Files can be added with the button, dropped on the box or pasted (screenshots). Ctrl/⌘+Enter sends.
 */
export function ReplyBox({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const labels = useTicketLabels();
  const queryClient = useQueryClient();
  const closed = ticket.status === 'closed';
  const [chosenMode, setMode] = useState<MessageDirection>('outbound');
  // A closed ticket only takes internal notes; the server refuses anything meant for the customer.
  const mode = closed ? 'note' : chosenMode;
  const [body, setBody] = useReplyDraft(ticket.id);
  const [inboundChannel, setInboundChannel] = useState<TicketChannel>('phone');
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const uploads = useAttachmentUploads(ticket.id);
  const addMessage = useAddMessage(ticket.id);
  const confirmPersonalData = usePersonalDataReplyConfirm();
  const replyWindow = useReplyWindow(ticket.id, ticket.lastActivityAt).data;
  const [templateChoice, setTemplateChoice] = useState<TemplateChoice | null>(null);
  // Outside WhatsApp's 24 hours only an approved template reaches the customer: the picker replaces the text box.
  const templatesOnly = mode === 'outbound' && replyWindow?.templatesOnly === true;
  const canSend =
    (templatesOnly
      ? templateChoice?.parameters.every((value) => value.trim().length > 0) === true
      : body.trim().length > 0) &&
    !uploads.busy &&
    !addMessage.isPending;

  // The draft stays in the box until the server has taken the message, so nothing is lost on a refusal.
  const submit = (personalDataConfirmed: boolean) =>
    addMessage.mutate(
      templatesOnly && templateChoice
        ? {
            direction: 'outbound',
            template: {
              name: templateChoice.template.name,
              language: templateChoice.template.language,
              parameters: templateChoice.parameters.map((value) => value.trim()),
            },
            ...(personalDataConfirmed && { confirmPersonalData: true }),
          }
        : {
            direction: mode,
            body: body.trim(),
            channel: mode === 'inbound' ? inboundChannel : undefined,
            attachmentIds: uploads.attachmentIds,
            ...(personalDataConfirmed && { confirmPersonalData: true }),
          },
      {
        onSuccess: () => {
          if (templatesOnly) setTemplateChoice(null);
          else setBody('');
          uploads.clear();
          void message.success(t(`ticket.reply.sent.${mode}`));
        },
        onError: (error) => {
          if (isApiProblem(error) && error.code === 'personal_data_in_reply' && !personalDataConfirmed) {
            void confirmPersonalData(error, ticket.channel).then((sendAnyway) => {
              if (sendAnyway) submit(true);
            });
            return;
          }
          if (isApiProblem(error) && ['ticket_closed', 'ticket_merged'].includes(error.code)) {
            void queryClient.invalidateQueries({ queryKey: ticketDetailKey(ticket.id) });
          }
          // The window closed while the agent was writing: show the template picker.
          if (isApiProblem(error) && error.code === 'window_expired') {
            void queryClient.invalidateQueries({ queryKey: ['tickets', ticket.id, 'reply-window'] });
          }
          void message.error(problemMessage(t, error));
        },
      },
    );

  const send = () => {
    if (canSend) submit(false);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    }
  };

  return (
    <Card
      size="small"
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        uploads.add(Array.from(event.dataTransfer.files));
      }}
      style={{
        borderColor: dragging ? token.colorPrimary : undefined,
        background: mode === 'note' ? token.colorWarningBg : undefined,
      }}
    >
      <Tabs
        size="small"
        activeKey={mode}
        onChange={(key) => setMode(key as MessageDirection)}
        items={MODES.map((key) => ({
          key,
          disabled: closed && key !== 'note',
          label: <span data-testid={`reply-mode-${key}`}>{t(`ticket.reply.mode.${key}`)}</span>,
        }))}
        style={{ marginTop: -8 }}
      />
      {closed && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {t('ticket.reply.closedHint')}
        </Typography.Paragraph>
      )}
      <Flex vertical gap={8}>
        {mode === 'inbound' && (
          <Flex gap={8} align="center">
            <Typography.Text type="secondary">{t('ticket.reply.inboundChannel')}</Typography.Text>
            <Select<TicketChannel>
              value={inboundChannel}
              onChange={setInboundChannel}
              options={labels.channelOptions}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 160 }}
              aria-label={t('ticket.reply.inboundChannel')}
            />
          </Flex>
        )}
        {mode === 'outbound' && replyWindow && <ReplyWindowNotice window={replyWindow} />}
        {templatesOnly ? (
          <TemplatePicker
            templates={replyWindow?.templates ?? []}
            value={templateChoice}
            onChange={setTemplateChoice}
          />
        ) : (
          <Input.TextArea
            data-testid="reply-input"
            value={body}
            onChange={(event) => setBody(event.target.value)}
            onKeyDown={onKeyDown}
            onPaste={(event) => {
              const files = Array.from(event.clipboardData.files);
              if (files.length === 0) return;
              event.preventDefault();
              uploads.add(files);
            }}
            autoSize={{ minRows: 4, maxRows: 14 }}
            maxLength={50_000}
            placeholder={t(`ticket.reply.placeholder.${mode}`)}
            aria-label={t(`ticket.reply.mode.${mode}`)}
          />
        )}
        <PendingUploadList uploads={uploads.uploads} onRemove={uploads.remove} />
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Button
            icon={<PaperClipOutlined />}
            onClick={() => fileInput.current?.click()}
            disabled={templatesOnly}
          >
            {t('ticket.reply.attach')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            onChange={(event) => {
              uploads.add(Array.from(event.target.files ?? []));
              event.target.value = '';
            }}
          />
          <Flex gap={12} align="center">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('ticket.reply.shortcut')}
            </Typography.Text>
            <Button
              type="primary"
              icon={<SendOutlined />}
              onClick={send}
              disabled={!canSend}
              loading={addMessage.isPending}
              data-testid="reply-send"
            >
              {t(`ticket.reply.send.${mode}`)}
            </Button>
          </Flex>
        </Flex>
      </Flex>
    </Card>
  );
}
