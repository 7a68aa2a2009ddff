import { describe, expect, it } from 'vitest';
import { extractOrderNumbers, extractProductModel } from './text-extraction';

describe('order numbers in what customers write', () => {
  it.each([
    ['订单号 3712345678901234567 还没发货', ['3712345678901234567']],
    ['京东订单 282736451023 物流三天没动', ['282736451023']],
    ['拼多多订单 231027-123456789012345 少件', ['231027-123456789012345']],
    ['两个订单：123456789012345678，987654321098765432', ['123456789012345678', '987654321098765432']],
    ['订单 DD20240501123456 的发票', ['DD20240501123456']],
    ['单号JD88776655还没到', ['JD88776655']],
    ['我的手机号 13812345678 请回电', []],
    ['工单 20231027001 进度如何', []],
    ['金额 2999 元', []],
  ])('%s', (text, expected) => {
    expect(extractOrderNumbers(text)).toEqual(expected);
  });
});

describe('product models', () => {
  it.each([
    ['型号：KF-3000 开机就报警', 'KF-3000'],
    ['我买的 X200 扫地机不充电', 'X200'],
    ['机型 M2 Pro 屏幕闪烁', 'M2 Pro'],
    ['东西坏了，怎么办', null],
  ])('%s', (text, expected) => {
    expect(extractProductModel(text)).toBe(expected);
  });
});
