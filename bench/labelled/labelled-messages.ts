/**
 * The classifier bench's labelled set: realistic Chinese customer messages for each type (and sub-type) of the
 * five seed taxonomies (shared/taxonomy.ts), generated deterministically from the intents in message-intents*.ts
 * × products × openings, contexts and closings × noise (typos, casual punctuation, emoji, an angry tail on a
 * calm request, a second topic in one message). The same seed gives the same messages; no text appears twice.
 */
import { GOODS_INTENTS, type Intent } from './message-intents';
import { SERVICE_INTENTS } from './message-intents-service';

export interface LabelledMessage {
  /** The seed taxonomy's preset id. */
  taxonomy: string;
  text: string;
  type: string;
  subtype: string | null;
  /** The intent and core sentence the message was built around (a stricter split keeps one on one side). */
  phrasing: string;
}

const INTENTS: Record<string, Intent> = { ...GOODS_INTENTS, ...SERVICE_INTENTS };
type IntentName = keyof typeof GOODS_INTENTS | keyof typeof SERVICE_INTENTS;

/** Per preset: label (`type` or `type/subtype`) → the intents customers express when they mean it. */
const TAXONOMY_INTENTS: Record<string, Record<string, IntentName[]>> = {
  'multi-platform': {
    'consult/product': ['productFunction'],
    'consult/usage': ['usage'],
    'consult/promotion': ['promotion'],
    'consult/stock': ['stock'],
    'consult/policy': ['policy'],
    'problem/order': ['orderIssue'],
    'problem/logistics': ['logistics'],
    'problem/quality': ['quality'],
    'problem/malfunction': ['malfunction'],
    'complaint/attitude': ['attitude'],
    'complaint/outcome': ['outcome'],
    'complaint/false_advertising': ['falseAdvertising'],
    'complaint/buck_passing': ['buckPassing'],
    'suggestion/product': ['suggestProduct'],
    'suggestion/process': ['suggestProcess'],
    'suggestion/feature': ['suggestFeature'],
  },
  'response-process': {
    'consult/function': ['productFunction'],
    'consult/policy': ['servicePolicy', 'policy'],
    'consult/rules': ['rules'],
    'complaint/experience': ['attitude', 'buckPassing'],
    'complaint/quality': ['quality', 'falseAdvertising'],
    'complaint/process': ['outcome'],
    'suggestion/improvement': ['suggestProduct', 'suggestProcess'],
    'suggestion/requirement': ['suggestFeature'],
    'suggestion/cooperation': ['cooperation'],
    'fault/technical': ['techFault'],
    'fault/malfunction': ['functionAbnormal', 'malfunction'],
    'change/info': ['changeInfo'],
    'change/plan': ['changePlan'],
    'change/termination': ['termination'],
  },
  'online-service': {
    presale: ['productFunction', 'promotion', 'stock', 'price'],
    'aftersale/return': ['returnExchange'],
    'aftersale/refund': ['refund'],
    'aftersale/repair': ['repair', 'malfunction'],
    'aftersale/logistics': ['logistics'],
    complaint: ['attitude', 'outcome', 'falseAdvertising', 'buckPassing'],
    info_change: ['changeInfo'],
    proactive: ['proactive'],
  },
  'customer-communication': {
    'presale/function': ['productFunction'],
    'presale/price': ['price'],
    'presale/campaign': ['promotion'],
    'aftersale/repair': ['repair', 'malfunction'],
    'aftersale/return': ['returnExchange', 'refund'],
    'aftersale/complaint': ['attitude', 'outcome', 'suggestProcess'],
    'care/survey': ['survey'],
    'care/callback': ['callback'],
    'care/greeting': ['greeting'],
    'collaboration/custom': ['custom'],
    'collaboration/cross_department': ['crossDepartment'],
  },
  'standard-scripts': {
    consult: ['productFunction', 'usage', 'policy', 'promotion'],
    fault: ['malfunction', 'techFault', 'functionAbnormal'],
    complaint: ['attitude', 'outcome', 'buckPassing', 'falseAdvertising'],
    suggestion: ['suggestProduct', 'suggestProcess', 'suggestFeature'],
    emergency: ['emergency'],
  },
};

