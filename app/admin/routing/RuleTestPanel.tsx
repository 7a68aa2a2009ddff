import { CheckOutlined, CloseOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { type RoutingRule, type RoutingRuleBody, useRuleTestRun } from '@app/api/routing';
import { problemMessage } from '@app/i18n/problem-message';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import { RULE_TRIGGERS, type RuleCondition, type RuleTrigger } from '@shared/routing';
import type { TicketChannel } from '@shared/tickets';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  type FormInstance,
  Input,
  InputNumber,
  Select,
  Tag,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RuleTestOutcome } from './RuleTestOutcome';
import { formToRuleBody, type RuleFormValues, ruleAsDraft } from './rule-form';
import { useRuleLabels } from './rule-labels';

/** The id the rule being created goes by in a test-run, to find it again in the answer. */
const DRAFT_ID = 'draft';

type DraftRule = RoutingRuleBody & { id: string };

/**
 * "What would happen to this message?": the saved rules with the one being edited (unsaved) in its place, run on a
 * sample without changing anything. Each rule says whether it was reached and matched, condition by condition.
 */
export function RuleTestPanel({
  form,
  editingId,
  savedRules,
}: {
  form: FormInstance<RuleFormValues>;
  /** The rule being edited, or null for a new one (tried after the saved ones, where it will be added). */
  editingId: string | null;
  savedRules: RoutingRule[];
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const ruleLabels = useRuleLabels();
  const testRun = useRuleTestRun();
  const [text, setText] = useState('');
  const [channel, setChannel] = useState<TicketChannel>('web_chat');
  const [trigger, setTrigger] = useState<RuleTrigger>('ticket_created');
  const [tier, setTier] = useState('normal');
  const [amount, setAmount] = useState<number | null>(null);
  const [sent, setSent] = useState<DraftRule[]>([]);
  const [draftWasOff, setDraftWasOff] = useState(false);
  const channelOptions = useTicketLabels().channelOptions;

  // An unfinished condition or action would only come back as a validation error: it is pointed at in the form.
  // The name is not needed to try a rule.
  const draftComplete = () =>
    form.validateFields(['triggers', 'conditions', 'actions'], { recursive: true }).then(
      () => true,
      () => false,
    );

  const run = async () => {
    if (!(await draftComplete())) {
      void message.warning(t('routingRules.test.incomplete'));
      return;
    }
    const draft = formToRuleBody(form.getFieldsValue(true) as RuleFormValues);
    // A switched-off draft is still worth trying: that is what the test-run is for.
    const tried: DraftRule = {
      ...draft,
      id: editingId ?? DRAFT_ID,
      name: draft.name || t('routingRules.test.untitled'),
      enabled: true,
    };
    const saved = savedRules.map(ruleAsDraft);
    const rules = editingId ? saved.map((rule) => (rule.id === editingId ? tried : rule)) : [...saved, tried];
    setSent(rules);
    setDraftWasOff(!draft.enabled);
    testRun.mutate({ text, channel, trigger, customerTier: tier || 'normal', orderAmount: amount, rules });
  };

  const draftId = editingId ?? DRAFT_ID;
  const result = testRun.data;

  return (
    <Card size="small" title={t('routingRules.test.title')} data-testid="rule-test">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('routingRules.test.help')}
      </Typography.Paragraph>
      <Flex vertical gap={8} style={{ marginBottom: 16 }}>
        <Input.TextArea
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={10_000}
          placeholder={t('routingRules.test.textPlaceholder')}
          aria-label={t('routingRules.test.text')}
          data-testid="rule-test-text"
        />
        <Flex gap={8} wrap>
          <Select
            value={channel}
            options={channelOptions}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={setChannel}
            aria-label={t('routingRules.field.channel')}
            style={{ flex: 1, minWidth: 120 }}
          />
          <Select
            value={trigger}
            options={RULE_TRIGGERS.map((value) => ({ value, label: t(`routingRules.trigger.${value}`) }))}
            onChange={setTrigger}
            aria-label={t('routingRules.form.triggers')}
            style={{ flex: 1, minWidth: 120 }}
          />
        </Flex>
        <Flex gap={8} wrap>
          <Select
            value={tier}
            options={ruleLabels.tierOptions}
            onChange={setTier}
            showSearch
            aria-label={t('routingRules.field.customer_tier')}
            style={{ flex: 1, minWidth: 120 }}
          />
          <InputNumber<number>
            value={amount}
            min={0}
            prefix="¥"
            onChange={(value) => setAmount(value ?? null)}
            placeholder={t('routingRules.test.amountPlaceholder')}
            aria-label={t('routingRules.field.order_amount')}
            style={{ flex: 1, minWidth: 120 }}
          />
        </Flex>
        <Button
          type="primary"
          icon={<PlayCircleOutlined />}
          loading={testRun.isPending}
          disabled={!text.trim()}
          onClick={() => void run()}
          data-testid="rule-test-run"
        >
          {t('routingRules.test.run')}
        </Button>
      </Flex>
      {testRun.isError && (
        <Alert
          type="warning"
          showIcon
          title={t('routingRules.test.failed', { reason: problemMessage(t, testRun.error) })}
        />
      )}
      {result && !testRun.isError && (
        <Flex vertical gap={12} data-testid="rule-test-result">
          <Typography.Text strong>{t('routingRules.test.rulesTitle')}</Typography.Text>
          {result.rules.length === 0 && (
            <Typography.Text type="secondary">{t('routingRules.test.noRules')}</Typography.Text>
          )}
          {result.rules.map((trace, index) => {
            const rule = sent.find((candidate) => candidate.id === trace.id);
            const isDraft = trace.id === draftId;
            return (
              <Flex
                key={trace.id ?? index}
                vertical
                gap={2}
                data-testid="rule-test-trace"
                data-matched={trace.matched}
                style={{
                  padding: '6px 8px',
                  borderRadius: token.borderRadius,
                  background: isDraft ? token.colorPrimaryBg : undefined,
                }}
              >
                <Flex gap={6} align="center" wrap>
                  <Typography.Text strong={trace.matched}>{trace.name}</Typography.Text>
                  {isDraft && <Tag color="blue">{t('routingRules.test.editing')}</Tag>}
                  {!trace.reached ? (
                    <Tooltip title={t('routingRules.test.notReachedHint')}>
                      <Tag>{t('routingRules.test.notReached')}</Tag>
                    </Tooltip>
                  ) : trace.matched ? (
                    <Tag color="green">{t('routingRules.test.matched')}</Tag>
                  ) : (
                    <Tag color="default" variant="outlined">
                      {t('routingRules.test.notMatched')}
                    </Tag>
                  )}
                </Flex>
                {trace.reached && trace.conditions.length === 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('routingRules.test.noConditions')}
                  </Typography.Text>
                )}
                {trace.conditions.map((condition) => {
                  const definition = rule?.conditions[condition.index] as RuleCondition | undefined;
                  return (
                    <Typography.Text key={condition.index} style={{ fontSize: 12 }}>
                      {condition.held ? (
                        <CheckOutlined style={{ color: token.colorSuccess }} aria-label="✓" />
                      ) : (
                        <CloseOutlined style={{ color: token.colorError }} aria-label="✗" />
                      )}{' '}
                      {definition ? ruleLabels.condition(definition) : `#${condition.index + 1}`}
                    </Typography.Text>
                  );
                })}
              </Flex>
            );
          })}
          {draftWasOff && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('routingRules.test.draftOff')}
            </Typography.Text>
          )}
          <RuleTestOutcome outcome={result.outcome} />
        </Flex>
      )}
    </Card>
  );
}
