/**
 * The node of the dues command tests (commands-dues, dues-sheets): a test chain with `members`,
 * started before the file's tests and stopped after them, its vault and bases files, and
 * `djchain dues …` run against it as the branch secretary.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { djchain } from '@djchain/testkit/process';
import { chainArgs, secretaryArgs, startTestChain, type TestChain } from './commands-node.ts';

export interface DuesNode {
  /** The chain (once the file's `before` has started it). */
  readonly chain: TestChain;
  vault(): string;
  bases(): string;
  dues(args: string[]): ReturnType<typeof djchain>;
}

export function duesNode(members: readonly { id: string; org: string }[]): DuesNode {
  let chain: TestChain | undefined;
  before(async () => {
    chain = await startTestChain({ members });
  });
  after(() => chain?.stop());
  const node: DuesNode = {
    get chain() {
      assert.ok(chain, 'the dues node is started (before)');
      return chain;
    },
    vault: () => join(node.chain.root, 'vault.json'),
    bases: () => join(node.chain.root, 'dues-bases.jsonl'),
    dues: (args) => djchain(['dues', ...args, ...chainArgs(node.chain), ...secretaryArgs(node.chain)]),
  };
  return node;
}
