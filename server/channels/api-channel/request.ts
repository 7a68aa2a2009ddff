import { HttpProblem, unauthorized } from '@server/http/problem';
import type { z } from 'zod';
import type { RawInboundRequest } from '../adapter';
import type { ChannelAccount } from '../repo';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './signature';

const header = (headers: RawInboundRequest['headers'], name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** 401 unless the request is signed with one of the account's secrets inside the replay window. */
export function verifySignedRequest(request: RawInboundRequest, account: ChannelAccount, now: Date): void {
  const check = verifySignature({
    secrets: account.secrets,
    timestamp: header(request.headers, TIMESTAMP_HEADER),
    signature: header(request.headers, SIGNATURE_HEADER),
    body: request.body,
    nowSeconds: Math.floor(now.getTime() / 1000),
  });
  if (check.ok) return;
  if (check.reason === 'stale_timestamp') {
    throw unauthorized(
      'stale_timestamp',
      'X-Kefu-Timestamp is malformed or more than 5 minutes away from our clock',
    );
  }
  if (check.reason === 'missing') {
    throw unauthorized(
      'signature_missing',
      'Sign the request: X-Kefu-Timestamp and X-Kefu-Signature headers are required',
    );
  }
  throw unauthorized('bad_signature', 'X-Kefu-Signature does not match the body and timestamp');
}

export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'malformed_json', 'The request body is not valid JSON');
  }
}

/** Field-level 400 in the same shape as the framework's schema errors (`/body/sender/id`). */
export function validationProblem(error: z.ZodError): HttpProblem {
  return new HttpProblem(
    400,
    'validation_failed',
    'The request body is invalid',
    error.issues.map((issue) => ({
      path: `/body${issue.path.map((part) => `/${String(part)}`).join('')}`,
      message: issue.message,
      code: issue.code,
    })),
  );
}
