import { describe, expect, it } from 'vitest';
import { visibleText } from './visible-text';

describe('visibleText', () => {
  it('moves a short "-- " signature out of the visible text', () => {
    expect(visibleText('Please call me back.\n\n-- \nJohn Smith\nContoso Ltd.\n+86 21 5555 0100\n')).toEqual({
      visible: 'Please call me back.',
      quoted: null,
      signature: 'John Smith\nContoso Ltd.\n+86 21 5555 0100',
    });
  });

  it('keeps text below a "--" the customer used as a divider', () => {
    const body = ['Summary', '--', ...Array.from({ length: 14 }, (_, i) => `step ${i + 1}`)].join('\n');
    expect(visibleText(body)).toEqual({ visible: body, quoted: null, signature: null });
  });

  it('does not cut at a "wrote:" that is not an attribution line', () => {
    const body = 'My colleague wrote:\nthe unit is broken.';
    expect(visibleText(body).visible).toBe(body);
  });

  it.each([
    ['Thunderbird', 'On 10/27/23 10:12, Kefu Support wrote:'],
    ['Thunderbird zh', '在 2023/10/27 10:12, Kefu客服 写道:'],
    ['Apple Mail zh-TW', '於 2023年10月27日 上午10:12，Kefu客服 <support@kefu.example> 寫道：'],
    ['German', 'Am 27.10.2023 um 10:12 schrieb Kefu Support <support@kefu.example>:'],
  ])('cuts at a %s attribution line', (_client, attribution) => {
    const result = visibleText(`Danke, passt.\n\n${attribution}\n> old text\n`);
    expect(result.visible).toBe('Danke, passt.');
    expect(result.quoted).toBe(`${attribution}\n> old text`);
  });

  it('cuts at an Outlook header block without a separator line', () => {
    const text =
      'Fine by me.\n\nFrom: Kefu Support <support@kefu.example>\nSent: Friday, October 27, 2023 10:12 AM\nTo: John\nSubject: RE: filter\n\nold';
    expect(visibleText(text)).toMatchObject({
      visible: 'Fine by me.',
      quoted: expect.stringMatching(/^From: Kefu/),
    });
  });

  it('keeps an Outlook forward whole when the subject says it is one', () => {
    const text =
      'See below.\n\nFrom: Li Si <lisi@corp.example>\nSent: Thursday\nTo: Wang Wu\nSubject: invoice\n\nthe title is wrong';
    expect(visibleText(text, { subject: 'FW: invoice' })).toEqual({
      visible: text,
      quoted: null,
      signature: null,
    });
    expect(visibleText(text, { subject: '转发：发票' }).quoted).toBeNull();
  });

  it('keeps inline answers between quoted lines, and cuts only the trailing quote', () => {
    const text = '> Which model?\nAP300\n> Serial number?\nKF-23A0917\n\n> Thanks\n> Kefu\n';
    expect(visibleText(text)).toEqual({
      visible: '> Which model?\nAP300\n> Serial number?\nKF-23A0917',
      quoted: '> Thanks\n> Kefu',
      signature: null,
    });
  });

  it('leaves the visible text empty when the whole mail is a quote', () => {
    expect(visibleText('> only the old mail\n> again')).toEqual({
      visible: '',
      quoted: '> only the old mail\n> again',
      signature: null,
    });
  });

  it.each([
    'Sent from my iPhone',
    'Get Outlook for Android',
    '发自我的华为手机',
    '从我的 iPhone 发送',
    '发自网易邮箱大师',
  ])('drops the client sign-off "%s" at the end', (signOff) => {
    expect(visibleText(`收到，谢谢\n\n${signOff}\r\n`)).toEqual({
      visible: '收到，谢谢',
      quoted: null,
      signature: signOff,
    });
  });

  it('keeps a sign-off-like sentence that is not at the end', () => {
    const text = '发自我的电脑的截图看不清\n第二行\n第三行\n第四行';
    expect(visibleText(text).visible).toBe(text);
  });
});
