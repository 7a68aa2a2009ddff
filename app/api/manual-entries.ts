import type { RegisteredRequest, registerRequestBody } from '@server/manual-entry/schema';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { useRefreshAfterIntake } from './calls';
import { apiRequest } from './client';

export type { RegisteredRequest };
export type RegisterRequestInput = z.input<typeof registerRequestBody>;

/** Registers a request received by hand; the same idempotency key twice is one registration. */
export function useRegisterRequest() {
  const refresh = useRefreshAfterIntake();
  return useMutation({
    mutationFn: (body: RegisterRequestInput) =>
      apiRequest<RegisteredRequest>('/manual-entries', { method: 'POST', body }),
    onSuccess: refresh,
  });
}
