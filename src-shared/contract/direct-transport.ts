/** In-process transport for tests: the client calls the handlers directly, through the same validation. */
import type { Transport } from './client';
import { dispatch, type Handlers } from './handlers';

export type EventHub = {
  emit(name: string, payload: unknown): void;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
};

export function createEventHub(): EventHub {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  return {
    emit(name, payload) {
      for (const l of listeners) l(name, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function createDirectTransport<Ctx>(handlers: Handlers<Ctx>, ctx: Ctx, events: EventHub): Transport {
  return {
    // Round-trip through JSON so tests see exactly what a real transport would deliver.
    call: async (method, params) => JSON.parse(JSON.stringify(await dispatch(handlers, ctx, method, JSON.parse(JSON.stringify(params ?? {}))))),
    subscribe: (listener) => events.subscribe(listener),
  };
}
