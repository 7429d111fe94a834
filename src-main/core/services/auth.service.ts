/**
 * Sign-in on this desktop: online against the server, or offline from the cached scrypt verifier.
 * Owns the in-memory session. The session token lives only in the SecretStore (never SQLite, never the renderer);
 * the password is kept in memory only, so a session unlocked offline can re-authenticate silently later.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import type { Session } from '../../../src-shared/contract/methods';
import { organizationSchema, userSchema, type Organization, type User } from '../../../src-shared/domain/entities';
import type { LoginResponse } from '../../../src-shared/sync/protocol';
import { clearReplicaForUser } from '../db/replica-reset';
import type { SecretStore } from '../settings';
import type { ServerApi } from '../sync/server-api';
import { hashPassword, verifyPassword } from './password-verifier';

export const TOKEN_KEY = 'vanban.session.token';
export const SESSION_EXPIRED_MESSAGE = 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại để tiếp tục đồng bộ.';

export type SignedIn = { user: User; organization: Organization; offline: boolean };
export type OnlineCheck = 'online' | 'expired' | 'signedOut';

export type AuthDeps = {
  sqlite: Database.Database;
  api: ServerApi;
  secrets: SecretStore;
  serverUrl: () => string;
  emitSession: (session: Session) => void;
  /** Removes cached file bytes of the previous user. */
  clearFileCache: () => void;
  deviceName: string;
};

