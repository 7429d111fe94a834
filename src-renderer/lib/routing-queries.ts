/**
 * Query hooks and actions of routing, handling and tasks (issue 6). One key per contract method, so `data.changed`
 * refetches them like every other list; actions return once the change is queued locally (they work offline).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { MethodName, Params, ResultOf } from '../../src-shared/contract';
import { useApi } from './api-context';
import { errorMessage } from './format';

export function useLeaderInbox(includeAssigned: boolean) {
  const api = useApi();
  return useQuery({ queryKey: ['routing.leaderInbox', includeAssigned], queryFn: () => api.call('routing.leaderInbox', { includeAssigned }) });
}

export function useMyDocuments(params: Params<'routing.myDocuments'>) {
  const api = useApi();
  return useQuery({ queryKey: ['routing.myDocuments', params], queryFn: () => api.call('routing.myDocuments', params) });
}

export function useDocumentRouting(documentId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['routing.getDocument', documentId],
    queryFn: () => api.call('routing.getDocument', { documentId: documentId! }),
    enabled: documentId !== null,
  });
}

export function useTasks(params: Params<'tasks.list'>) {
  const api = useApi();
  return useQuery({ queryKey: ['tasks.list', params], queryFn: () => api.call('tasks.list', params) });
}

export function useTask(taskId: string | null) {
  const api = useApi();
  return useQuery({ queryKey: ['tasks.get', taskId], queryFn: () => api.call('tasks.get', { taskId: taskId! }), enabled: taskId !== null });
}

export function useExtensionRequests(scope: Params<'tasks.extensionRequests'>['scope']) {
  const api = useApi();
  return useQuery({ queryKey: ['tasks.extensionRequests', scope], queryFn: () => api.call('tasks.extensionRequests', { scope }) });
}

export function useReminders() {
  const api = useApi();
  return useQuery({ queryKey: ['tasks.reminders'], queryFn: () => api.call('tasks.reminders', {}) });
}

export function useHolidays(year: number) {
  const api = useApi();
  return useQuery({ queryKey: ['holidays.list', year], queryFn: () => api.call('holidays.list', { year }), staleTime: 60_000 });
}

export function useWorkFiles(params: Params<'workfiles.list'>) {
  const api = useApi();
  return useQuery({ queryKey: ['workfiles.list', params], queryFn: () => api.call('workfiles.list', params) });
}

export function useWorkFile(id: string | null) {
  const api = useApi();
  return useQuery({ queryKey: ['workfiles.get', id], queryFn: () => api.call('workfiles.get', { id: id! }), enabled: id !== null });
}

/**
 * A write through the contract: shows the Vietnamese error the core gives, says `done` when queued, and refreshes
 * every list at once (the core also emits `data.changed`, this only removes the wait).
 */
export function useRoutingAction<M extends MethodName>(method: M, done?: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation<ResultOf<M>, Error, Params<M>>({
    // The client's rest-parameter signature cannot be called with a generic method name: same call, widened.
    mutationFn: (params) => (api.call as (m: M, p: Params<M>) => Promise<ResultOf<M>>)(method, params),
    onSuccess: () => {
      if (done) void message.success(done);
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' && q.queryKey[0] !== 'files.read' });
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
}
