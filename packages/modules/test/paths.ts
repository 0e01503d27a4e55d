/** Canned step sequences (vectors/paths.json) run as setup for tests and vectors. */
import assert from 'node:assert/strict';
import type { Chain, Step } from './harness.ts';
import paths from './vectors/paths.json' with { type: 'json' };

export type PathStep = Step & { readonly label: string };
export const PATHS = paths as unknown as { readonly [name: string]: readonly PathStep[] };

/** Runs a path's steps up to and including the one labelled `through` (all when omitted). */
export function runPath(chain: Chain, name: string, through?: string): void {
  const steps = PATHS[name];
  assert.ok(steps, `no path ${name}`);
  if (through !== undefined)
    assert.ok(
      steps.some((s) => s.label === through),
      `no step ${through} in ${name}`,
    );
  for (const s of steps) {
    const r = chain.step(s);
    assert.equal(r.receipt.status, 'ok', `${name}/${s.label}: ${JSON.stringify(r.receipt.error)}`);
    if (s.label === through) return;
  }
}
