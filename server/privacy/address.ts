/**
 * Detailed addresses: the part below the district that leads to a door (道路门牌, 小区楼栋, 村组). Province, city and
 * district stay outside the span, so that the default mask keeps 广东省深圳市南山区 and hides the rest.
 *
 * An address is found from a core that only addresses have — a road with a house number (建国路88号), a village
 * with a group (东方村5组), an estate with a building (阳光花园3栋), a building with a unit or room (3号楼1单元) —
 * and then grown to the right over the building, unit and room parts that follow, and to the left over the
 * township (粤海街道, 张江镇) when a space separates it.
 */
import { matchesOf } from './context';
import type { PiiLocation } from './pii-kinds';

const NUMBER = '(?:\\d{1,5}|[零〇一二三四五六七八九十百千两]{1,4})';
// Function words, pronouns and verbs that end the words before an address (寄到, 住在, 地址是, 我家), 号, and the
// province, city and district suffixes: a place name cannot run across them, so a detailed address starts after
// 南山区 and after 送到. Common words in which 市 is not a city (环市东路, 城市花园) or 区 is not a district (社区,
// 小区, 校区) stay whole; rarer names that contain a stop character lose the part before it.
const NOT_IN_PLACE_NAME =
  '在到是址寄送往于我你他她您它们住请帮与及或把给从为了着过吗呢吧啊呀哦嗯也就都还要写填改号省市区县';
const WORDS_NOT_ADMINISTRATIVE = '环市|城市|超市|都市|夜市|门市|市场|市府|社区|小区|校区|厂区|景区';
const PLACE_CHARACTER = `(?:${WORDS_NOT_ADMINISTRATIVE}|(?![${NOT_IN_PLACE_NAME}])[\\u4e00-\\u9fff])`;
const NAME = `${PLACE_CHARACTER}{1,16}?`;
const NAME_WITH_LATIN = `(?:${PLACE_CHARACTER}|[A-Za-z]){1,10}?`;
// After a house number a place may be the suffix alone (写字楼2806).
const PLACE_NAME = `(?:${PLACE_CHARACTER}|[A-Za-z]){0,10}?`;
// 号 followed by one of these is a metro line, a shop, a locker, a seat or a date (10号之前), not a house number.
const HOUSE_NUMBER_END = '(?![线店码机位柜仓窗台门之前后以到发送晚早])';

const DASHED_ROOM = '\\d{1,3}-\\d{1,3}(?:-\\d{1,5})?(?![\\d-])';
const ROAD = `${NAME}(?:大街|大道|路|街|巷|胡同|弄|道)(?:[东南西北中]段?|${NUMBER}段)?\\s?${NUMBER}\\s?(?:号院|号|弄)${HOUSE_NUMBER_END}`;
const VILLAGE = `${NAME}村\\s?${NUMBER}\\s?(?:组|队|社|号)${HOUSE_NUMBER_END}`;
const ESTATE_SUFFIX =
  '小区|花园|公寓|家园|新村|社区|大厦|广场|中心|大楼|写字楼|宿舍|公馆|科技园|工业园|产业园|大学|学院|医院|大院';
const SHORT_ESTATE_SUFFIX = '苑|园|城|府|里|庭|阁|轩|居|邸|湾|院|坊';
// An estate, its phase or sector (十期, 一区), then a building or a dashed building-unit-room (3-2-501).
const ESTATE = `${NAME_WITH_LATIN}(?:${ESTATE_SUFFIX}|${SHORT_ESTATE_SUFFIX})\\s?(?:${NUMBER}[期区]\\s?)?(?:${NUMBER}\\s?(?:栋|幢|座|号楼|号|单元)${HOUSE_NUMBER_END}|${DASHED_ROOM})`;
const BUILDING = `${PLACE_CHARACTER}{0,10}?${NUMBER}\\s?(?:栋|幢|座|号楼)\\s?(?:${NUMBER}\\s?(?:单元|层|楼|室|号)|\\d{3,4}(?!\\d))`;
const ADDRESS_CORE = new RegExp(`(?:${ROAD})|(?:${VILLAGE})|(?:${ESTATE})|(?:${BUILDING})`, 'g');
// Every core contains one of these; text without any is skipped without running the larger pattern.
const CORE_CHARACTERS = /[路街道巷弄胡村栋幢座号]|\d-\d/;

