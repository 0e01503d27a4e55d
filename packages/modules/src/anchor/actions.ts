/**
 * Anchoring (issue 19): the parent chain's committee registers a child chain (id, suite, genesis
 * validator set, anchor interval); the parent's validator nodes — or its clerks — then submit the
 * child's headers with their commit certificates, each checked here as the child's light client
 * would (verify.ts). Whoever submits, the proof is the same: it carries its own signatures.
 */
import { getSuite, toHex, type Value } from '@djchain/crypto';
import { headerHash as headerHashOf, validatorSetHash } from '@djchain/ledger';
import type { ReadContext, Result } from '@djchain/runtime';
import { defineAction } from '../common/action.ts';
import { failure, okResult } from '../common/errors.ts';
import { emitAct } from '../common/events.ts';
import { asValue, getRecord, MODULE, storeOf } from '../common/stores.ts';
import type { OrgRecord } from '../org/store.ts';
import { AnchorErrors as E } from './errors.ts';
import { type AnchorRecord, anchorKeys, type ChildRecord, getChild } from './store.ts';
import { checkSubmission, decodeSet, decodeSubmission, type Submission, setValue } from './verify.ts';

const M = MODULE.anchor;

/** The entity a child chain's events name. */
export const chainEntity = (chain: string) => `chain:${chain}`;

/** The parent's top organization (parent null): the committee that registers and is warned. */
export function topOrg(ctx: ReadContext): string | null {
  const orgs = storeOf(ctx, M, MODULE.org);
  for (const key of orgs.keys('o/', 10_000)) {
    const o = getRecord<OrgRecord>(orgs, key);
    if (o && o.parent === null) return o.id;
  }
  return null;
}

const topTarget = (ctx: ReadContext) => {
  const org = topOrg(ctx);
  return org === null ? null : { org };
};

interface Register {
  readonly chain: string;
  readonly suite: 'intl' | 'gm';
  readonly name: string;
  readonly validators: Value;
  readonly intervalMinutes: number;
}

export const registerChild = defineAction<Register>(M, E, {
  description:
    'Register a child chain to anchor: its chain id, suite, genesis validator set and the longest gap (minutes) between anchors before a warning.',
  shape: {
    chain: 'id',
    suite: { type: 'text', oneOf: ['intl', 'gm'] },
    name: { type: 'text', kind: 'name' },
    validators: 'record',
    intervalMinutes: { type: 'int', min: 1, max: 527_040 },
  },
  check: (p) => {
    const set = decodeSet(p.validators, 'validators');
    return set.ok ? okResult : set;
  },
  permission: [{ posts: ['书记', '组织委员'], of: 'org' }],
  target: topTarget,
  verify(ctx, p) {
    if (p.chain === ctx.chainId) return failure(E.SAME_CHAIN);
    if (getChild(ctx.store, p.chain)) return failure(E.EXISTS, { chain: p.chain });
    return okResult;
  },
  execute(ctx, p) {
    const set = decodeSet(p.validators, 'validators');
    if (!set.ok) return;
    const hash = toHex(validatorSetHash(getSuite(p.suite), set.value));
    const child: ChildRecord = {
      chain: p.chain,
      suite: p.suite,
      name: p.name,
      intervalMinutes: p.intervalMinutes,
      registeredAt: ctx.height,
      registeredTime: ctx.time,
      genesisValidatorsHash: hash,
      latest: null,
    };
    ctx.store.set(anchorKeys.child(p.chain), asValue(child));
    ctx.store.set(anchorKeys.set(p.chain, hash), setValue(set.value));
    emitAct(ctx, M, 'anchor.Registered', [chainEntity(p.chain)], {
      chain: p.chain,
      suite: p.suite,
      validatorsHash: hash,
      intervalMinutes: p.intervalMinutes,
    });
  },
});

export const submitAnchor = defineAction<Submission>(M, E, {
  description:
    "Anchor a child chain's header: verified with the child's light-client rules from its genesis set, following its validator-set changes.",
  shape: {
    chain: 'id',
    header: 'record',
    commit: 'record',
    validators: 'record',
    nextValidators: { type: 'record', optional: true },
  },
  decode: (shaped): Result<Submission> => decodeSubmission(shaped),
  // The parent's validator nodes relay (the relaying command signs with a node key), or its clerks.
  permission: [{ of: 'validatorNode' }, { posts: ['书记', '组织委员', '党务工作者'], of: 'org' }],
  target: topTarget,
  verify(ctx, s) {
    const child = getChild(ctx.store, s.chain);
    if (!child) return failure(E.UNKNOWN_CHAIN, { chain: s.chain });
    return checkSubmission(ctx.store, child, s);
  },
  execute(ctx, s) {
    const child = getChild(ctx.store, s.chain)!;
    const suite = getSuite(child.suite);
    const { header } = s;
    const record: AnchorRecord = {
      chain: s.chain,
      height: header.height,
      hash: toHex(headerHashOf(suite, header)),
      stateRoot: toHex(header.stateRoot),
      validatorsHash: toHex(header.validatorsHash),
      nextValidatorsHash: toHex(header.nextValidatorsHash),
      time: header.time,
      anchoredAt: ctx.height,
      anchoredTime: ctx.time,
    };
    for (const set of [s.validators, s.nextValidators]) {
      if (set) ctx.store.set(anchorKeys.set(s.chain, toHex(validatorSetHash(suite, set))), setValue(set));
    }
    ctx.store.set(anchorKeys.anchor(s.chain, header.height), asValue(record));
    ctx.store.set(anchorKeys.child(s.chain), asValue({ ...child, latest: record }));
    emitAct(ctx, M, 'anchor.Anchored', [chainEntity(s.chain)], {
      chain: s.chain,
      height: record.height,
      hash: record.hash,
      stateRoot: record.stateRoot,
      validatorsHash: record.validatorsHash,
    });
  },
});
