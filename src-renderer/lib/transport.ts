/**
 * Picks how the renderer reaches the core: the Electron preload bridge when present, otherwise the browser
 * host's WebSocket (`/rpc?k=<token>`, token taken from the page URL). Both speak src-shared/contract.
 */
import { serverMessageSchema, type Result, type Transport } from '../../src-shared/contract';

export type VanbanBridge = {
  call(method: string, params: unknown): Promise<Result<unknown>>;
  on(listener: (name: string, payload: unknown) => void): () => void;
};

declare global {
  interface Window {
    vanban?: VanbanBridge;
  }
}

export type ConnectionState = 'connecting' | 'open' | 'closed';

export type AppTransport = Transport & {
  kind: 'electron' | 'websocket';
  /** Local link to the core (not the agency server): only the WebSocket transport can lose it. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  dispose(): void;
};

const LINK_LOST = 'Mất kết nối tới ứng dụng VanBan Desk trên máy này. Đang kết nối lại; nếu không được, hãy mở lại ứng dụng.';

export function createTransport(win: Window = window): AppTransport {
  const bridge = win.vanban;
  if (bridge) {
    return {
      kind: 'electron',
      call: (method, params) => bridge.call(method, params),
      subscribe: (listener) => bridge.on(listener),
      onConnectionChange: () => () => undefined,
      dispose: () => undefined,
    };
  }
  const token = new URLSearchParams(win.location.search).get('k') ?? '';
  const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
  return createWebSocketTransport(`${scheme}://${win.location.host}/rpc?k=${encodeURIComponent(token)}`);
}

type Pending = { resolve: (r: Result<unknown>) => void; sent: boolean; message: string };

/**
 * WebSocket transport with reconnect. Calls made while the socket is down wait for it; calls in flight when
 * it drops fail with a readable message (the core may or may not have run them, so they are not replayed).
 */
export function createWebSocketTransport(url: string): AppTransport {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let retryDelay = 250;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const setState = (s: ConnectionState) => {
    state = s;
    for (const l of connectionListeners) l(s);
  };

  const flush = () => {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    for (const p of pending.values()) {
      if (!p.sent) {
        socket.send(p.message);
        p.sent = true;
      }
    }
  };

  const connect = () => {
    if (disposed) return;
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryDelay = 250;
      setState('open');
      flush();
    };
    ws.onmessage = (ev) => {
      let parsed;
      try {
        parsed = serverMessageSchema.safeParse(JSON.parse(String(ev.data)));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const msg = parsed.data;
      if (msg.t === 'event') {
        for (const l of listeners) l(msg.name, msg.payload);
        return;
      }
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      p.resolve(msg.ok ? { ok: true, value: msg.value } : { ok: false, error: msg.error });
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      for (const [id, p] of pending) {
        if (p.sent) {
          pending.delete(id);
          p.resolve({ ok: false, error: { code: 'INTERNAL', message: LINK_LOST } });
        }
      }
      setState('closed');
      if (disposed) return;
      retryTimer = setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 5000);
    };
  };
  connect();

  return {
    kind: 'websocket',
    call(method, params) {
      const id = nextId++;
      const message = JSON.stringify({ t: 'call', id, method, params: params ?? {} });
      return new Promise((resolve) => {
        pending.set(id, { resolve, sent: false, message });
        flush();
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
    dispose() {
      disposed = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close();
    },
  };
}
