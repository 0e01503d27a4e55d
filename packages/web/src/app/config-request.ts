/**
 * The request for /app-config.json, started when the first script begins to run (main.tsx imports
 * this module before anything else), not after the app's code has been evaluated: on a slow mobile
 * link that is one round trip (≈ 0.6 s under "Slow 4G") less before the app renders (issue 20).
 * `chain.ts` `loadConfig` takes it once; a later call asks again.
 */
let started: Promise<Response> | null = fetch('./app-config.json', { cache: 'no-store' });
// Handled where it is taken; this keeps a failure from being reported as unhandled meanwhile.
started.catch(() => {});

/** The request started at load, the first time; a fresh one after that. */
export function configRequest(): Promise<Response> {
  const r = started ?? fetch('./app-config.json', { cache: 'no-store' });
  started = null;
  return r;
}
