import { TAXONOMY_PRESETS } from '@shared/taxonomy';
import { describe, expect, it } from 'vitest';
import { presetSummary } from './preset-summary';
import { findServicePreset, SERVICE_PRESETS } from './presets';

const METRIC = {
  first_response: '首次响应',
  progress_update: '进度更新',
  resolution: '解决',
  registered: '登记',
  classified: '分类',
  assigned: '分派',
  result_notice: '结果告知',
  collaboration_plan: '协同方案',
  survey: '满意度调查',
  callback: '回访',
} as Record<string, string>;
const PRIORITY = { urgent: '紧急', important: '重要', normal: '一般' };

/** Each preset's targets as one readable line each: the PRODUCT.md table, number by number. */
const lines = (id: string) => {
  const preset = findServicePreset(id);
  if (!preset) throw new Error(id);
  return presetSummary(preset)
    .targets.map(({ when, ...target }) => {
      const conditions = [
        ...(when?.priorities ?? []).map((priority) => PRIORITY[priority]),
        ...(when?.types ?? []),
        ...(when?.subtypes ?? []),
        ...(when?.channels ?? []),
        ...(when?.tags ?? []).map((tag) => `#${tag}`),
      ];
      return {
        ...target,
        label: `${METRIC[target.metric]}${conditions.length ? ` · ${conditions.join('/')}` : ''}`,
      };
    })
    .map(
      (target) =>
        `${target.label}: ${target.amount} ${target.unit}${target.unit === 'workingDays' ? '' : ` ${target.time}`}`,
    );
};

describe('the five seed presets pin the service levels of PRODUCT.md', () => {
  it('000 多平台: first response 1/2/4 h, intake 15 min, plan 4 h / 8 h / reply 24 h, departments 1 h, survey 2 h, callback 1 h', () => {
    expect(lines('multi-platform')).toEqual([
      '登记: 15 minutes calendar',
      '首次响应 · 紧急: 1 hours calendar',
      '首次响应 · 重要: 2 hours calendar',
      '首次响应: 4 hours calendar',
      '解决 · 紧急: 4 hours calendar',
      '解决 · 重要: 8 hours calendar',
      '解决: 24 hours calendar',
      '协同方案: 1 hours calendar',
      '满意度调查: 2 hours calendar',
      '回访: 1 hours calendar',
    ]);
  });

  it('001 企业服务: stages 5/15/10 min, urgent at once, 24 h, 3 working days; updates hourly/6 h/daily; callback 24 h', () => {
    expect(lines('response-process')).toEqual([
      '登记: 5 minutes calendar',
      '分类: 15 minutes calendar',
      '分派: 10 minutes calendar',
      '首次响应 · 紧急: 30 minutes calendar',
      '首次响应 · 重要: 24 hours calendar',
      '首次响应: 3 workingDays',
      '解决 · 紧急: 2 hours calendar',
      '解决 · 重要: 24 hours calendar',
      '解决: 3 workingDays',
      '结果告知: 30 minutes calendar',
      '进度更新 · 紧急: 1 hours calendar',
      '进度更新 · 重要: 6 hours calendar',
      '进度更新: 24 hours calendar',
      '回访: 24 hours calendar',
    ]);
  });

  it('002 在线客服: welcome 10 s, human 30 s, voice 15 s; urgent 2 h, normal 24 h; 1–3 分 callback 2 h; explanation 1 h', () => {
    expect(lines('online-service')).toEqual([
      '首次响应 · phone: 15 seconds calendar',
      '首次响应 · web_chat/app/wechat/wecom/qq/whatsapp: 30 seconds calendar',
      '解决 · 紧急: 2 hours calendar',
      '解决: 24 hours calendar',
      '回访: 2 hours calendar',
    ]);
    const preset = findServicePreset('online-service');
    expect(preset?.chat).toEqual({ autoWelcomeSeconds: 10, humanGreetingSeconds: 30 });
    const breach = preset?.policies[0]?.escalations[0];
    expect(breach).toMatchObject({ afterMinutes: 0 });
    expect(breach?.actions).toContainEqual({ kind: 'notify_supervisor' });
    expect(breach?.actions).toContainEqual({ kind: 'require_explanation', withinMinutes: 60 });
  });

  it('003 多渠道: phone 15 s, chat 2 min, email/messages 4 h; consult 24 h, fault 48 h (complex 72 h), complaint 72 h', () => {
    expect(lines('customer-communication')).toEqual([
      '首次响应 · phone: 15 seconds calendar',
      '首次响应 · web_chat/app/wechat/wecom/qq/whatsapp: 2 minutes calendar',
      '首次响应: 4 hours calendar',
      '解决 · presale: 24 hours calendar',
      '解决 · aftersale/repair/#复杂: 72 hours calendar',
      '解决 · aftersale/repair: 48 hours calendar',
      '解决 · aftersale/complaint: 72 hours calendar',
    ]);
  });

  it('004 技术支持: 5 min, emergency 2 min, first feedback 30 min, complaint/suggestion survey 24 h', () => {
    expect(lines('standard-scripts')).toEqual([
      '首次响应 · emergency: 2 minutes calendar',
      '首次响应 · 紧急: 2 minutes calendar',
      '首次响应: 5 minutes calendar',
      '进度更新 · emergency: 30 minutes calendar',
      '进度更新 · 紧急: 30 minutes calendar',
      '满意度调查 · complaint/suggestion: 24 hours calendar',
    ]);
  });

  it('each preset brings its seed taxonomy, and its conditions name only types of that taxonomy', () => {
    for (const preset of SERVICE_PRESETS) {
      const taxonomy = TAXONOMY_PRESETS.find((candidate) => candidate.id === preset.taxonomyPresetId);
      expect(taxonomy, preset.id).toBeDefined();
      const types = new Map(taxonomy?.types.map((type) => [type.key, type.subtypes.map((s) => s.key)]));
      for (const target of preset.policies.flatMap((policy) => policy.targets)) {
        for (const type of target.when?.types ?? [])
          expect(types.has(type), `${preset.id}: ${type}`).toBe(true);
        for (const subtype of target.when?.subtypes ?? [])
          expect(
            (target.when?.types ?? []).some((type) => types.get(type)?.includes(subtype)),
            `${preset.id}: ${subtype}`,
          ).toBe(true);
      }
      expect(preset.policies.every((policy) => policy.escalations.length <= 4)).toBe(true);
    }
  });
});
