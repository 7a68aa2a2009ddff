import { describe, expect, it } from 'vitest';
import { indexTokens, queryTokens } from './segmenter';

describe('Chinese helpdesk segmentation', () => {
  // What an agent types → the tokens a search matches on. Pinned so that a dictionary change is a visible decision.
  it.each([
    ['我的订单还没签收', ['我', '的', '订单', '还', '没', '签收']],
    ['APP一打开就闪退', ['app', '一', '打开', '就', '闪退']],
    ['申请退换货', ['申请', '退换货']],
    ['我要退货', ['我要', '退货']],
    ['身份证号填错了', ['身份证号', '填错', '了']],
    ['修改收货地址', ['修改', '收货地址']],
    ['物流异常怎么办', ['物流异常', '怎么办']],
    ['工单号是多少', ['工单号', '是', '多少']],
    ['快递一直不派送', ['快递', '一直', '不', '派送']],
    ['收到的商品破损了', ['收到', '的', '商品', '破损', '了']],
    ['包裹少件', ['包裹', '少件']],
    ['重复扣款怎么处理', ['重复扣款', '怎么', '处理']],
    ['退款什么时候到账', ['退款', '什么', '时候', '到账']],
    ['小程序无法登录', ['小程序', '无法登录']],
    ['手机黑屏开不了机', ['手机', '黑屏', '开', '不了', '机']],
    ['优惠券用不了', ['优惠券', '用', '不了']],
    ['我要投诉你们的客服', ['我要', '投诉', '你们', '的', '客服']],
    ['要开发票', ['要', '开发票']],
    ['七天无理由退货', ['七天无理由', '退货']],
    ['运费险理赔', ['运费险', '理赔']],
    ['企业微信加不上', ['企业微信', '加不上']],
    ['满意度调查', ['满意度', '调查']],
  ])('%s', (phrase, tokens) => {
    expect(queryTokens(phrase)).toEqual(tokens);
  });

  it('indexes the parts of long words too, so that a search for a part finds the whole', () => {
    expect(indexTokens('申请退换货')).toEqual(expect.arrayContaining(['退换货', '换货']));
    expect(indexTokens('身份证号填错了')).toEqual(expect.arrayContaining(['身份证号', '身份证']));
  });

  it('drops punctuation and lowercases Latin words', () => {
    expect(indexTokens('iPhone 15，屏幕！！')).toEqual(['iphone', '15', '屏幕']);
  });
});
