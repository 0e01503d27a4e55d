/**
 * Whether the browser tests run, are skipped, or fail the run. Without Chromium a skipped
 * `describe` vanishes from node:test's counts and CI would stay green with the web app untested:
 * under CI (`CI` set and not "false"/"0") a missing browser fails the run; elsewhere every browser
 * test is marked skipped with the reason, so the summary counts it, and the reason is printed.
 */
import { existsSync } from 'node:fs';

export type BrowserGate =
  | { readonly run: true }
  | { readonly run: false; readonly fail: boolean; readonly reason: string };

export function isCi(env: Record<string, string | undefined>): boolean {
  const v = env.CI?.trim().toLowerCase();
  return v !== undefined && v !== '' && v !== 'false' && v !== '0';
}

/** Decides from the environment and the browser's executable path; `exists` is injectable for tests. */
export function browserGate(
  env: Record<string, string | undefined>,
  executable: string,
  exists: (path: string) => boolean = existsSync,
): BrowserGate {
  if (exists(executable)) return { run: true };
  const reason = `${executable} is not installed (apt-get install chromium)`;
  return { run: false, fail: isCi(env), reason };
}

/** The line printed once per file when the browser tests do not run. */
export function gateNotice(gate: BrowserGate, what: string): string | undefined {
  if (gate.run) return undefined;
  return gate.fail
    ? `# FAIL ${what}: ${gate.reason}; CI requires the browser tests to run`
    : `# SKIPPED ${what}: ${gate.reason}; each browser test is counted as skipped`;
}
