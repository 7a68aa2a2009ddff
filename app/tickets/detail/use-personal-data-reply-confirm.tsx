import type { ApiProblem } from '@app/api/problem';
import { piiKindLabel } from '@app/privacy/pii-kinds';
import { App, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTicketLabels } from '../ticket-labels';

/**
 * Seed 002: ID and bank card numbers never go out over a channel without end-to-end encryption. When the server
 * refuses a reply for that (409 `personal_data_in_reply`), this asks the agent whether to go back and edit or to
 * send anyway; it resolves true for 仍然发送.
 */
export function usePersonalDataReplyConfirm(): (problem: ApiProblem, channel: string) => Promise<boolean> {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const labels = useTicketLabels();

  return (problem, channel) => {
    const found = problem.fieldProblems.filter(
      (item, index, all) =>
        all.findIndex((other) => other.code === item.code && other.message === item.message) === index,
    );
    return new Promise((resolve) => {
      modal.confirm({
        title: t('privacy.reply.title'),
        width: 520,
        content: (
          <div data-testid="pii-reply-confirm">
            <Typography.Paragraph>
              {t('privacy.reply.intro', { channel: labels.channel(channel) })}
            </Typography.Paragraph>
            <ul style={{ paddingInlineStart: 20 }}>
              {found.map((item) => (
                <li key={`${item.code}:${item.message}`} data-kind={item.code}>
                  {t('privacy.reply.item', { kind: piiKindLabel(t, item.code), masked: item.message })}
                </li>
              ))}
            </ul>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('privacy.reply.advice')}
            </Typography.Paragraph>
          </div>
        ),
        okText: t('privacy.reply.sendAnyway'),
        okButtonProps: { danger: true },
        cancelText: t('privacy.reply.back'),
        autoFocusButton: 'cancel',
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
  };
}
