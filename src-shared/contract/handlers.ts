/**
 * Server side of the contract: the handler map type derived from METHODS, and the one dispatch function
 * every transport calls. Params are validated before a handler runs; results are validated before they leave.
 */
import { AppError, toErrorValue, type Result } from './errors';
import {
  EVENTS,
  METHODS,
  isMethodName,
  type EventName,
  type EventPayload,
  type MethodName,
  type ParsedParams,
  type ResultOf,
} from './methods';

export type Handlers<Ctx> = {
  [M in MethodName]: (params: ParsedParams<M>, ctx: Ctx) => Promise<ResultOf<M>> | ResultOf<M>;
};

export type EventSink = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export type DispatchOptions = { onInternalError?: (method: string, err: unknown) => void };

export async function dispatch<Ctx>(
  handlers: Handlers<Ctx>,
  ctx: Ctx,
  method: unknown,
  params: unknown,
  options: DispatchOptions = {},
): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: new AppError('UNKNOWN_METHOD').toValue() };
  }
  const spec = METHODS[method];
  const parsed = spec.params.safeParse(params ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` (${first.path.join('.')})` : '';
    return { ok: false, error: { code: 'INVALID_INPUT', message: `${first?.message ?? 'Dữ liệu không hợp lệ'}${where}` } };
  }
  try {
    const handler = handlers[method] as (p: unknown, c: Ctx) => unknown;
    const value = await handler(parsed.data, ctx);
    const checked = spec.result.safeParse(value);
    if (!checked.success) {
      options.onInternalError?.(method, checked.error);
      return { ok: false, error: toErrorValue(new Error('result failed contract validation')) };
    }
    return { ok: true, value: checked.data };
  } catch (err) {
    if (!(err instanceof AppError)) options.onInternalError?.(method, err);
    return { ok: false, error: toErrorValue(err) };
  }
}

/** Validates an event payload before it is sent; an invalid payload is a bug in the core. */
export function checkEvent<E extends EventName>(name: E, payload: unknown): EventPayload<E> {
  return EVENTS[name].parse(payload) as EventPayload<E>;
}
