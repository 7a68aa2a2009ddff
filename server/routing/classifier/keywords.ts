/**
 * Cold start: before a workspace has taught the classifier anything, a request's type is guessed from words that
 * name it in the seed SOPs' taxonomies (shared/taxonomy.ts). A workspace type without hints here still matches its
 * own label and its sub-types' labels (a custom type 发票 is found in 我要开发票).
 */
import type { TypeSuggestion } from '@shared/routing';
import type { TicketType } from '@shared/taxonomy';

interface KeywordHints {
  /** Words that point at the type whatever the sub-type. */
  words: string[];
  /** Words per sub-type key; they count for the type too. */
  subtypes?: Record<string, string[]>;
}

/** Per type key of the five seed presets; sub-type keys that two presets share under one type share their words. */
export const SEED_TYPE_KEYWORDS: Record<string, KeywordHints> = {
  consult: {
    words: ['咨询', '请问', '想问', '想了解', '问一下', '怎么', '如何', '是否', '能不能', '可以吗', '有没有'],
    subtypes: {
      product: ['参数', '区别', '配置', '尺寸', '材质', '兼容', '支持'],
      function: ['功能', '参数', '支持', '兼容', '能实现'],
      usage: ['怎么用', '使用方法', '怎么设置', '说明书', '操作步骤', '安装', '教程'],
      promotion: ['优惠', '优惠券', '满减', '折扣', '打折', '赠品', '秒杀', '会员价', '活动'],
      stock: ['有货', '库存', '缺货', '补货', '现货', '到货', '断货'],
      policy: ['政策', '保修期', '质保', '七天无理由', '退换政策', '售后政策', '服务时间', '服务范围'],
      rules: ['规则', '积分', '有效期', '限制', '怎么算', '使用期限', '几个人用'],
    },
  },
  problem: {
    words: ['问题', '异常', '没收到', '不对', '出错'],
    subtypes: {
      order: ['订单', '下单', '付款', '支付', '扣款', '扣了两次', '订单状态', '取消订单'],
      logistics: ['物流', '快递', '发货', '配送', '派送', '签收', '运单', '丢件'],
      quality: ['质量', '破损', '划痕', '瑕疵', '开线', '掉色', '异味', '做工', '色差'],
      malfunction: ['故障', '不能用', '开不了机', '坏了', '失灵', '连不上', '没反应'],
    },
  },
  complaint: {
    words: ['投诉', '不满', '太差', '差评', '欺骗', '忽悠', '气死', '垃圾', '举报', '12315', '消协', '曝光'],
    subtypes: {
      attitude: ['态度', '不理人', '敷衍', '挂电话', '爱答不理', '不耐烦', '没礼貌'],
      outcome: ['处理结果', '不满意', '补偿', '赔偿', '一直没解决', '拖了'],
      false_advertising: ['虚假宣传', '描述不符', '货不对板', '实物不符', '夸大', '宣传'],
      buck_passing: ['推诿', '踢皮球', '推来推去', '找厂家', '不负责', '互相推'],
      experience: ['体验', '态度', '服务差', '敷衍', '不理人'],
      quality: ['质量', '劣质', '做工差', '破损', '假货'],
      process: ['流程', '时效', '超时', '承诺', '说好', '逾期', '拖延'],
    },
  },
  suggestion: {
    words: ['建议', '希望', '改进', '优化', '提议', '要是能', '最好能', '意见'],
    subtypes: {
      product: ['产品', '设计', '外观', '包装', '续航'],
      process: ['流程', '繁琐', '效率', '手续', '步骤'],
      feature: ['新功能', '增加', '加个', '功能'],
      improvement: ['改进', '优化', '改善', '体验'],
      requirement: ['需求', '新增', '希望增加', '加个'],
      cooperation: ['合作', '代理', '加盟', '渠道', '商务', '经销', '入驻'],
    },
  },
  fault: {
    words: ['故障', '报错', '打不开', '闪退', '死机', '卡死', '失灵', '坏了', '连不上', '登录不了', '白屏'],
    subtypes: {
      technical: ['系统', '服务器', '接口', '超时', '网络', '宕机', '数据库', '错误码'],
      malfunction: ['功能', '按钮', '没反应', '不能用', '不正常', '异常'],
    },
  },
  change: {
    words: ['变更', '修改', '更改', '更换', '调整'],
    subtypes: {
      info: ['联系人', '地址', '电话', '手机号', '发票抬头', '信息', '邮箱'],
      plan: ['升级', '降级', '套餐', '版本', '续费', '扩容', '增加账号'],
      termination: ['终止', '解约', '不续约', '注销', '停止合作', '取消服务', '退订'],
    },
  },
  presale: {
    words: ['售前', '购买', '想买', '打算买', '下单前', '推荐', '多少钱', '有货'],
    subtypes: {
      function: ['功能', '参数', '支持', '区别', '配置', '兼容'],
      price: ['价格', '多少钱', '报价', '便宜', '批发', '团购', '批量'],
      campaign: ['活动', '优惠券', '满减', '秒杀', '双十一', '618', '赠品', '规则'],
    },
  },
  aftersale: {
    words: ['售后', '收到货', '买了', '用了'],
    subtypes: {
      return: ['退货', '换货', '退换', '尺码不合适', '寄回', '七天无理由'],
      refund: ['退款', '退钱', '到账', '原路返回', '退回'],
      repair: ['维修', '报修', '修理', '保修', '寄修', '上门', '故障', '坏了'],
      logistics: ['物流', '快递', '发货', '配送', '签收', '派送'],
      complaint: ['投诉', '不满', '建议', '态度', '差评'],
    },
  },
  info_change: {
    words: ['修改', '更改', '变更', '改一下', '地址', '电话', '手机号', '收货人', '发票抬头', '信息'],
  },
  proactive: {
    words: ['回访', '提醒', '通知', '收到短信', '你们打电话', '主动联系', '到期提醒', '你们发的'],
  },
  care: {
    words: ['满意度', '关怀', '祝福', '回访'],
    subtypes: {
      survey: ['满意度', '问卷', '调研', '打分', '评分', '评价'],
      callback: ['回访', '回电', '约个时间', '再联系', '回个电话'],
      greeting: ['祝福', '快乐', '新年', '中秋', '春节', '节日', '生日'],
    },
  },
  collaboration: {
    words: ['对接', '协作', '配合', '协调', '联合'],
    subtypes: {
      custom: ['定制', '专属', '个性化', 'logo', '二次开发', '私有化'],
      cross_department: ['跨部门', '财务', '技术部', '法务', '对账', '部门'],
    },
  },
  emergency: {
    words: [
      '紧急',
      '十万火急',
      '起火',
      '冒烟',
      '爆炸',
      '漏电',
      '触电',
      '受伤',
      '中毒',
      '瘫痪',
      '崩溃',
      '宕机',
    ],
  },
};

