/**
 * The contract over WebSocket: each message is validated as a call, dispatched to the core's handlers and
 * answered with a result message; core events go to every connected socket. Same `dispatch` as Electron IPC.
 */
import type { WebSocket, WebSocketServer } from 'ws';
import { callMessageSchema, dispatch, type EventHub, type Handlers, type ResultMessage } from '../../src-shared/contract';

export type HostedCore<Ctx> = { handlers: Handlers<Ctx>; ctx: Ctx; events: EventHub };

export type Logger = { warn(message: string, err?: unknown): void; error(message: string, err?: unknown): void };

function send(ws: WebSocket, message: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

export function bridgeContract<Ctx>(wss: WebSocketServer, core: HostedCore<Ctx>, log: Logger): () => void {
  const unsubscribe = core.events.subscribe((name, payload) => {
    const text = JSON.stringify({ t: 'event', name, payload });
    for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.close(1003, 'text frames only');
        return;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(data.toString());
      } catch {
        ws.close(1007, 'invalid JSON');
        return;
      }
      const call = callMessageSchema.safeParse(raw);
      if (!call.success) {
        // Without a valid id there is nobody to answer; a client that sends garbage is not ours.
        const id = typeof raw === 'object' && raw !== null && 'id' in raw && Number.isInteger(raw.id) ? (raw.id as number) : null;
        if (id === null) {
          ws.close(1008, 'invalid message');
          return;
        }
        const answer: ResultMessage = { t: 'result', id, ok: false, error: { code: 'INVALID_INPUT', message: 'Tin nhắn không hợp lệ.' } };
        send(ws, answer);
        return;
      }
      const { id, method, params } = call.data;
      void dispatch(core.handlers, core.ctx, method, params, {
        onInternalError: (m, err) => log.error(`rpc ${m} failed`, err),
      }).then(
        (result) => send(ws, result.ok ? { t: 'result', id, ok: true, value: result.value } : { t: 'result', id, ok: false, error: result.error }),
        (err: unknown) => {
          log.error(`rpc ${method} threw outside dispatch`, err);
          send(ws, { t: 'result', id, ok: false, error: { code: 'INTERNAL', message: 'Đã xảy ra lỗi ngoài dự kiến. Vui lòng thử lại.' } });
        },
      );
    });
    ws.on('error', (err) => log.warn('websocket error', err));
  });

  return unsubscribe;
}
