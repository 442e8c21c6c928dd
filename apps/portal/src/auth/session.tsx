import type { Role } from '@fair-recruit/domain';
import {
  createContext,
  use,
  useCallback,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { Navigate, useLocation } from 'react-router';
import { api, ApiError } from '../api/client';

/** Who is signed in to the console (GET /auth/me). */
export interface Principal {
  userId: string | null;
  email: string;
  role: Role;
  jurisdictions: string[];
}

interface Session {
  token: string | null;
  principal: Principal | null;
  /** True until a stored token has been checked with the API. */
  checking: boolean;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** Forget a token the API no longer accepts (a 401 anywhere in the console). */
  expired: () => void;
}

// Per tab, gone when the tab closes: a shared computer at a regulator's office keeps no session.
const STORAGE_KEY = 'fair-recruit.session';

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(STORAGE_KEY));
  const [principal, setPrincipal] = useState<Principal | null>(null);
  const [checking, setChecking] = useState(token !== null);

  const forget = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setToken(null);
    setPrincipal(null);
  }, []);

  useEffect(() => {
    if (!token || principal) return;
    let live = true;
    setChecking(true);
    api<Principal>('/auth/me', { token })
      .then((me) => live && setPrincipal(me))
      .catch((error: unknown) => {
        if (live && error instanceof ApiError && error.status === 401) forget();
      })
      .finally(() => live && setChecking(false));
    return () => {
      live = false;
    };
  }, [token, principal, forget]);

  const session = useMemo<Session>(
    () => ({
      token,
      principal,
      checking,
      async login(email, password) {
        const { accessToken } = await api<{ accessToken: string }>('/auth/login', {
          method: 'POST',
          body: { email, password },
        });
        const me = await api<Principal>('/auth/me', { token: accessToken });
        sessionStorage.setItem(STORAGE_KEY, accessToken);
        setToken(accessToken);
        setPrincipal(me);
      },
      async logout() {
        if (token) await api('/auth/logout', { method: 'POST', token }).catch(() => undefined);
        forget();
      },
      expired: forget,
    }),
    [token, principal, checking, forget],
  );
  return <SessionContext value={session}>{children}</SessionContext>;
}

export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Console pages: sends a visitor without a session to the login page, then back. */
export function RequireLogin({ children, roles }: { children: ReactNode; roles?: Role[] }) {
  const { token, principal, checking } = useSession();
  const location = useLocation();
  if (!token) {
    return (
      <Navigate to="/console/login" replace state={{ from: location.pathname + location.search }} />
    );
  }
  if (checking || !principal) return null;
  if (roles && !roles.includes(principal.role)) return <Navigate to="/console" replace />;
  return children;
}
