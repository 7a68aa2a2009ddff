import { describe, expect, it } from 'vitest';
import {
  hasValidIdCardCheckCharacter,
  idCardCheckCharacter,
  isCalendarDate,
  isProvinceCode,
  passesLuhn,
} from './checksums';
import { corpusComposition, piiCorpus } from './corpus';
import { idCardNumber } from './corpus/check-digits';
import { scoreDetector } from './corpus/score';
import { detectPersonalData, maskPersonalData, PII_KINDS, type PiiKind } from './detector';

const found = (text: string) => detectPersonalData(text).map((span) => [span.kind, span.text]);

describe('checksums', () => {
  it('computes the GB 11643 check character of the standard’s own example and of X-ending numbers', () => {
    expect(idCardCheckCharacter('11010519491231002')).toBe('X');
    expect(hasValidIdCardCheckCharacter('11010519491231002X')).toBe(true);
    expect(hasValidIdCardCheckCharacter('11010519491231002x')).toBe(true);
    expect(hasValidIdCardCheckCharacter('110105194912310021')).toBe(false);
    expect(hasValidIdCardCheckCharacter('11010519491231002')).toBe(false);
  });

  it('accepts birth dates that exist and province codes that exist', () => {
    expect(isCalendarDate('20000229')).toBe(true);
    expect(isCalendarDate('19000229')).toBe(false);
    expect(isCalendarDate('19901307')).toBe(false);
    expect(isCalendarDate('19900431')).toBe(false);
    expect(isCalendarDate('18991231')).toBe(false);
    expect(isProvinceCode('44')).toBe(true);
    expect(isProvinceCode('81')).toBe(true);
    expect(isProvinceCode('20')).toBe(false);
  });

  it('runs Luhn over any length, including 19-digit UnionPay cards', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
    expect(passesLuhn('6228480402564890018')).toBe(true);
    expect(passesLuhn('6228480402564890019')).toBe(false);
    expect(passesLuhn('6214830123456781')).toBe(true);
  });
});

describe('identity cards', () => {
  it.each([
    ['身份证11010519491231002X请核实', [['id_card', '11010519491231002X']]],
    ['身份证号：110105 19491231 002X', [['id_card', '110105 19491231 002X']]],
    ['证件 110105-1949-1231-002X', [['id_card', '110105-1949-1231-002X']]],
    ['老身份证110105491231002', [['id_card', '110105491231002']]],
  ])('finds %s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    ['a wrong check character', '身份证110105194912310021'],
    ['a month that does not exist', `身份证${idCardNumber('11010519491331002')}`],
    ['a province that does not exist', `身份证${idCardNumber('20105119491231002')}`],
    ['a 15-digit number without 身份证 before it', '快递单号110105491231002'],
    ['an order number label', '订单号 11010519491231002X'],
    ['a longer digit run', '流水 911010519491231002X1'],
  ])('ignores %s', (_reason, text) => {
    expect(found(text).filter(([kind]) => kind === 'id_card')).toEqual([]);
  });
});

