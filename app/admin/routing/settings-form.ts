import type { RoutingSettings } from '@app/api/routing';

/** The thresholds as the form holds them: shares (0–1) as percentages, as people say them. */
export interface ThresholdFormValues {
  repeatMessages: number;
  repeatWindowMinutes: number;
  largeOrderAmount: number | null;
  urgentOrderAmount: number | null;
  autoClassifyPercent: number;
  acceptanceTemplate: RoutingSettings['acceptanceTemplate'];
  sendAcceptance: boolean;
  duplicateWindowMinutes: number;
  duplicateMergePercent: number;
  duplicateSuggestPercent: number;
  incidentThreshold: number;
  incidentWindowMinutes: number;
  incidentSimilarityPercent: number;
}

const percent = (share: number) => Math.round(share * 100);
const share = (percentage: number) => percentage / 100;

export function settingsToForm(settings: RoutingSettings): ThresholdFormValues {
  return {
    repeatMessages: settings.repeatMessages,
    repeatWindowMinutes: settings.repeatWindowMinutes,
    largeOrderAmount: settings.largeOrderAmount,
    urgentOrderAmount: settings.urgentOrderAmount,
    autoClassifyPercent: percent(settings.autoClassifyConfidence),
    acceptanceTemplate: settings.acceptanceTemplate,
    sendAcceptance: settings.sendAcceptance,
    duplicateWindowMinutes: settings.duplicateWindowMinutes,
    duplicateMergePercent: percent(settings.duplicateMergeScore),
    duplicateSuggestPercent: percent(settings.duplicateSuggestScore),
    incidentThreshold: settings.incidentThreshold,
    incidentWindowMinutes: settings.incidentWindowMinutes,
    incidentSimilarityPercent: percent(settings.incidentSimilarity),
  };
}

/** The settings patch for the form's values (risk terms, teams and presence are saved elsewhere). */
export function formToSettings(values: ThresholdFormValues): Partial<RoutingSettings> {
  return {
    repeatMessages: values.repeatMessages,
    repeatWindowMinutes: values.repeatWindowMinutes,
    // An emptied amount switches that signal off.
    largeOrderAmount: values.largeOrderAmount ?? null,
    urgentOrderAmount: values.urgentOrderAmount ?? null,
    autoClassifyConfidence: share(values.autoClassifyPercent),
    acceptanceTemplate: {
      'zh-CN': values.acceptanceTemplate['zh-CN'].trim(),
      en: values.acceptanceTemplate.en.trim(),
    },
    sendAcceptance: values.sendAcceptance,
    duplicateWindowMinutes: values.duplicateWindowMinutes,
    duplicateMergeScore: share(values.duplicateMergePercent),
    duplicateSuggestScore: share(values.duplicateSuggestPercent),
    incidentThreshold: values.incidentThreshold,
    incidentWindowMinutes: values.incidentWindowMinutes,
    incidentSimilarity: share(values.incidentSimilarityPercent),
  };
}

/** Sample values to show what the customer will read. */
export const TEMPLATE_SAMPLE = {
  agentName: '张敏',
  employeeNo: 'KF1024',
  ticketNumber: '20261202001',
  customerName: '王先生',
};

export const fillSample = (template: string) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in TEMPLATE_SAMPLE ? TEMPLATE_SAMPLE[key as keyof typeof TEMPLATE_SAMPLE] : whole,
  );
