import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAuthResults } from './auth-results';
import { classifyAutomatic } from './auto-reply';
import { bounceDetails } from './bounce';
import { type ParsedEmail, parseEmail } from './parse';
import { threadKeys, ticketNumberInSubject } from './threading';
import { visibleText } from './visible-text';

function fixture(name: string): Buffer {
  return fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
}

async function load(name: string): Promise<ParsedEmail> {
  return parseEmail(fixture(name));
}

function shown(email: ParsedEmail) {
  return visibleText(email.text, { subject: email.subject });
}

describe('Chinese charsets', () => {
  it('decodes a Foxmail GBK message: encoded-word subject, display name and base64 body', async () => {
    const email = await load('gbk-subject.eml');
    expect(email.subject).toBe('【售后反馈】关于订单 DD20231020088 的故障处理进度');
    // 喆 exists in GBK but not in GB2312: a GB2312-only decoder would garble the name.
    expect(email.from).toEqual({ address: 'zhangzhe@example.cn', name: '张喆' });
    expect(email.to).toEqual([{ address: 'support@kefu.example', name: 'Kefu客服' }]);
    expect(email.text).toContain('开机后显示故障码 E4');
    expect(email.html).toContain('预计什么时候能处理好');
    expect(email.messageId).toBe('<202310270958361234567@example.cn>');
    expect(email.date?.toISOString()).toBe('2023-10-27T01:58:36.000Z');
    expect(shown(email)).toEqual({
      visible: expect.stringMatching(/^您好：[\s\S]*联系电话：138 0013 8000\n\n张喆$/),
      quoted: null,
      signature: null,
    });
  });

  it('parses the same message with CRLF line ends, as it arrives over SMTP', async () => {
    const crlf = Buffer.from(fixture('gbk-subject.eml').toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    const email = await parseEmail(crlf);
    expect(email.subject).toBe('【售后反馈】关于订单 DD20231020088 的故障处理进度');
    expect(shown(email).visible).toContain('请问维修进度如何？');
  });

  it('decodes a GB2312 QQ Mail reply and cuts the 原始邮件 block', async () => {
    const email = await load('qq-reply.eml');
    expect(email.subject).toBe('回复：【售后反馈】关于订单 DD20231020088 的故障处理进度');
    expect(email.from?.name).toBe('张三');
    const { visible, quoted } = shown(email);
    expect(visible).toBe('您好，\n\n师傅今天上午已经上门换了主板，机器恢复正常了，谢谢！');
    expect(quoted).toMatch(/^-+ 原始邮件 -+\n发件人: "Kefu客服"/);
    expect(quoted).toContain('维修师傅将于明天上午上门更换主板');
  });

  it('decodes a Big5 Outlook reply and cuts the underscore + 寄件者 header block', async () => {
    const email = await load('outlook-big5-reply.eml');
    expect(email.subject).toBe('回覆: 【售後反饋】關於訂單 DD20231027015 的故障處理進度');
    expect(email.from?.name).toBe('陳小明');
    const { visible, quoted } = shown(email);
    expect(visible).toBe('您好，\n\n收到，謝謝您的協助。請問保固期是多久？\n\n陳小明');
    expect(quoted).toMatch(/^_{32}\n寄件者: Kefu客服/);
    expect(quoted).toContain('您的除濕機已維修完成');
  });
});

describe('quoted history', () => {
  it('separates an Outlook reply from its -----Original Message-----', async () => {
    const { visible, quoted } = shown(await load('outlook-reply.eml'));
    expect(visible).toMatch(
      /^Hi,\n\nThe replacement filter you sent[\s\S]*Could you send the F-218 instead\?\n\nThanks,\nJohn$/,
    );
    expect(quoted).toMatch(/^-----Original Message-----\nFrom: Kefu Support/);
    expect(quoted).toContain('tracking number SF1234567890123');
  });

  it("separates a Gmail reply from its quote, the wrapped 'On … wrote:' line included", async () => {
    const { visible, quoted } = shown(await load('gmail-reply.eml'));
    expect(visible).toBe(
      'Hi team,\n\nThanks for the quick reply. The serial number is KF-AP300-23A0917 and the\nerror code is E4. I have attached nothing else.\n\nBest,\nAnna',
    );
    expect(quoted).toMatch(
      /^On Fri, Oct 27, 2023 at 10:12 AM Kefu Support <support@kefu.example>\nwrote:\n\n> Dear Anna,/,
    );
  });

  it('cuts a Chinese Gmail "于…写道：" quote', async () => {
    const { visible, quoted } = shown(await load('ticket-reply.eml'));
    expect(visible).toBe('收到，明天上午十点以后都可以。');
    expect(quoted).toMatch(
      /^孙七 <sunqi@example\.cn> 于2026年12月2日周三 14:05写道：\n\n> 您好，请问明天是否方便安装？/,
    );
  });

  it('drops 发自我的iPhone and the ">"-quoted "在 … 写道：" history of an iPhone reply', async () => {
    const email = await load('iphone-zh-reply.eml');
    expect(email.subject).toBe('Re: 【售后反馈】关于订单 DD20231020088 的故障处理进度');
    expect(shown(email)).toEqual({
      visible: '好的，我今天下午都在家，请安排师傅上门。',
      quoted: expect.stringMatching(/^> 在 2023年10月27日，10:12，Kefu客服 <support@kefu\.example> 写道：/),
      signature: '发自我的iPhone',
    });
  });

  it('keeps a forwarded chain whole: the forwarded mail is what the customer sends us', async () => {
    const email = await load('forwarded-chain.eml');
    expect(email.subject).toBe('Fwd: 订单 DD20231018021 的发票问题');
    for (const options of [{ subject: email.subject }, {}]) {
      const { visible, quoted } = visibleText(email.text, options);
      expect(visible).toMatch(/^请帮忙看一下下面这封邮件/);
      expect(visible).toContain('From: 李四 <lisi@corp.example>');
      expect(visible).toContain('税号 91310000MA1FL0XX0X');
      expect(visible).toContain('> 李四，发票抬头是什么？');
      expect(quoted).toBeNull();
    }
  });
});

describe('HTML', () => {
  it('strips every script, style and event-handler vector and blocks the remote images', async () => {
    const email = await load('html-only-xss.eml');
    const html = email.html ?? '';
    expect(html).toContain('您好，我的订单 DD20231021005 还没有发货');
    for (const vector of [
      '<script',
      '<style',
      '<iframe',
      '<object',
      '<embed',
      '<form',
      '<input',
      '<svg',
      '<meta',
    ]) {
      expect(html).not.toContain(vector);
    }
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/javascript|vbscript|alert\(/i);
    expect(html).not.toContain('evil.example');
    expect(html).not.toMatch(/url\(|background=/);
    expect(html).toContain('style="color:#333333;font-size:14px"');
    // Nothing fetches by itself: the two remote images wait in data-blocked-src, a raster data: image stays.
    expect(email.blockedImages).toBe(2);
    expect(html).not.toMatch(/\ssrc="(?!data:image\/png)/);
    expect(html).toContain('data-blocked-src="https://tracker.example/open.gif?u=123"');
    expect(html).toContain('data-blocked-src="http://cdn.shop.example/banner.jpg"');
    expect(html).not.toContain('srcset');
    expect(html).toContain('src="data:image/png;base64,');
    expect(html).not.toContain('data:text/html');
    expect(html).toContain(
      '<a href="https://shop.example/orders/DD20231021005" target="_blank" rel="noopener noreferrer nofollow">',
    );
  });

  it('derives the plain text of an HTML-only mail without link targets or image addresses', async () => {
    const { text } = await load('html-only-xss.eml');
    expect(text).toMatch(/^您好，我的订单 DD20231021005 还没有发货，请帮忙查一下。/);
    expect(text).toMatch(/滤芯 F-218\s+2/);
    expect(text).not.toMatch(/javascript|tracker|alert|document\.cookie/);
  });

  it('marks an Outlook body image inline and keeps its cid: link in the HTML', async () => {
    const email = await load('inline-image.eml');
    expect(email.subject).toBe('屏幕显示异常（附截图）');
    expect(email.attachments).toEqual([
      expect.objectContaining({
        filename: 'image001.png',
        contentType: 'image/png',
        contentId: 'image001.png@01DA08B2.1C3F5A60',
        inline: true,
        size: 70,
      }),
    ]);
    expect(email.attachments[0]?.content.subarray(1, 4).toString()).toBe('PNG');
    expect(email.html).toContain('src="cid:image001.png@01DA08B2.1C3F5A60"');
    expect(email.blockedImages).toBe(0);
  });
});

describe('attachments', () => {
  it('lists a winmail.dat and a PDF with an RFC 2231 Chinese file name as downloads', async () => {
    const email = await load('tnef-pdf.eml');
    expect(
      email.attachments.map(({ filename, contentType, inline }) => ({ filename, contentType, inline })),
    ).toEqual([
      { filename: '发票_DD20231018021.pdf', contentType: 'application/pdf', inline: false },
      { filename: 'winmail.dat', contentType: 'application/ms-tnef', inline: false },
    ]);
    const [pdf, tnef] = email.attachments;
    expect(pdf?.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf?.size).toBe(pdf?.content.length);
    // The TNEF signature 0x223E9F78, little-endian: the bytes are passed through untouched.
    expect(tnef?.content.subarray(0, 4)).toEqual(Buffer.from([0x78, 0x9f, 0x3e, 0x22]));
    expect(shown(email).visible).toBe(
      'Hello, please find the invoice attached. The PDF opens fine on my side.\n\nWang Fang',
    );
  });
});

describe('automatic mail', () => {
  it('classifies an Exchange out-of-office reply', async () => {
    const email = await load('out-of-office.eml');
    expect(email.subject).toBe('自动回复: 【售后反馈】关于订单 DD20231020088 的故障处理进度');
    expect(email.headers.autoSubmitted).toBe('auto-replied');
    expect(classifyAutomatic(email)).toBe('auto_reply');
  });

  it('classifies a DSN bounce and reads the failed recipient and the returned Message-ID', async () => {
    const email = await load('dsn-bounce.eml');
    expect(email.contentType).toEqual({
      value: 'multipart/report',
      params: expect.objectContaining({ 'report-type': 'delivery-status' }),
    });
    expect(classifyAutomatic(email)).toBe('bounce');
    expect(bounceDetails(email)).toEqual({
      failedRecipients: ['nobody@example.cn'],
      status: '5.1.1',
      originalMessageId: '<kefu.20231027020.1@kefu.example>',
    });
  });

  it.each([
    'gbk-subject.eml',
    'outlook-reply.eml',
    'outlook-big5-reply.eml',
    'qq-reply.eml',
    'gmail-reply.eml',
    'iphone-zh-reply.eml',
    'forwarded-chain.eml',
    'html-only-xss.eml',
    'inline-image.eml',
    'tnef-pdf.eml',
    'ticket-reply.eml',
  ])('leaves mail a person wrote unclassified (%s)', async (name) => {
    const email = await load(name);
    expect(classifyAutomatic(email)).toBeNull();
    expect(bounceDetails(email).failedRecipients).toEqual([]);
  });
});

describe('threading', () => {
  it('finds the ticket number in the subject and the thread keys, In-Reply-To first, then newest reference', async () => {
    const email = await load('ticket-reply.eml');
    expect(email.subject).toBe('Re: 【售后反馈】关于订单 DD20261201033 的故障处理进度 [#20261202001]');
    expect(ticketNumberInSubject(email.subject)).toBe('20261202001');
    expect(threadKeys(email)).toEqual([
      '<kefu.20261202001.3@kefu.example>',
      '<kefu.20261202001.2@kefu.example>',
      '<CAPx7Lq1aB2cD3eF4gH5iJ6kL7mN8oP9qR0sT1uV2wX3yZ=Aa@mail.gmail.com>',
    ]);
  });

  it('reads folded multi-line References in order', async () => {
    const email = await load('qq-reply.eml');
    expect(email.references).toEqual([
      '<kefu.20231020088.1@kefu.example>',
      '<kefu.20231020088.2@kefu.example>',
    ]);
    expect(threadKeys(email)).toEqual([
      '<kefu.20231020088.2@kefu.example>',
      '<kefu.20231020088.1@kefu.example>',
    ]);
    expect(ticketNumberInSubject(email.subject)).toBeNull();
  });
});

describe('sender authentication', () => {
  it.each([
    ['gbk-subject.eml', { spf: 'pass', dkim: 'pass', dmarc: 'pass' }],
    ['gmail-reply.eml', { spf: 'softfail', dkim: 'fail', dmarc: 'fail' }],
    ['outlook-big5-reply.eml', { spf: 'neutral', dkim: 'none', dmarc: 'none' }],
    // SPF from Received-SPF where Authentication-Results has none.
    ['ticket-reply.eml', { spf: 'pass', dkim: 'pass', dmarc: 'pass' }],
    ['qq-reply.eml', { spf: 'pass', dkim: null, dmarc: null }],
    ['tnef-pdf.eml', { spf: null, dkim: null, dmarc: null }],
  ])('reads SPF/DKIM/DMARC of %s', async (name, expected) => {
    expect(readAuthResults((await load(name)).headers)).toEqual(expected);
  });
});
