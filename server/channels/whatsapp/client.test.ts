import { describe, expect, it } from 'vitest';
import { failureOf } from './client';

const failure = (code: number | null, status = 400) => failureOf({ status, code, message: 'Graph says no' });

describe("Graph errors as the agent's delivery failures", () => {
  it('types the window, recipient, rate-limit and token errors', () => {
    expect(failure(131047)).toMatchObject({ code: 'window_expired', permanent: true });
    expect(failure(131026)).toMatchObject({ code: 'invalid_recipient', permanent: true });
    expect(failure(131050)).toMatchObject({ code: 'blocked', permanent: true });
    for (const code of [130429, 131056, 80007]) {
      expect(failure(code)).toMatchObject({ code: 'quota_exhausted', permanent: false });
    }
    expect(failure(131048)).toMatchObject({ code: 'quota_exhausted', permanent: true });
    expect(failure(190, 401)).toMatchObject({ code: 'rejected', permanent: true });
    expect(failure(190, 401).message).toMatch(/access token/);
  });

  it('retries server trouble and refuses the rest with the code in the message', () => {
    expect(failure(null, 503)).toMatchObject({ code: 'transient', permanent: false });
    expect(failure(131000, 500)).toMatchObject({ code: 'transient', permanent: false });
    expect(failure(132001, 404)).toEqual({
      ok: false,
      code: 'rejected',
      message: 'WhatsApp 132001: Graph says no',
      permanent: true,
    });
  });
});
