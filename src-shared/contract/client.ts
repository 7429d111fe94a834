/**
 * Client side of the contract: a typed `call` / `on` over any transport. Errors come back as AppError.
 */
import { AppError, isErrorCode, type Result } from './errors';
import { EVENTS, METHODS, isEventName, type EventName, type EventPayload, type MethodName, type Params, type ResultOf } from './methods';

export type Transport = {
  call(method: string, params: unknown): Promise<Result<unknown>>;
  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
};

export type Client = {
  // Params may be omitted when every field is optional (zod 4 types a strict empty object as Record<string, never>).
  call<M extends MethodName>(method: M, ...params: Record<never, never> extends Params<M> ? [Params<M>?] : [Params<M>]): Promise<ResultOf<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export function createClient(transport: Transport): Client {
  return {
    async call(method, ...rest) {
      const params = rest[0] ?? {};
      const checkedParams = METHODS[method].params.safeParse(params);
      if (!checkedParams.success) {
        const first = checkedParams.error.issues[0];
        throw new AppError('INVALID_INPUT', first?.message);
      }
      const res = await transport.call(method, params);
      if (!res.ok) {
        throw new AppError(isErrorCode(res.error.code) ? res.error.code : 'INTERNAL', res.error.message);
      }
      return METHODS[method].result.parse(res.value) as never;
    },
    on(event, listener) {
      return transport.subscribe((name, payload) => {
        if (name !== event || !isEventName(name)) return;
        const parsed = EVENTS[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as never);
      });
    },
  };
}
