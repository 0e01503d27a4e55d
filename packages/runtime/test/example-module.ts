/**
 * A small module exercising the whole contract: permissions, cited preconditions, writes in any
 * order, events about several entities, a block-start timer, queries and genesis. Test-only.
 */
import type { Value } from '@djchain/crypto';
import { fail, type ModuleDef, ok, type Result } from '../src/index.ts';

const CITE = '《中国共产党发展党员工作细则》第十三条';
/** Blocks between application and the earliest approval. */
export const WAIT = 2;
/** Blocks after application when the reminder timer fires. */
export const REMIND_AFTER = 3;

const pad = (n: number) => String(n).padStart(12, '0');

function idParams(raw: Value): Result<{ id: string }> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || raw instanceof Uint8Array) {
    return fail({ code: 'DEMO_BAD_PARAMS', message: 'params must be a map' });
  }
  const id = (raw as { id?: Value }).id;
  if (typeof id !== 'string' || !/^[0-9]{1,8}$/.test(id)) {
    return fail({ code: 'DEMO_BAD_PARAMS', message: 'id must be 1 to 8 digits' });
  }
  return ok({ id });
}

interface Options {
  /** Write the `note` keys in reverse order (results must not change). */
  readonly reverseWrites?: boolean;
  /** beginBlock throws (the hook's writes must be discarded). */
  readonly brokenHook?: boolean;
  readonly name?: string;
}

export function demoModule(opts: Options = {}): ModuleDef {
  return {
    name: opts.name ?? 'demo',
    actions: {
      apply: {
        description: 'anyone applies with a fresh id',
        // Applicants come with keys no module registered yet.
        openToNewKeys: true,
        parse: idParams,
        authorize: () => ok(),
        verify: (ctx, p) =>
          ctx.store.has(`member/${p.id}`)
            ? fail({ code: 'DEMO_EXISTS', message: 'id taken', details: { id: p.id } })
            : ok(),
        execute: (ctx, p) => {
          ctx.store.set(`member/${p.id}`, { status: 'applicant', since: ctx.height, by: ctx.signerAddress });
          ctx.store.set(`due/${pad(ctx.height + REMIND_AFTER)}/${p.id}`, true);
          ctx.emit({ type: 'Applied', entities: [`member:${p.id}`], data: { id: p.id } });
        },
      },
      approve: {
        description: 'the admin approves an applicant after the waiting period',
        parse: idParams,
        authorize: (ctx) =>
          ctx.store.get('admin') === ctx.signerAddress
            ? ok()
            : fail({ code: 'DEMO_NOT_PERMITTED', message: 'only the admin approves' }),
        verify: (ctx, p) => {
          const m = ctx.store.get(`member/${p.id}`) as { status: string; since: number } | undefined;
          if (m?.status !== 'applicant')
            return fail({ code: 'DEMO_NOT_APPLICANT', message: 'not an applicant' });
          const earliest = m.since + WAIT;
          if (ctx.height < earliest) {
            return fail({
              code: 'DEMO_TOO_EARLY',
              message: 'waiting period not over',
              cite: CITE,
              details: { earliest },
            });
          }
          return ok();
        },
        execute: (ctx, p) => {
          const m = ctx.store.get(`member/${p.id}`) as { [k: string]: Value };
          ctx.store.set(`member/${p.id}`, { ...m, status: 'member' });
          ctx.emit({
            type: 'Approved',
            entities: [`member:${p.id}`, 'org:1'],
            data: { id: p.id, at: ctx.time },
          });
        },
      },
      note: {
        description: 'writes several keys (order depends on the module options) and deletes one',
        parse: (raw) => ok(raw),
        authorize: () => ok(),
        verify: () => ok(),
        execute: (ctx) => {
          const keys = ['note/a', 'note/b', 'note/c', 'note/d'];
          for (const k of opts.reverseWrites ? [...keys].reverse() : keys) ctx.store.set(k, k);
          ctx.store.delete(opts.reverseWrites ? 'note/a' : 'note/d');
          ctx.store.delete(opts.reverseWrites ? 'note/d' : 'note/a');
          ctx.emit({ type: 'Noted', entities: ['org:1'], data: { n: ctx.store.keys('note/').length } });
        },
      },
      boom: {
        description: 'writes, then throws',
        parse: (raw) => ok(raw),
        authorize: () => ok(),
        verify: () => ok(),
        execute: (ctx) => {
          ctx.store.set('boom', 1);
          throw new Error('module bug');
        },
      },
      sneaky: {
        description: 'writes during verify',
        parse: (raw) => ok(raw),
        authorize: () => ok(),
        verify: (ctx) => {
          ctx.store.set('sneaky', 1);
          return ok();
        },
        execute: () => {},
      },
    },
    queries: {
      member: {
        description: 'one member',
        run: (ctx, params) => ctx.store.get(`member/${(params as { id: string }).id}`) ?? null,
      },
      count: {
        description: 'members and applicants',
        run: (ctx) => ctx.store.keys('member/').length,
      },
    },
    // The admin is this module's one registered account.
    knowsSigner: (ctx, address) => ctx.store.get('admin') === address,
    genesis: (ctx, config) => {
      ctx.store.set('admin', (config as { admin: string }).admin);
      ctx.emit({ type: 'OrgCreated', entities: ['org:1'], data: { name: '东风社区党支部' } });
    },
    beginBlock: (ctx) => {
      ctx.store.set('ticks', ((ctx.store.get('ticks') as number | undefined) ?? 0) + 1);
      if (opts.brokenHook) throw new Error('hook bug');
      // Timers are keyed by zero-padded height, so the due ones come first in key order.
      for (const key of ctx.store.keys('due/', 100)) {
        const [, at, id] = key.split('/');
        if (Number(at) > ctx.height) break;
        ctx.store.delete(key);
        ctx.emit({ type: 'Reminder', entities: [`member:${id}`], data: { id: id ?? '' } });
      }
    },
  };
}