type PartKind = 'building' | 'room' | 'house' | 'bareRoom' | 'place';
const sticky = (source: string) => new RegExp(source, 'y');
const PARTS: { kind: PartKind; pattern: RegExp }[] = [
  { kind: 'building', pattern: sticky(`${NUMBER}\\s?(?:号院|号楼|栋|幢|座|单元|门|楼|层|期|区|组|队)`) },
  { kind: 'room', pattern: sticky(`${NUMBER}\\s?(?:室|户|房)`) },
  { kind: 'house', pattern: sticky(`${NUMBER}\\s?(?:号|弄)${HOUSE_NUMBER_END}`) },
  { kind: 'building', pattern: sticky('[A-Za-z]\\s?(?:座|栋|幢|区|塔|楼)|[东南西北]区') },
  { kind: 'room', pattern: sticky(DASHED_ROOM) },
  // Not a year, an amount or a time: 2023年, 3000元, 2023-10-27, 14:30.
  { kind: 'bareRoom', pattern: sticky('[A-Za-z]?\\d{3,5}(?![\\d.:/-]|[年月日元块件个天号])') },
  { kind: 'place', pattern: sticky(`${PLACE_NAME}(?:${ESTATE_SUFFIX})`) },
  // A building's or a park's own name before its block, sector or floor: 太古汇1座, 颐和国际A栋, 软件园E区, 主楼30楼.
  {
    kind: 'place',
    pattern: sticky(`${NAME_WITH_LATIN}(?=(?:${NUMBER}|[A-Za-z])\\s?(?:栋|幢|座|号楼|楼|层|期|区|单元))`),
  },
];

// Which part may follow which: a bare number is a room only after a building or a named place (A座1205, 大厦
// 2301) or glued to a house number (88号502); after a space, a house number is more likely a date (10号).
function mayFollow(kind: PartKind, previous: PartKind, afterSpace: boolean): boolean {
  if (kind === 'house') return !afterSpace;
  if (kind === 'bareRoom')
    return previous === 'building' || previous === 'place' || (previous === 'house' && !afterSpace);
  return true;
}

function growRight(text: string, end: number, firstKind: PartKind): number {
  let previous = firstKind;
  let grown = end;
  let trailingPlaceAfterSpace = -1;
  for (;;) {
    const afterSpace = text[grown] === ' ';
    const from = afterSpace ? grown + 1 : grown;
    const part = PARTS.find(({ kind, pattern }) => {
      if (!mayFollow(kind, previous, afterSpace)) return false;
      pattern.lastIndex = from;
      return pattern.test(text);
    });
    if (!part || part.pattern.lastIndex === from) break;
    // A named place after a space ends the address unless a number follows it (XX大厦 2301室, not 配送中心说…).
    trailingPlaceAfterSpace = part.kind === 'place' && afterSpace ? grown : -1;
    previous = part.kind;
    grown = part.pattern.lastIndex;
  }
  return trailingPlaceAfterSpace >= 0 ? trailingPlaceAfterSpace : grown;
}

// The township level belongs to the detail; Taobao's address format separates it with a space.
const TOWNSHIP_BEFORE = new RegExp(`${PLACE_CHARACTER}{1,10}(?:街道|镇|乡) $`);
// Words that slip into the start of a name: 家 after a pronoun (我家), 成 and 为 after 改, 换, 写 (改成).
const LEAD_IN = /^(?:[我你他她]家|[改换写变][成为])/;

function growLeft(text: string, start: number): number {
  const township = TOWNSHIP_BEFORE.exec(text.slice(Math.max(0, start - 13), start));
  if (township) return start - township[0].length;
  return LEAD_IN.test(text.slice(start - 1, start + 1)) ? start + 1 : start;
}

export function findAddresses(text: string): PiiLocation[] {
  if (!CORE_CHARACTERS.test(text)) return [];
  const found: PiiLocation[] = [];
  for (const match of matchesOf(ADDRESS_CORE, text)) {
    const start = growLeft(text, match.index);
    const coreEnd = match.index + match[0].length;
    const end = growRight(text, coreEnd, /[号弄]$/.test(match[0]) ? 'house' : 'building');
    found.push({ kind: 'address', start, end });
    ADDRESS_CORE.lastIndex = end;
  }
  return found;
}
