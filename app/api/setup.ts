import { useMutation, useQuery } from '@tanstack/react-query';
import { apiRequest } from './client';

export interface CompleteSetupInput {
  token: string;
  workspaceName?: string;
  name: string;
  email: string;
  employeeNo?: string;
  password: string;
  /** The seed SOP whose taxonomy, working calendar and service levels the workspace starts with. */
  presetId?: string;
}

/** Checks a first-run link; a 404 means it is unknown, used or expired. */
export function useSetupLink(token: string) {
  return useQuery({
    queryKey: ['setup', token],
    queryFn: () =>
      apiRequest<{ workspaceName: string }>(`/setup/${encodeURIComponent(token)}`, {
        redirectOnUnauthorized: false,
      }),
    enabled: token.length > 0,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCompleteSetup() {
  return useMutation({
    mutationFn: (body: CompleteSetupInput) =>
      apiRequest<void>('/setup', { method: 'POST', body, redirectOnUnauthorized: false }),
  });
}
