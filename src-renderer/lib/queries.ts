/** Query hooks over the contract: one key per method so events can invalidate precisely. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { IncomingFilterValues } from '../components/IncomingFilters';
import { useApi } from './api-context';

export function useSession() {
  const api = useApi();
  return useQuery({ queryKey: ['session'], queryFn: () => api.call('auth.session', {}), staleTime: Infinity });
}

export function useSyncStatus() {
  const api = useApi();
  return useQuery({ queryKey: ['sync.status'], queryFn: () => api.call('sync.status', {}), staleTime: Infinity });
}

export function useIncomingList(params: { search: string; limit: number; offset: number; filters?: IncomingFilterValues }) {
  const api = useApi();
  return useQuery({
    queryKey: ['documents.listIncoming', params],
    queryFn: () =>
      api.call('documents.listIncoming', {
        ...params.filters,
        search: params.search.trim() || undefined,
        limit: params.limit,
        offset: params.offset,
      }),
    placeholderData: keepPreviousData,
  });
}

/** Cơ quan ban hành suggestions, accent-insensitive, the most used first (local: works offline). */
export function useIssuerSuggestions(query: string, enabled: boolean) {
  const api = useApi();
  const q = query.trim();
  return useQuery({
    queryKey: ['directory.issuers', q],
    queryFn: () => api.call('directory.issuers', { query: q, limit: 12 }),
    enabled: enabled && q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
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

export function useScanFolder() {
  const api = useApi();
  return useQuery({ queryKey: ['intake.getScanFolder'], queryFn: () => api.call('intake.getScanFolder', {}) });
}

/** Files taken from the scan folder, newest first; `intake.fileArrived` invalidates this key. */
export function useArrivedFiles(enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: ['intake.listArrived'], queryFn: () => api.call('intake.listArrived', { limit: 30 }), enabled });
}
