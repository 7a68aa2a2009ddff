import { describe, expect, it } from 'vitest';
import { readAuthResults } from './auth-results';
import { classifyAutomatic } from './auto-reply';
import type { EmailHeaders } from './headers';
import { messageIds } from './message-id';
import type { ParsedEmail } from './parse';
import { threadKeys, ticketNumberInSubject } from './threading';

const noHeaders: EmailHeaders = {
  autoSubmitted: null,
  precedence: null,
  xAutoreply: null,
  xAutorespond: null,
  xAutoResponseSuppress: null,
  returnPath: null,
  authenticationResults: [],
  receivedSpf: [],
};

function mail(
  overrides: {
    headers?: Partial<EmailHeaders>;
    subject?: string;
    from?: string;
    contentType?: ParsedEmail['contentType'];
  } = {},
) {
  return {
    headers: { ...noHeaders, ...overrides.headers },
    subject: overrides.subject ?? 'Question about my order',
    from: { address: overrides.from ?? 'customer@example.cn', name: '' },
    contentType: overrides.contentType ?? { value: 'text/plain', params: {} },
  };
}

describe('classifyAutomatic', () => {
  it.each([
    [{ autoSubmitted: 'no' }, null],
    [{ autoSubmitted: 'auto-generated' }, 'bulk'],
    [{ autoSubmitted: 'auto-replied; owner-email="a@b"' }, 'auto_reply'],
    [{ xAutoreply: 'yes' }, 'auto_reply'],
    [{ xAutorespond: 'vacation' }, 'auto_reply'],
    [{ xAutoResponseSuppress: 'All' }, 'bulk'],
    [{ xAutoResponseSuppress: 'DR, RN, NRN' }, null],
    [{ precedence: 'auto_reply' }, 'auto_reply'],
    [{ precedence: 'bulk' }, 'bulk'],
    [{ precedence: 'junk' }, 'bulk'],
    [{ precedence: 'list' }, 'bulk'],
  ] as const)('reads %o as %s', (headers, expected) => {
    expect(classifyAutomatic(mail({ headers }))).toBe(expected);
  });

  it.each([
    ['Automatic reply: 订单问题', 'auto_reply'],
    ['Out of Office: order question', 'auto_reply'],
    ['自动回复：您的来信已收到', 'auto_reply'],
    ['Auto reply not working on my phone', null],
    ['Undeliverable parcel, please help', null],
  ] as const)('falls back to the subject "%s" → %s', (subject, expected) => {
    expect(classifyAutomatic(mail({ subject }))).toBe(expected);
  });

  it('takes a bounce without a DSN body from the mail system', () => {
    expect(classifyAutomatic(mail({ subject: 'failure notice', from: 'MAILER-DAEMON@mx.example.cn' }))).toBe(
      'bounce',
    );
    expect(classifyAutomatic(mail({ subject: 'Undeliverable: 订单', headers: { returnPath: '<>' } }))).toBe(
      'bounce',
    );
  });

  it('treats a read receipt as automatic mail, not as a bounce', () => {
    const contentType = { value: 'multipart/report', params: { 'report-type': 'disposition-notification' } };
    expect(classifyAutomatic(mail({ contentType }))).toBe('auto_reply');
  });
});

describe('ticketNumberInSubject', () => {
  it.each([
    ['Re: 【售后反馈】故障处理进度 [#20231027001]', '20231027001'],
    ['RE: [#20231027001] filter', '20231027001'],
    ['Re: [#20231027001] merged into [#202310271000]', '202310271000'],
    ['Re: order 20231027001', null],
    ['Re: [#20231332001] not a date', null],
    ['Re: [#20230229001] no leap day in 2023', null],
  ])('%s → %s', (subject, expected) => {
    expect(ticketNumberInSubject(subject)).toBe(expected);
  });
});

describe('threadKeys and Message-IDs', () => {
  it('reads comma-separated and bracketless ids the way sloppy mailers write them', () => {
    expect(messageIds('<a@x>,<b@x> (comment) <a@x>')).toEqual(['<a@x>', '<b@x>']);
    expect(messageIds('c@x d@x')).toEqual(['<c@x>', '<d@x>']);
  });

  it("leaves out the message's own id, duplicates, and all but the 20 newest", () => {
    const references = Array.from({ length: 30 }, (_, i) => `<r${i}@x>`);
    const keys = threadKeys({
      messageId: '<self@x>',
      inReplyTo: '<r29@x>',
      references: [...references, '<self@x>'],
    });
    expect(keys[0]).toBe('<r29@x>');
    expect(keys[1]).toBe('<r28@x>');
    expect(keys).toHaveLength(20);
    expect(keys).not.toContain('<self@x>');
  });
});

describe('readAuthResults', () => {
  const ours = 'mx.kefu.example; spf=fail smtp.mailfrom=a.example; dkim=fail header.d=a.example; dmarc=fail';
  const forged =
    'mx.kefu.example; spf=pass (sender wrote this) smtp.mailfrom=a.example; dkim=pass; dmarc=pass';

  it('trusts the topmost header only, so a forged one further down changes nothing', () => {
    expect(readAuthResults({ authenticationResults: [ours, forged], receivedSpf: [] })).toEqual({
      spf: 'fail',
      dkim: 'fail',
      dmarc: 'fail',
    });
  });

  it('picks the trusted authserv-id when a list is given', () => {
    const provider = 'mx.google.com; dkim=pass header.i=@a.example; spf=softfail; dmarc=pass';
    const headers = {
      authenticationResults: [forged.replace('mx.kefu.example', 'evil.example'), provider],
      receivedSpf: [],
    };
    expect(readAuthResults(headers, { trustedAuthservIds: ['MX.google.com'] })).toEqual({
      spf: 'softfail',
      dkim: 'pass',
      dmarc: 'pass',
    });
  });

  it('ignores verdicts inside comments and counts one valid DKIM signature among several', () => {
    const value =
      'mx.kefu.example; dkim=fail (spf=pass in a comment) header.d=esp.example; dkim=pass header.d=a.example; dmarc=permerror';
    expect(readAuthResults({ authenticationResults: [value], receivedSpf: [] })).toEqual({
      spf: null,
      dkim: 'pass',
      dmarc: 'neutral',
    });
  });

  it('reads Received-SPF when no Authentication-Results carries SPF', () => {
    expect(
      readAuthResults({
        authenticationResults: [],
        receivedSpf: ['SoftFail (mx: transitioning) client-ip=1.2.3.4'],
      }),
    ).toEqual({
      spf: 'softfail',
      dkim: null,
      dmarc: null,
    });
  });
});