type AuthCacheRow = { username: string; user_id: string; user_json: string; org_json: string; verifier: string };

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: AuthDeps) {
  const { sqlite, api, secrets } = deps;
  let current: SignedIn | null = null;
  let password: string | null = null;
  /** The server refused our credentials; stay offline until the user signs in again. */
  let expired = false;

  const clientId = () => sqlite.prepare('SELECT client_id FROM sync_state WHERE id = 1').pluck().get() as string;
  const replicaUserId = () => sqlite.prepare('SELECT user_id FROM sync_state WHERE id = 1').pluck().get() as string | null;
  const cachedByUsername = (username: string) =>
    sqlite.prepare('SELECT * FROM auth_cache WHERE lower(username) = lower(?)').get(username) as AuthCacheRow | undefined;

  function session(): Session {
    if (!current) {
      const last = sqlite.prepare('SELECT username FROM auth_cache ORDER BY updated_at DESC LIMIT 1').pluck().get() as
        | string
        | undefined;
      return { state: 'signedOut', lastUsername: last ?? null, serverUrl: deps.serverUrl() };
    }
    return { state: 'signedIn', ...current, serverUrl: deps.serverUrl() };
  }

  function setCurrent(next: SignedIn | null): void {
    current = next;
    deps.emitSession(session());
  }

  async function adoptOnlineLogin(res: LoginResponse, pw: string): Promise<void> {
    const previous = replicaUserId();
    if (previous && previous !== res.user.id) {
      const pending = sqlite.prepare("SELECT count(*) FROM outbox WHERE status = 'pending'").pluck().get() as number;
      if (pending > 0) {
        const prevName =
          (sqlite.prepare('SELECT username FROM auth_cache WHERE user_id = ?').pluck().get(previous) as string | undefined) ??
          'trước';
        throw new AppError(
          'CONFLICT',
          `Máy này còn ${pending} thao tác của tài khoản ${prevName} chưa gửi lên máy chủ. ` +
            `Hãy đăng nhập bằng tài khoản ${prevName} khi có mạng để đồng bộ xong, rồi mới đổi tài khoản.`,
        );
      }
      clearReplicaForUser(sqlite, res.user.id);
      deps.clearFileCache();
    } else if (!previous) {
      sqlite.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1').run(res.user.id);
    }
    const verifier = await hashPassword(pw);
    sqlite.transaction(() => {
      // One data dir = one user: only that user's verifier is kept.
      sqlite.prepare('DELETE FROM auth_cache WHERE user_id <> ?').run(res.user.id);
      sqlite
        .prepare(
          `INSERT INTO auth_cache (username, user_id, user_json, org_json, verifier, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(username) DO UPDATE SET user_id = excluded.user_id, user_json = excluded.user_json,
             org_json = excluded.org_json, verifier = excluded.verifier, updated_at = excluded.updated_at`,
        )
        .run(res.user.username, res.user.id, JSON.stringify(res.user), JSON.stringify(res.organization), verifier, new Date().toISOString());
    })();
    await secrets.set(TOKEN_KEY, res.token);
    password = pw;
    expired = false;
    setCurrent({ user: res.user, organization: res.organization, offline: false });
  }

  async function offlineUnlock(username: string, pw: string): Promise<Session> {
    const row = cachedByUsername(username);
    if (!row) throw new AppError('NO_OFFLINE_LOGIN');
    if (!(await verifyPassword(pw, row.verifier))) {
      throw new AppError('BAD_CREDENTIALS', 'Mật khẩu không khớp với lần đăng nhập gần nhất trên máy này. Vui lòng nhập lại.');
    }
    password = pw;
    // With the password known again, the engine may retry a silent sign-in once the server answers.
    expired = false;
    setCurrent({
      user: userSchema.parse(JSON.parse(row.user_json)),
      organization: organizationSchema.parse(JSON.parse(row.org_json)),
      offline: true,
    });
    return session();
  }

  async function silentLogin(): Promise<OnlineCheck> {
    if (!current) return 'signedOut';
    if (!password) {
      expired = true;
      return 'expired';
    }
    let res: LoginResponse;
    try {
      res = await api.login({ username: current.user.username, password, clientId: clientId(), deviceName: deps.deviceName });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'BAD_CREDENTIALS' || err.code === 'UNAUTHENTICATED' || err.code === 'FORBIDDEN')) {
        expired = true;
        return 'expired';
      }
      throw err;
    }
    if (res.user.id !== current.user.id) {
      expired = true;
      return 'expired';
    }
    await adoptOnlineLogin(res, password);
    return 'online';
  }

  return {
    session,
    current: () => current,
    isExpired: () => expired,

    requireUser(): User {
      if (!current) throw new AppError('UNAUTHENTICATED');
      return current.user;
    },

    async login(username: string, pw: string): Promise<Session> {
      let res: LoginResponse;
      try {
        res = await api.login({ username, password: pw, clientId: clientId(), deviceName: deps.deviceName });
      } catch (err) {
        if (err instanceof AppError && err.code === 'SERVER_UNREACHABLE') return offlineUnlock(username, pw);
        if (err instanceof AppError && err.code === 'UNAUTHENTICATED') throw new AppError('BAD_CREDENTIALS');
        throw err;
      }
      await adoptOnlineLogin(res, pw);
      return session();
    },

    async logout(): Promise<Session> {
      try {
        if (current && !current.offline) await api.logout();
      } catch {
        // The server forgets the token on its own when it expires; signing out locally must always work.
      }
      await secrets.delete(TOKEN_KEY);
      password = null;
      expired = false;
      setCurrent(null);
      return session();
    },

    /** At startup: a stored token means the user stays signed in (offline until the server confirms). */
    async restore(): Promise<void> {
      const token = await secrets.get(TOKEN_KEY);
      const userId = replicaUserId();
      if (!token || !userId) return;
      const row = sqlite.prepare('SELECT * FROM auth_cache WHERE user_id = ?').get(userId) as AuthCacheRow | undefined;
      if (!row) return;
      current = {
        user: userSchema.parse(JSON.parse(row.user_json)),
        organization: organizationSchema.parse(JSON.parse(row.org_json)),
        offline: true,
      };
    },

    /** Called by the sync engine before talking to the server: confirms or re-establishes the online session. */
    async ensureOnline(): Promise<OnlineCheck> {
      if (!current) return 'signedOut';
      if (expired) return 'expired';
      if (!current.offline) return 'online';
      const token = await secrets.get(TOKEN_KEY);
      if (token) {
        try {
          const me = await api.me();
          if (me.user.id === current.user.id) {
            setCurrent({ user: me.user, organization: me.organization, offline: false });
            return 'online';
          }
        } catch (err) {
          if (!(err instanceof AppError) || (err.code !== 'UNAUTHENTICATED' && err.code !== 'SESSION_EXPIRED')) throw err;
        }
        await secrets.delete(TOKEN_KEY);
      }
      return silentLogin();
    },

    /** The server refused the stored token mid-sync: drop it, go offline, try the in-memory password once. */
    async tokenRejected(): Promise<OnlineCheck> {
      await secrets.delete(TOKEN_KEY);
      if (current) setCurrent({ ...current, offline: true });
      return silentLogin();
    },
  };
}
