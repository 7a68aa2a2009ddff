import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import type {
  CreateCustomerInput,
  Customer,
  CustomerDetail,
  CustomerLookup,
  UpdateCustomerInput,
} from './types';

const customersKey = ['customers'] as const;
const customerDetailKey = (customerId: string) => [...customersKey, 'detail', customerId] as const;

const hasCriteria = (lookup: CustomerLookup) =>
  Object.values(lookup).some((value) => value !== undefined && value !== '');

/**
 * Customers matching a lookup. `requireCriteria` keeps pickers quiet until something is typed; the customers
 * page lists the most recently changed ones without criteria.
 */
export function useCustomers(
  lookup: CustomerLookup,
  options: { enabled?: boolean; requireCriteria?: boolean; limit?: number } = {},
) {
  const enabled = (options.enabled ?? true) && (!options.requireCriteria || hasCriteria(lookup));
  return useQuery({
    queryKey: [...customersKey, 'list', lookup, options.limit],
    queryFn: ({ signal }) =>
      apiRequest<{ items: Customer[] }>('/customers', {
        query: { ...lookup, limit: options.limit ?? 50 },
        signal,
      }),
    select: (page) => page.items,
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(customerId: string | undefined) {
  return useQuery({
    queryKey: customerDetailKey(customerId ?? ''),
    queryFn: ({ signal }) => apiRequest<CustomerDetail>(`/customers/${customerId}`, { signal }),
    enabled: customerId !== undefined,
  });
}

// Customer names and numbers also appear on tickets, so a change refreshes ticket views too.
function useRefreshAfterCustomerChange() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: customersKey }),
      queryClient.invalidateQueries({ queryKey: ['tickets'] }),
    ]);
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCustomerInput) => apiRequest<Customer>('/customers', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...customersKey, 'list'] }),
  });
}

export function useUpdateCustomer() {
  const refresh = useRefreshAfterCustomerChange();
  return useMutation({
    mutationFn: ({ customerId, changes }: { customerId: string; changes: UpdateCustomerInput }) =>
      apiRequest<Customer>(`/customers/${customerId}`, { method: 'PATCH', body: changes }),
    onSuccess: refresh,
  });
}

/** The duplicate (`sourceCustomerId`) moves into the customer in the path. */
export function useMergeCustomers() {
  const refresh = useRefreshAfterCustomerChange();
  return useMutation({
    mutationFn: ({ targetId, sourceCustomerId }: { targetId: string; sourceCustomerId: string }) =>
      apiRequest<Customer>(`/customers/${targetId}/merge`, { method: 'POST', body: { sourceCustomerId } }),
    onSuccess: refresh,
  });
}
