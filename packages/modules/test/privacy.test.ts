/**
 * The dossier invariants: every event about a member names `member:<id>`, the member's history
 * replays to its head, and no personal field (the applicant's birth date here) is in state or events.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode } from '@djchain/crypto';
import { readHead, replayHead } from '@djchain/runtime';
import { Chain } from './harness.ts';
import { runPath } from './paths.ts';

const PERSONAL_KEYS = ['name', 'birthDate', 'idNumber', 'phone', 'address', 'income', 'incomeBase'];

function walk(v: unknown, visit: (key: string | null, value: unknown) => void, key: string | null = null) {
  visit(key, v);
  if (Array.isArray(v)) for (const x of v) walk(x, visit);
  else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
    for (const [k, x] of Object.entries(v)) walk(x, visit, k);
  }
}

describe('dossier and privacy', () => {
  const chain = new Chain();
  runPath(chain, 'standard');

  it('every event naming a member in its data names it among its entities', () => {
    const entities = new Set(chain.state.keys('hist/', 10_000).map((k) => k.slice('hist/'.length)));
    let checked = 0;
    for (const entity of entities) {
      for (const e of chain.events(entity)) {
        for (const field of ['member', 'subject']) {
          const id = (e.data as { [k: string]: unknown })[field];
          if (typeof id === 'string') {
            checked++;
            assert.ok(
              e.entities.includes(`member:${id}`),
              `${e.type} about ${id} names ${e.entities.join(',')}`,
            );
          }
        }
      }
    }
    assert.ok(checked > 30);
  });

  it("the member's history replays to the head in state, from application to archive", () => {
    const events = chain.events('member:cand');
    assert.equal(events[0]?.type, 'member.Registered');
    assert.equal((events.at(-1)!.data as { action?: string }).action, 'archive');
    assert.deepEqual(replayHead(chain.suite, events), readHead(chain.state, 'member:cand').head);
  });

  it('no personal field or the birth date appears in state or events', () => {
    for (const [key, bytes] of chain.state.entries()) {
      if (key.startsWith('sys/')) continue; // the runtime's validator set (node names), not module data
      walk(decode(bytes), (k, v) => {
        // `address` and `newAddress` are key addresses (40 hex), never postal addresses.
        const keyAddress =
          (k === 'address' || k === 'newAddress') && typeof v === 'string' && /^[0-9a-f]{40}$/.test(v);
        // An organization's name (第一党支部) is public; a person's is not.
        const orgName = k === 'name' && key.startsWith('org/o/');
        assert.ok(
          k === null || keyAddress || orgName || !PERSONAL_KEYS.includes(k),
          `${key} holds a field ${k}`,
        );
        assert.notEqual(v, '2000-05-20', `${key} holds the birth date`);
      });
    }
  });
});