const DEVICES = [
  '扫地机器人',
  '蓝牙耳机',
  '空气炸锅',
  '电动牙刷',
  '智能手表',
  '笔记本电脑',
  '路由器',
  '净水器',
  '投影仪',
  '电饭煲',
  '吹风机',
  '咖啡机',
  '加湿器',
  '电热水壶',
  '破壁机',
  '洗碗机',
  '空调',
  '冰箱',
  '平板电脑',
  '机械键盘',
  '儿童手表',
  '按摩椅',
  '电动车',
  '烤箱',
  '台灯',
  '剃须刀',
  '智能猫砂盆',
  '摄像头',
];
const MODELS = ['', '', '', 'X3', 'Pro', 'S20', 'Max', 'K9', '二代', 'Plus', 'mini', 'Air'];
const GOODS = [
  '羽绒服',
  '运动鞋',
  '洗面奶',
  '婴儿推车',
  '行李箱',
  '床垫',
  '保温杯',
  '儿童座椅',
  '连衣裙',
  '双肩包',
];
const SERVICES = [
  '客服系统',
  'SaaS平台',
  '云存储',
  '企业邮箱',
  'CRM系统',
  '财务软件',
  '会员小程序',
  '收银系统',
  'ERP系统',
  '视频会议服务',
  '网店后台',
  '考勤系统',
];
const FEATURES = [
  '防水',
  '语音控制',
  '定时预约',
  '主动降噪',
  '快充',
  '自动清洁',
  '远程控制',
  '夜间模式',
  '无线充电',
  '静音',
  '童锁',
  '自动关机',
  '心率监测',
];
const COURIERS = ['顺丰', '中通', '京东物流', '圆通', '韵达', '申通', '极兔', 'EMS', '德邦'];
const PLATFORMS = ['淘宝', '天猫', '京东', '拼多多', '抖音直播间', '小程序', '官网', '快手小店', '线下门店'];

const OPENINGS = [
  '你好',
  '您好',
  '在吗',
  '客服在吗',
  '亲',
  '麻烦问一下',
  'hello',
  '打扰一下',
  '你好客服',
  '在不在',
  '喂',
  '人工客服',
  '哈喽',
  '请问',
];
const GOODS_CONTEXTS = [
  '我在{pl}买的{p}',
  '上周在{pl}下单买了{p}',
  '订单号{o}',
  '我是你们的老客户了',
  '{d}天前买的{p}',
  '前几天收到的{p}',
  '帮我妈买的{p}',
  '我在{pl}看中了{p}',
];
const SERVICE_CONTEXTS = [
  '我们公司用的是你们的{s}',
  '我是贵司{s}的客户',
  '合同编号{o}',
  '我是我们公司负责{s}的管理员',
  '我们门店一直在用{s}',
];
const CLOSINGS = [
  '谢谢',
  '麻烦尽快处理',
  '急！！',
  '等你们回复',
  '谢谢啦',
  '辛苦了',
  '尽快给我个答复',
  '在线等',
  '麻烦了',
  '谢谢亲',
  '请尽快回电',
  '感谢',
  '盼复',
];
const ANGRY_TAILS = [
  '太让人失望了',
  '再这样我就投诉了',
  '气死我了',
  '什么破服务',
  '差评！',
  '我要投诉你们',
  '已经很不耐烦了',
  '再不处理我就打12315',
  '真的无语',
];
const EMOJI = ['[捂脸]', '[流泪]', '😭', '🙏', '😡', '[微笑]', '[抱拳]', '😂'];
/** Typos Chinese keyboards make: homophones and lazy shorthand. */
const TYPOS: [string, string][] = [
  ['在', '再'],
  ['的', '得'],
  ['怎么', '咋'],
  ['快递', '快第'],
  ['退款', '推款'],
  ['已经', '以经'],
  ['没有', '木有'],
  ['什么', '神马'],
  ['一下', '一哈'],
  ['收到', '受到'],
  ['订单', '定单'],
  ['谢谢', '3q'],
  ['吗', '么'],
  ['这个', '这歌'],
  ['质量', '质里'],
  ['发货', '发或'],
  ['客服', '克服'],
  ['处理', '出理'],
];

