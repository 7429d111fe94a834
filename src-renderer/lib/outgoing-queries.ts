/** Query hooks of văn bản đi over the contract: one key per method, so `data.changed` refetches them like the others. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Params } from '../../src-shared/contract';
import { useApi } from './api-context';

export function useDirectoryUsers(enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: ['directory.users'], queryFn: () => api.call('directory.users', {}), enabled, staleTime: 60_000 });
}

export function useDirectoryUnits(enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: ['directory.units'], queryFn: () => api.call('directory.units', {}), enabled, staleTime: 60_000 });
}

export function useDraftList(params: Params<'outgoing.listDrafts'>) {
  const api = useApi();
  return useQuery({
    queryKey: ['outgoing.listDrafts', params],
    queryFn: () => api.call('outgoing.listDrafts', { ...params, search: params.search?.trim() || undefined }),
    placeholderData: keepPreviousData,
  });
}

export function useDraftDetail(id: string | null) {
  const api = useApi();
  return useQuery({ queryKey: ['outgoing.getDraft', id], queryFn: () => api.call('outgoing.getDraft', { id: id! }), enabled: id !== null });
}

export function useIssuedList(params: Params<'outgoing.listIssued'>) {
  const api = useApi();
  return useQuery({
    queryKey: ['outgoing.listIssued', params],
    queryFn: () => api.call('outgoing.listIssued', { ...params, search: params.search?.trim() || undefined }),
    placeholderData: keepPreviousData,
  });
}

export function useIssuedDetail(id: string | null) {
  const api = useApi();
  return useQuery({ queryKey: ['outgoing.getIssued', id], queryFn: () => api.call('outgoing.getIssued', { id: id! }), enabled: id !== null });
}

export function usePostalList(params: Params<'outgoing.listPostal'>) {
  const api = useApi();
  return useQuery({ queryKey: ['outgoing.listPostal', params], queryFn: () => api.call('outgoing.listPostal', params) });
}
