/**
 * A tiny module for the node's tests: `put` stores a value under an id and emits an event about
 * member:<id>; `fail` always fails verification with a coded, cited error; a block-start hook
 * counts blocks; queries read one value and list ids. Test-only: the node's tests, the CLI's
 * process tests and the throughput benchmarks load it (`KV_MODULES_FILE` for `extraModules`).
 */
import type { Value } from '@djchain/crypto';
import { fail, type ModuleDef, ok, type Result } from '@djchain/runtime';

function parsePut(raw: Value): Result<{ id: string; value: string }> {
  const p = raw as { id?: Value; value?: Value } | null;
  if (typeof p !== 'object' || p === null || typeof p.id !== 'string' || !/^[0-9a-z]{1,16}$/.test(p.id)) {
    return fail({ code: 'KV_BAD_PARAMS', message: 'id must be 1 to 16 lowercase letters or digits' });
  }
  if (typeof p.value !== 'string' || p.value.length > 256) {
    return fail({ code: 'KV_BAD_PARAMS', message: 'value must be a string of at most 256 characters' });
  }
  return ok({ id: p.id, value: p.value });
}

export const kvModule: ModuleDef = {
  name: 'kv',
  actions: {
    put: {
      description: 'stores a value under an id',
      parse: parsePut,
      authorize: () => ok(),
      verify: () => ok(),
      execute: (ctx, p: { id: string; value: string }) => {
        ctx.store.set(`item/${p.id}`, { value: p.value, by: ctx.signerAddress, at: ctx.height });
        ctx.emit({ type: 'Put', entities: [`member:${p.id}`], data: { value: p.value } });
      },
    },
    fail: {
      description: 'always refused',
      parse: (raw) => ok(raw),
      authorize: () => ok(),
      verify: () =>
        fail({
          code: 'KV_REFUSED',
          message: 'refused on purpose',
          cite: '《测试规则》第一条',
          details: { n: 1 },
        }),
      execute: () => {},
    },
  },
  queries: {
    item: {
      description: 'one item or null',
      run: (ctx, params) => ctx.store.get(`item/${(params as { id: string }).id}`) ?? null,
    },
    ids: {
      description: 'ids in order',
      run: (ctx) => ctx.store.keys('item/', 1000).map((k) => k.slice('item/'.length)),
    },
  },
  genesis: (ctx, config) => {
    ctx.store.set('label', (config as { label?: string } | null)?.label ?? 'kv');
  },
  beginBlock: (ctx) => {
    ctx.store.set('blocks', ((ctx.store.get('blocks') as number | undefined) ?? 0) + 1);
  },
  // The tests' world has no member registry: every key counts as a registered account.
  knowsSigner: () => true,
};

/** A file for config.json `extraModules` that loads the kv module into `djchain start`. */
export const KV_MODULES_FILE: string = new URL('./kv-modules.ts', import.meta.url).pathname;
