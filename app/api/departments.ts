import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import type { Department, DepartmentInput } from './types';

const departmentsKey = ['departments'] as const;

export function useDepartments(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: departmentsKey,
    queryFn: () => apiRequest<{ items: Department[] }>('/departments'),
    select: (page) => page.items,
    enabled: options.enabled ?? true,
  });
}

// Department names appear on user rows, so a change refreshes both lists.
function useRefreshAfterDepartmentChange() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: departmentsKey }),
      queryClient.invalidateQueries({ queryKey: ['users'] }),
      queryClient.invalidateQueries({ queryKey: ['me'] }),
    ]);
}

export function useCreateDepartment() {
  const refresh = useRefreshAfterDepartmentChange();
  return useMutation({
    mutationFn: (body: DepartmentInput) => apiRequest<Department>('/departments', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdateDepartment() {
  const refresh = useRefreshAfterDepartmentChange();
  return useMutation({
    mutationFn: ({ departmentId, changes }: { departmentId: string; changes: Partial<DepartmentInput> }) =>
      apiRequest<Department>(`/departments/${departmentId}`, { method: 'PATCH', body: changes }),
    onSuccess: refresh,
  });
}

export function useDeleteDepartment() {
  const refresh = useRefreshAfterDepartmentChange();
  return useMutation({
    mutationFn: (departmentId: string) =>
      apiRequest<void>(`/departments/${departmentId}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}