/** mulberry32: tiny, fast and the same on every machine. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const digits = (length: number) => Array.from({ length }, () => Math.floor(next() * 10)).join('');
  return { next, pick, digits, chance: (probability: number) => next() < probability };
}
type Random = ReturnType<typeof randomSource>;

function orderNumber(random: Random): string {
  return random.pick([
    () => `2024${random.digits(14)}`,
    () => `JD${random.digits(12)}`,
    () => `SO${random.digits(10)}`,
    () => `E${random.digits(16)}`,
    () => random.digits(19),
  ])();
}

function fillSlots(text: string, random: Random): string {
  const device = `${random.pick(DEVICES)}${random.pick(MODELS)}`;
  const product = text.includes('{e}') || random.chance(0.6) ? device : random.pick(GOODS);
  return text.replace(/\{(\w+)\}/g, (_, slot: string) => {
    if (slot === 'e') return device;
    if (slot === 'p') return product;
    if (slot === 's') return random.pick(SERVICES);
    if (slot === 'f') return random.pick(FEATURES);
    if (slot === 'o') return orderNumber(random);
    if (slot === 'c') return random.pick(COURIERS);
    if (slot === 'd') return String(2 + Math.floor(random.next() * 14));
    if (slot === 'm') return String(random.pick([20, 50, 99, 199, 299, 560, 1299, 2999]));
    if (slot === 'n') return String(random.pick([2, 3, 5, 10, 20, 50, 100, 200, 500, 1024, 502]));
    if (slot === 'pl') return random.pick(PLATFORMS);
    return slot;
  });
}

function addNoise(text: string, random: Random): string {
  let noisy = text;
  if (random.chance(0.3)) {
    for (let typo = 0; typo < 1 + Math.floor(random.next() * 2); typo++) {
      const [from, to] = random.pick(TYPOS);
      noisy = noisy.replace(from, to);
    }
  }
  if (random.chance(0.1)) noisy += random.pick(EMOJI);
  return noisy;
}

/** One message about `intent`, said around one of its core sentences. */
function composeMessage(random: Random, intent: Intent, clauseIndex: number, otherTopics: Intent[]): string {
  const parts: string[] = [];
  if (random.chance(0.5)) parts.push(random.pick(OPENINGS));
  if (random.chance(0.45)) parts.push(random.pick(intent.service ? SERVICE_CONTEXTS : GOODS_CONTEXTS));
  parts.push(intent.clauses[clauseIndex] as string);
  if (random.chance(0.35)) parts.push(random.pick(intent.clauses));
  else if (random.chance(0.5)) parts.push(random.pick(intent.details));
  if (otherTopics.length > 0 && random.chance(0.12))
    parts.push(`还有${random.pick(random.pick(otherTopics).clauses)}`);
  if (random.chance(intent.upset ? 0.45 : 0.06)) parts.push(random.pick(ANGRY_TAILS));
  if (random.chance(0.45)) parts.push(random.pick(CLOSINGS));
  const separator = random.pick(['，', '，', '，', ' ', '', '。', '！', ',']);
  const ending = random.pick(['', '。', '？', '！', '？？', '...', '！！']);
  return addNoise(fillSlots(`${[...new Set(parts)].join(separator)}${ending}`, random), random);
}

/** Messages per seed taxonomy, spread evenly over its labels. */
export const MESSAGES_PER_TAXONOMY = 480;

let generated: LabelledMessage[] | undefined;

/** The labelled set: ≥ 2,000 distinct messages, the same on every run. */
export function labelledMessages(seed = 20261202): LabelledMessage[] {
  if (generated && seed === 20261202) return generated;
  const random = randomSource(seed);
  const seen = new Set<string>();
  const messages: LabelledMessage[] = [];
  for (const [taxonomy, labels] of Object.entries(TAXONOMY_INTENTS)) {
    const perLabel = Math.ceil(MESSAGES_PER_TAXONOMY / Object.keys(labels).length);
    for (const [label, intentNames] of Object.entries(labels)) {
      const [type, subtype = null] = label.split('/') as [string, string?];
      const typeOf = (other: string) => other.split('/')[0];
      const otherTopics = Object.entries(labels)
        .filter(([other]) => typeOf(other) !== type)
        .flatMap(([, names]) => names.map((name) => INTENTS[name] as Intent));
      let made = 0;
      for (let attempt = 0; made < perLabel && attempt < perLabel * 20; attempt++) {
        const intentName = random.pick(intentNames);
        const intent = INTENTS[intentName] as Intent;
        const clauseIndex = Math.floor(random.next() * intent.clauses.length);
        const text = composeMessage(random, intent, clauseIndex, otherTopics);
        if (seen.has(text)) continue;
        seen.add(text);
        messages.push({ taxonomy, text, type, subtype, phrasing: `${intentName}#${clauseIndex}` });
        made += 1;
      }
    }
  }
  if (seed === 20261202) generated = messages;
  return messages;
}
