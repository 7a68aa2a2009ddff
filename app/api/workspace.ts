import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import { meQueryKey } from './me';
import type { UpdateWorkspaceInput, Workspace } from './types';

const workspaceKey = ['workspace'] as const;

export function useWorkspace() {
  return useQuery({ queryKey: workspaceKey, queryFn: () => apiRequest<Workspace>('/workspace') });
}

export function useUpdateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: UpdateWorkspaceInput) =>
      apiRequest<Workspace>('/workspace', { method: 'PATCH', body: changes }),
    onSuccess: (workspace) => {
      queryClient.setQueryData(workspaceKey, workspace);
      // The header shows the workspace name and dates follow its time zone; both come from Me.
      return queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
