import { useTicketLabels } from '@app/tickets/ticket-labels';
import type { RiskTerm } from '@shared/routing';
import { AutoComplete, Flex, Input, Modal, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parsePastedTerms } from './risk-terms';

/** Many words at once, pasted from a spreadsheet or a list the legal or PR team keeps. */
export function BulkPasteTermsModal({
  open,
  categories,
  onAdd,
  onClose,
}: {
  open: boolean;
  /** Categories in use, offered for the default. */
  categories: string[];
  onAdd: (terms: RiskTerm[]) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  const [text, setText] = useState('');
  const [priority, setPriority] = useState<RiskTerm['priority']>('urgent');
  const [category, setCategory] = useState('');
  const parsed = useMemo(
    () =>
      parsePastedTerms(
        text,
        { priority, category: category.trim() || t('riskSettings.terms.defaultCategory') },
        { urgent: labels.priority('urgent'), important: labels.priority('important') },
      ),
    [text, priority, category, labels, t],
  );

  const close = () => {
    setText('');
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('riskSettings.paste.title')}
      okText={t('riskSettings.paste.add', { count: parsed.terms.length })}
      okButtonProps={{ disabled: parsed.terms.length === 0 }}
      onOk={() => {
        onAdd(parsed.terms);
        close();
      }}
      onCancel={close}
      width={640}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('riskSettings.paste.help')}</Typography.Text>
        <Input.TextArea
          autoFocus
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoSize={{ minRows: 8, maxRows: 16 }}
          placeholder={t('riskSettings.paste.placeholder')}
          aria-label={t('riskSettings.paste.title')}
          data-testid="risk-paste-text"
        />
        <Flex gap={8} align="center" wrap>
          <Typography.Text>{t('riskSettings.paste.defaults')}</Typography.Text>
          <Select
            value={priority}
            onChange={setPriority}
            options={(['urgent', 'important'] as const).map((value) => ({
              value,
              label: labels.priority(value),
            }))}
            aria-label={t('riskSettings.terms.priority')}
            style={{ width: 120 }}
          />
          <AutoComplete
            value={category}
            onChange={setCategory}
            options={categories.map((value) => ({ value }))}
            placeholder={t('riskSettings.terms.defaultCategory')}
            aria-label={t('riskSettings.terms.category')}
            style={{ width: 180 }}
          />
        </Flex>
        {parsed.skipped > 0 && (
          <Typography.Text type="warning">
            {t('riskSettings.paste.skipped', { count: parsed.skipped })}
          </Typography.Text>
        )}
      </Flex>
    </Modal>
  );
}