describe('mobile phones', () => {
  it.each([
    ['手机13812345678', '13812345678'],
    ['电话 138 1234 5678 下午打', '138 1234 5678'],
    ['电话138-1234-5678', '138-1234-5678'],
    ['手机 138 12345678', '138 12345678'],
    ['回拨 +86 138 1234 5678', '+86 138 1234 5678'],
    ['回拨 0086-13812345678', '0086-13812345678'],
    ['回拨 (+86)13812345678', '(+86)13812345678'],
    ['手机１３８１２３４５６７８', '１３８１２３４５６７８'],
  ])('finds %s', (text, expected) => {
    expect(found(text)).toEqual([['mobile', expected]]);
  });

  it.each([
    ['京东订单号 18612345678'],
    ['单号SF13812345678'],
    ['流水 2138123456789'],
    ['拼多多 231027-13812345678'],
    ['手机号138****5678'],
    ['手机号1381234567'],
  ])('ignores %s', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('landlines', () => {
  it.each([
    ['座机010-12345678', '010-12345678'],
    ['电话(021)12345678', '(021)12345678'],
    ['电话0755-8888 6666转801', '0755-8888 6666'],
    ['分机 0755-88886666-801', '0755-88886666'],
    ['县里电话0731-8456789', '0731-8456789'],
    ['office +86 10 6588 1234', '+86 10 6588 1234'],
  ])('finds %s', (text, expected) => {
    expect(found(text)).toEqual([['landline', expected]]);
  });

  // 400/800 and 95xxx are a company's hotlines, not a person's phone.
  it.each([
    ['热线400-800-1234'],
    ['热线4008001234'],
    ['800-820-8820'],
    ['95588'],
    ['北京 010-1234567'],
    ['发票代码 044031900111'],
  ])('ignores %s', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('bank cards', () => {
  it.each([
    ['卡号6228480402564890018', '6228480402564890018'],
    ['卡号 6228 4804 0256 4890 018', '6228 4804 0256 4890 018'],
    ['招行 6214-8301-2345-6781', '6214-8301-2345-6781'],
    ['Amex 3714 496353 98431', '3714 496353 98431'],
  ])('finds %s', (text, expected) => {
    expect(found(text)).toEqual([['bank_card', expected]]);
  });

  it.each([
    ['a failed Luhn check', '卡号6228480402564890019'],
    ['a Luhn-valid number outside the issuers’ ranges', '号码 7992739871300000000'],
    ['a Visa-like prefix at 19 digits (淘宝 orders)', '4000000000000000006'],
    ['an order number label', '订单号 6228480402564890018'],
    ['a card inside a 28-digit payment id', '4200006228480402564890018000'],
  ])('ignores %s', (_reason, text) => {
    expect(found(text).filter(([kind]) => kind === 'bank_card')).toEqual([]);
  });
});

describe('e-mail addresses', () => {
  it.each([
    ['邮箱123456@qq.com谢谢', '123456@qq.com'],
    ['mail: li.na+shop@example.com.cn.', 'li.na+shop@example.com.cn'],
    ['发到张三的 zhang@公司.中国 吧', 'zhang@公司.中国'],
    ['邮箱ａｂｃ＠ｑｑ．ｃｏｍ', 'ａｂｃ＠ｑｑ．ｃｏｍ'],
  ])('finds %s', (text, expected) => {
    expect(found(text)).toEqual([['email', expected]]);
  });

  it('keeps a QQ number or phone number inside an address as part of the address', () => {
    expect(found('邮箱13812345678@163.com')).toEqual([['email', '13812345678@163.com']]);
  });

  it.each([['logo@2x.png'], ['@客服小王'], ['admin@localhost'], ['zhang at qq dot com']])(
    'ignores %s',
    (text) => {
      expect(found(text)).toEqual([]);
    },
  );
});

describe('passports', () => {
  it.each([
    ['护照E12345678', 'E12345678'],
    ['证件 EA1234567', 'EA1234567'],
    ['旧护照G12345678', 'G12345678'],
    ['美国护照号 123456789', '123456789'],
    ['Passport No.: TK1234567', 'TK1234567'],
  ])('finds %s', (text, expected) => {
    expect(found(text)).toEqual([['passport', expected]]);
  });

  it.each([
    ['a foreign-looking number without 护照', '货号 TK1234567'],
    ['护照 in an earlier clause', '护照到了，商品编号123456789'],
    ['a letter and a date (batch code)', 'G20231027批次'],
    ['an order number label', '订单号 E12345678'],
  ])('ignores %s', (_reason, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('addresses', () => {
  it.each([
    ['广东省深圳市南山区科技园南路18号XX大厦2301室', '科技园南路18号XX大厦2301室'],
    ['北京市朝阳区建国路88号院3号楼1单元502', '建国路88号院3号楼1单元502'],
    ['湖南省邵阳市隆回县桃洪镇东方村5组28号', '桃洪镇东方村5组28号'],
    ['送到阳光花园3栋2单元1101，谢谢', '阳光花园3栋2单元1101'],
    ['广东省 深圳市 南山区 粤海街道 科技园南路18号 XX大厦2301室', '粤海街道 科技园南路18号 XX大厦2301室'],
    ['地址改成环市东路339号', '环市东路339号'],
  ])('finds %s', (text, expected) => {
    expect(found(text)).toEqual([['address', expected]]);
  });

  it.each([
    ['快递在路上了'],
    ['10号之前送到'],
    ['地铁2号线'],
    ['物流到达深圳市南山区'],
    ['我在万达广场3楼的门店买的'],
    ['3号楼下的快递柜'],
  ])('ignores %s', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('ends before what follows the address', () => {
    expect(found('寄到建国路88号 10号之前到 电话13812345678')).toEqual([
      ['address', '建国路88号'],
      ['mobile', '13812345678'],
    ]);
  });
});

describe('spans', () => {
  it('are sorted, do not overlap, and carry offsets into the original text', () => {
    const text = '王女士１３８１２３４５６７８，邮箱a@qq.com，身份证11010519491231002X，地址朝阳区建国路88号';
    const spans = detectPersonalData(text);
    expect(spans.map((span) => span.kind)).toEqual(['mobile', 'email', 'id_card', 'address']);
    for (const [i, span] of spans.entries()) {
      expect(text.slice(span.start, span.end)).toBe(span.text);
      expect(span.start).toBeGreaterThanOrEqual(spans[i - 1]?.end ?? 0);
    }
  });

  it('reports only the kinds asked for, settling overlaps among all kinds first', () => {
    const text = '电话13812345678，邮箱13912345678@163.com';
    expect(detectPersonalData(text, { kinds: ['mobile'] }).map((span) => span.text)).toEqual(['13812345678']);
  });

  it('scans adversarial input in linear time', () => {
    const inputs = [
      '中'.repeat(50_000),
      '1'.repeat(50_000),
      'a.'.repeat(25_000),
      '中山路'.repeat(20_000),
      '3栋'.repeat(20_000),
    ];
    const started = performance.now();
    for (const input of inputs) detectPersonalData(`${input}@`);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('default masks', () => {
  it.each([
    ['身份证11010519491231002X', '身份证110105********002X'],
    ['手机13812345678', '手机138****5678'],
    ['手机+86 138-1234-5678', '手机+86 138-****-5678'],
    ['卡号6228480402564890018', '卡号6228 **** **** 0018'],
    ['卡号6214 8301 2345 6781', '卡号6214 **** **** 6781'],
    ['邮箱zhangsan@example.com', '邮箱z***@example.com'],
    ['座机010-12345678', '座机010-******78'],
    ['座机(0755)8888 6666', '座机(0755)**** **66'],
    ['护照E12345678', '护照E******78'],
    ['广东省深圳市南山区科技园南路18号XX大厦2301室', '广东省深圳市南山区****'],
  ])('%s → %s', (text, masked) => {
    expect(maskPersonalData(text).masked).toBe(masked);
  });

  it('returns each span with its mask', () => {
    expect(maskPersonalData('电话13812345678').spans).toEqual([
      { kind: 'mobile', start: 2, end: 13, text: '13812345678', masked: '138****5678' },
    ]);
  });
});

describe('mask formats', () => {
  it('takes a template with {first:N} and {last:N} per kind', () => {
    const { masked } = maskPersonalData('手机138-1234-5678，地址朝阳区建国路88号', {
      formats: { mobile: '[手机尾号{last:4}]', address: '[地址已隐藏]' },
    });
    expect(masked).toBe('手机[手机尾号5678]，地址朝阳区[地址已隐藏]');
  });

  it('takes a function per kind and keeps the defaults for the others', () => {
    const { masked } = maskPersonalData('邮箱a@qq.com 手机13812345678', {
      formats: { email: (span) => `<${span.kind}:${span.text.length}>` },
    });
    expect(masked).toBe('邮箱<email:8> 手机138****5678');
  });

  it('masks only the kinds asked for', () => {
    expect(maskPersonalData('手机13812345678 邮箱a@qq.com', { kinds: ['email'] }).masked).toBe(
      '手机13812345678 邮箱a***@qq.com',
    );
  });
});

// Targets from the privacy issue: no kind may fall below them on the labeled corpus.
const RECALL_TARGET = 0.995;
const PRECISION_TARGET = 0.99;

describe('labeled corpus', () => {
  it('holds at least 500 sentences, with positives and lookalikes of every kind', () => {
    expect(piiCorpus.length).toBeGreaterThanOrEqual(500);
    const composition = corpusComposition();
    for (const kind of PII_KINDS) {
      expect(composition.get(kind)?.positives, kind).toBeGreaterThanOrEqual(30);
      expect(composition.get(kind)?.lookalikes, kind).toBeGreaterThanOrEqual(10);
    }
  });

  it('marks spans that are exact substrings of their sentence', () => {
    for (const sentence of piiCorpus) {
      for (const span of sentence.expected) {
        expect(sentence.text.slice(span.start, span.start + span.text.length)).toBe(span.text);
      }
    }
  });

  const { scores, mistakes } = scoreDetector(piiCorpus, (text) => detectPersonalData(text));
  it.each(scores.map((score) => [score.kind, score] as const))(
    '%s meets the recall and precision targets',
    (kind: PiiKind, score) => {
      const ofKind = mistakes.filter((mistake) => mistake.kind === kind);
      const report = ofKind
        .map((mistake) => `${mistake.error}: ${mistake.text} in ${mistake.sentence}`)
        .join('\n');
      expect(score.recall, report).toBeGreaterThanOrEqual(RECALL_TARGET);
      expect(score.precision, report).toBeGreaterThanOrEqual(PRECISION_TARGET);
    },
  );
});
