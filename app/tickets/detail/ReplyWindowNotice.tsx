import { ClockCircleOutlined } from '@ant-design/icons';
import { apiRequest } from '@app/api/client';
import type { replyWindowSchema } from '@server/tickets/schema';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';

export type ReplyWindow = z.infer<typeof replyWindowSchema>;
export type WhatsappTemplate = NonNullable<ReplyWindow['templates']>[number];
/** The template the agent is filling in: which one, and the values of its `{{n}}` parameters. */
export interface TemplateChoice {
  template: WhatsappTemplate;
  parameters: string[];
}

/**
 * The ticket's platform reply window (WhatsApp 24 h, WeChat / Douyin 48 h). Read again when the ticket changes
 * (a new customer message reopens it) and every minute, so the time left stays true while the page is open.
 */
export function useReplyWindow(ticketId: string, lastActivityAt: string) {
  return useQuery({
    queryKey: ['tickets', ticketId, 'reply-window', lastActivityAt],
    queryFn: () => apiRequest<ReplyWindow>(`/tickets/${ticketId}/reply-window`),
    refetchInterval: 60_000,
  });
}

export const renderTemplate = (body: string, parameters: readonly string[]) =>
  body.replace(/\{\{\s*(\d{1,2})\s*\}\}/g, (whole, n) => parameters[Number(n) - 1] || whole);

/** "WhatsApp 24 小时窗口 剩余 3 小时", or closed; nothing for a channel without a window. */
export function ReplyWindowNotice({ window }: { window: ReplyWindow }) {
  const { t } = useTranslation();
  if (!window.kind || window.hours === null) return null;
  const platform = t(`ticket.reply.window.kind.${window.kind}`, { defaultValue: window.kind });
  const base = { platform, hours: window.hours };
  if (window.open && window.closesAt) {
    const minutes = Math.max(0, Math.floor((Date.parse(window.closesAt) - Date.now()) / 60_000));
    const left =
      minutes >= 60
        ? t('ticket.reply.window.hoursLeft', { count: Math.floor(minutes / 60) })
        : t('ticket.reply.window.minutesLeft', { count: minutes });
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="reply-window">
        <ClockCircleOutlined /> {t('ticket.reply.window.open', { ...base, left })}
        {window.repliesLeft !== undefined &&
          ` · ${t('ticket.reply.window.repliesLeft', { count: window.repliesLeft })}`}
      </Typography.Text>
    );
  }
  const message = !window.closesAt
    ? t('ticket.reply.window.notOpened', base)
    : window.templatesOnly
      ? t('ticket.reply.window.templatesOnly', base)
      : window.repliesLeft === 0
        ? t('ticket.reply.window.noRepliesLeft', base)
        : t('ticket.reply.window.closed', base);
  return <Alert type="warning" showIcon title={message} data-testid="reply-window" />;
}

/** Outside WhatsApp's window: choose an approved template, fill its parameters, and see what the customer reads. */
export function TemplatePicker({
  templates,
  value,
  onChange,
}: {
  templates: readonly WhatsappTemplate[];
  value: TemplateChoice | null;
  onChange: (choice: TemplateChoice | null) => void;
}) {
  const { t } = useTranslation();
  if (templates.length === 0) {
    return <Typography.Text type="secondary">{t('ticket.reply.template.none')}</Typography.Text>;
  }
  const keyOf = (template: WhatsappTemplate) => `${template.name}\u0000${template.language}`;
  return (
    <Flex vertical gap={8} data-testid="template-picker">
      <Select<string>
        value={value ? keyOf(value.template) : undefined}
        placeholder={t('ticket.reply.template.placeholder')}
        aria-label={t('ticket.reply.template.label')}
        options={templates.map((template) => ({
          value: keyOf(template),
          label: `${template.name} (${template.language})`,
        }))}
        onChange={(key) => {
          const template = templates.find((candidate) => keyOf(candidate) === key);
          onChange(template ? { template, parameters: Array(template.parameterCount).fill('') } : null);
        }}
      />
      {value?.parameters.map((parameter, index) => (
        <Input
          // The parameters are positional: {{1}}, {{2}}…
          // biome-ignore lint/suspicious/noArrayIndexKey: a parameter's position is its identity
          key={index}
          value={parameter}
          maxLength={1024}
          addonBefore={`{{${index + 1}}}`}
          placeholder={t('ticket.reply.template.parameter', { n: index + 1 })}
          aria-label={t('ticket.reply.template.parameter', { n: index + 1 })}
          onChange={(event) =>
            onChange({
              ...value,
              parameters: value.parameters.map((old, i) => (i === index ? event.target.value : old)),
            })
          }
        />
      ))}
      {value && (
        <Card size="small" title={t('ticket.reply.template.preview')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {renderTemplate(value.template.body, value.parameters)}
          </Typography.Paragraph>
        </Card>
      )}
    </Flex>
  );
}
