/**
 * Hands the contract client to components through React context (no module-level singleton), and keeps
 * TanStack Query in step with the core: `data.changed` refetches, `auth.changed` replaces the session,
 * `sync.status` replaces the sync status, `intake.fileArrived` refreshes the scan-folder list, and a restored link to the core refetches everything.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Client } from '../../src-shared/contract';
import type { AppTransport, ConnectionState } from './transport';

export type Api = { client: Client; transport: AppTransport };

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  const queryClient = useQueryClient();
  useEffect(() => {
    const offs = [
      // File bytes are content-addressed (the key holds the SHA-256): once read they never change, so a sync does not
      // download and re-render open PDFs again. A read that failed (offline) is retried like everything else.
      api.client.on('data.changed', () =>
        void queryClient.invalidateQueries({
          predicate: (q) => q.queryKey[0] !== 'session' && !(q.queryKey[0] === 'files.read' && q.state.status === 'success'),
        }),
      ),
      api.client.on('auth.changed', (session) => {
        queryClient.setQueryData(['session'], session);
        void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      }),
      api.client.on('sync.status', (status) => queryClient.setQueryData(['sync.status'], status)),
      api.client.on('intake.fileArrived', () => void queryClient.invalidateQueries({ queryKey: ['intake.listArrived'] })),
    ];
    let wasClosed = false;
    offs.push(
      api.transport.onConnectionChange((state) => {
        if (state === 'closed') wasClosed = true;
        if (state === 'open' && wasClosed) {
          wasClosed = false;
          void queryClient.invalidateQueries();
        }
      }),
    );
    return () => offs.forEach((off) => off());
  }, [api, queryClient]);
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): Client {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api.client;
}

export function useCoreLink(): ConnectionState {
  const api = useContext(ApiContext);
  const [state, setState] = useState<ConnectionState>('open');
  useEffect(() => api?.transport.onConnectionChange(setState), [api]);
  return state;
}
