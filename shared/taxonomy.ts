import type { TicketPriority } from './tickets';

export interface TicketSubtype {
  key: string;
  label: string;
}

export interface TicketType {
  key: string;
  label: string;
  subtypes: TicketSubtype[];
}

export interface TaxonomyPreset {
  id: string;
  /** The SOP the preset comes from. */
  source: string;
  types: TicketType[];
  priorityLabels: Record<TicketPriority, string>;
}

const t = (key: string, label: string, subtypes: [string, string][] = []): TicketType => ({
  key,
  label,
  subtypes: subtypes.map(([subKey, subLabel]) => ({ key: subKey, label: subLabel })),
});

const STANDARD_PRIORITIES = { urgent: '紧急', important: '重要', normal: '一般' };

/** The five seed SOPs' request taxonomies, shipped as choices; a workspace starts from one and edits it. */
export const TAXONOMY_PRESETS: TaxonomyPreset[] = [
  {
    id: 'multi-platform',
    source: 'seed 000 多平台客户服务响应与支持',
    priorityLabels: STANDARD_PRIORITIES,
    types: [
      t('consult', '咨询', [
        ['product', '产品功能'],
        ['usage', '使用方法'],
        ['promotion', '优惠活动'],
        ['stock', '库存情况'],
        ['policy', '售后政策'],
      ]),
      t('problem', '问题', [
        ['order', '订单异常'],
        ['logistics', '物流异常'],
        ['quality', '产品质量'],
        ['malfunction', '功能故障'],
      ]),
      t('complaint', '投诉', [
        ['attitude', '服务态度'],
        ['outcome', '处理结果不满意'],
        ['false_advertising', '虚假宣传'],
        ['buck_passing', '售后推诿'],
      ]),
      t('suggestion', '建议', [
        ['product', '产品优化'],
        ['process', '服务流程改进'],
        ['feature', '新功能需求'],
      ]),
    ],
  },
  {
    id: 'response-process',
    source: 'seed 001 客户服务需求响应流程',
    priorityLabels: STANDARD_PRIORITIES,
    types: [
      t('consult', '咨询', [
        ['function', '产品功能'],
        ['policy', '服务政策'],
        ['rules', '使用规则'],
      ]),
      t('complaint', '投诉', [
        ['experience', '服务体验'],
        ['quality', '产品质量'],
        ['process', '流程执行'],
      ]),
      t('suggestion', '建议', [
        ['improvement', '改进建议'],
        ['requirement', '新需求'],
        ['cooperation', '合作意向'],
      ]),
      t('fault', '故障', [
        ['technical', '技术故障'],
        ['malfunction', '功能异常'],
      ]),
      t('change', '变更', [
        ['info', '修改服务信息'],
        ['plan', '升级/降级套餐'],
        ['termination', '终止合作'],
      ]),
    ],
  },
  {
    id: 'online-service',
    source: 'seed 002 在线客服服务规范',
    priorityLabels: STANDARD_PRIORITIES,
    types: [
      t('presale', '售前咨询'),
      t('aftersale', '售后问题', [
        ['return', '退换货'],
        ['refund', '退款'],
        ['repair', '维修'],
        ['logistics', '物流'],
      ]),
      t('complaint', '客诉投诉'),
      t('info_change', '信息变更'),
      t('proactive', '主动服务'),
    ],
  },
  {
    id: 'customer-communication',
    source: 'seed 003 客户沟通工具集',
    priorityLabels: STANDARD_PRIORITIES,
    types: [
      t('presale', '售前咨询', [
        ['function', '产品功能'],
        ['price', '价格政策'],
        ['campaign', '活动规则'],
      ]),
      t('aftersale', '售后问题', [
        ['repair', '故障报修'],
        ['return', '退换货'],
        ['complaint', '投诉建议'],
      ]),
      t('care', '客户关怀', [
        ['survey', '满意度调研'],
        ['callback', '回访提醒'],
        ['greeting', '节日祝福'],
      ]),
      t('collaboration', '协作需求', [
        ['custom', '定制化需求'],
        ['cross_department', '跨部门对接'],
      ]),
    ],
  },
  {
    id: 'standard-scripts',
    source: 'seed 004 客服标准话术与处理流程',
    priorityLabels: { urgent: '特急', important: '紧急', normal: '普通' },
    types: [
      t('consult', '咨询'),
      t('fault', '故障'),
      t('complaint', '投诉'),
      t('suggestion', '建议'),
      t('emergency', '紧急'),
    ],
  },
];

export const DEFAULT_TAXONOMY_PRESET_ID = 'multi-platform';

export function findTaxonomyPreset(id: string): TaxonomyPreset | undefined {
  return TAXONOMY_PRESETS.find((preset) => preset.id === id);
}
