/** App-wide state: the chain, the language, the large-type setting, the signed-in session, the route. */
import type { KeyPair } from '@djchain/crypto/browser';
import { createContext, useContext, useEffect, useState } from 'react';
import type { Chain } from './chain.ts';
import { AppError } from './errors.ts';
import type { Lang, Translate } from './i18n.ts';
import type { StoredSession } from './session-store.ts';

/** The stored session (session-store.ts) but its read token, with the key once opened. */
export interface Session extends Omit<StoredSession, 'read'> {
  /** The decrypted key: null after a reload until the passphrase is given again to sign (unlockKey). */
  readonly key: KeyPair | null;
}

export interface AppState {
  readonly chain: Chain;
  readonly t: Translate;
  readonly lang: Lang;
  setLang(lang: Lang): void;
  readonly largeType: boolean;
  setLargeType(on: boolean): void;
  readonly session: Session | null;
  setSession(s: Session | null): void;
  /** The session's key, asking for the passphrase first when it is not open (after a reload). */
  unlockKey(): Promise<KeyPair>;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const s = useContext(AppContext);
  if (!s) throw new AppError('WEB_NO_CONTEXT', 'AppContext missing');
  return s;
}

/** The hash route as segments: "#/member/m-1" → ["member", "m-1"]. */
function readRoute(): string[] {
  return window.location.hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((s) => s.length > 0)
    .map(decodeURIComponent);
}

export function useRoute(): string[] {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const on = () => setRoute(readRoute());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function go(...segments: string[]): void {
  window.location.hash = `#/${segments.map(encodeURIComponent).join('/')}`;
}

/** Loads async data with loading and error states; reloads when `deps` change or `reload` is called. */
export function useAsync<T>(
  fn: () => Promise<T>,
  deps: readonly unknown[],
): { data: T | undefined; error: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: deps are the caller's
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    fn().then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}
