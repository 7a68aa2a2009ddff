import { describe, expect, it } from 'vitest';
import { TokenFetchError } from '../platform/access-tokens';
import { sendFailure, WechatApiError } from './client';

describe('what the agent is told when WeChat refuses a reply', () => {
  it('maps the documented errcodes to delivery errors, retrying only what can pass later', () => {
    const failure = (errcode: number) => sendFailure(new WechatApiError(`${errcode}: refused`, errcode));
    expect(failure(45015)).toMatchObject({ code: 'window_expired', permanent: true });
    expect(failure(45047)).toMatchObject({ code: 'quota_exhausted', permanent: true });
    expect(failure(43004)).toMatchObject({ code: 'blocked', permanent: true });
    expect(failure(43019)).toMatchObject({ code: 'blocked', permanent: true });
    expect(failure(40003)).toMatchObject({ code: 'invalid_recipient', permanent: true });
    expect(failure(-1)).toMatchObject({ code: 'transient', permanent: false });
    expect(failure(42001)).toMatchObject({ code: 'transient', permanent: false });
    expect(failure(45009)).toMatchObject({ code: 'quota_exhausted', permanent: false });
    expect(failure(47001)).toMatchObject({ code: 'rejected', permanent: true, message: '47001: refused' });
    expect(sendFailure(new WechatApiError('HTTP 502', null))).toMatchObject({
      code: 'transient',
      permanent: false,
    });
    expect(sendFailure(new TypeError('fetch failed'))).toMatchObject({ code: 'transient', permanent: false });
    expect(sendFailure(new DOMException('The operation timed out.', 'TimeoutError'))).toEqual({
      ok: false,
      code: 'transient',
      message: 'timed out',
      permanent: false,
    });
    // The server's IP missing from the 公众平台 IP whitelist stays so until the admin adds it.
    expect(sendFailure(new TokenFetchError('40164: invalid ip', '40164'))).toMatchObject({
      code: 'rejected',
      permanent: true,
    });
    expect(sendFailure(new TokenFetchError('The token request failed: timed out'))).toMatchObject({
      code: 'transient',
      permanent: false,
    });
  });
});