/** One keyword alone is a hint, not a verdict: confidence = best score / (all scores + this). */
const DOUBT = 1;
const MAX_KEYWORD_CONFIDENCE = 0.9;

function hits(text: string, words: Iterable<string>): number {
  let found = 0;
  for (const word of new Set(words)) if (word && text.includes(word.toLowerCase())) found += 1;
  return found;
}

/** The workspace type (and sub-type) whose words the text names most; null when it names none. */
export function suggestFromKeywords(text: string, types: readonly TicketType[]): TypeSuggestion | null {
  const haystack = text.toLowerCase();
  const scored = types.map((type) => {
    const hints = SEED_TYPE_KEYWORDS[type.key];
    const subtypes = type.subtypes.map((subtype) => ({
      key: subtype.key,
      score: hits(haystack, [subtype.label, ...(hints?.subtypes?.[subtype.key] ?? [])]),
    }));
    const typeWords = [type.label, ...(hints?.words ?? [])];
    const subtypeWords = type.subtypes.flatMap((subtype) => [
      subtype.label,
      ...(hints?.subtypes?.[subtype.key] ?? []),
    ]);
    return { type, subtypes, score: hits(haystack, [...typeWords, ...subtypeWords]) };
  });
  const total = scored.reduce((sum, entry) => sum + entry.score, 0);
  // Stable sorts: on a tie the taxonomy's order decides the type, and no sub-type is named.
  const [best] = [...scored].sort((a, b) => b.score - a.score);
  if (!best || best.score === 0) return null;
  const [first, second] = [...best.subtypes].sort((a, b) => b.score - a.score);
  const subtype = first && first.score > (second?.score ?? 0) ? first.key : null;
  return {
    type: best.type.key,
    subtype,
    confidence: Math.min(MAX_KEYWORD_CONFIDENCE, best.score / (total + DOUBT)),
    source: 'keywords',
    accepted: null,
  };
}
