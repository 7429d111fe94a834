/** Query hooks over the contract: one key per method so events can invalidate precisely. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from './api-context';

export function useSession() {
  const api = useApi();
  return useQuery({ queryKey: ['session'], queryFn: () => api.call('auth.session', {}), staleTime: Infinity });
}

export function useSyncStatus() {
  const api = useApi();
  return useQuery({ queryKey: ['sync.status'], queryFn: () => api.call('sync.status', {}), staleTime: Infinity });
}

export function useIncomingList(params: { search: string; limit: number; offset: number }) {
  const api = useApi();
  return useQuery({
    queryKey: ['documents.listIncoming', params],
    queryFn: () =>
      api.call('documents.listIncoming', { search: params.search.trim() || undefined, limit: params.limit, offset: params.offset }),
    placeholderData: keepPreviousData,
  });
}

export function useIncomingDetail(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['documents.getIncoming', id],
    queryFn: () => api.call('documents.getIncoming', { id: id ?? '' }),
    enabled: id !== null,
  });
}
