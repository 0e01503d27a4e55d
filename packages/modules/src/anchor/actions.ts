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
import {
  type AnchorRecord,
  anchorKeys,
  type ChildRecord,
  getChild,
  type RegistrationProposal,
} from './store.ts';
import {
  checkSubmission,
  DEFAULT_TRUST_DAYS,
  decodeSet,
  decodeSubmission,
  type Submission,
  setValue,
} from './verify.ts';

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
  readonly trustDays?: number;
}

/** What two registrations must agree on. */
function contentOf(p: Register, validatorsHash: string) {
  return {
    chain: p.chain,
    suite: p.suite,
    name: p.name,
    intervalMinutes: p.intervalMinutes,
    trustDays: p.trustDays ?? DEFAULT_TRUST_DAYS,
    validatorsHash,
  };
}

const sameContent = (a: ReturnType<typeof contentOf>, b: RegistrationProposal) =>
  a.chain === b.chain &&
  a.suite === b.suite &&
  a.name === b.name &&
  a.intervalMinutes === b.intervalMinutes &&
  a.trustDays === b.trustDays &&
  a.validatorsHash === b.validatorsHash;

/**
 * A child chain is trusted on the word of two of the committee, never one: the first registration
 * is a proposal, and a second post holder's identical registration (another key) makes it — or, for
 * a chain already registered, renews the trust in the set they name (after its trusting period ran
 * out, or after a set change the parent could not follow). A different registration replaces the
 * proposal, which then waits for its own second signature.
 */
export const registerChild = defineAction<Register>(M, E, {
  description:
    'Register a child chain to anchor (or renew the trust in it): its chain id, suite, validator set, the longest gap (minutes) between anchors before a warning, and the trusting period (days). Takes effect when a second post holder signs the same registration.',
  shape: {
    chain: 'id',
    suite: { type: 'text', oneOf: ['intl', 'gm'] },
    name: { type: 'text', kind: 'name' },
    validators: 'record',
    intervalMinutes: { type: 'int', min: 1, max: 527_040 },
    trustDays: { type: 'int', min: 1, max: 365, optional: true },
  },
  check: (p) => {
    const set = decodeSet(p.validators, 'validators');
    return set.ok ? okResult : set;
  },
  permission: [{ posts: ['书记', '副书记', '组织委员'], of: 'org' }],
  target: topTarget,
  verify(ctx, p) {
    if (p.chain === ctx.chainId) return failure(E.SAME_CHAIN);
    const child = getChild(ctx.store, p.chain);
    if (child && child.suite !== p.suite)
      return failure(E.BAD_PARAMS, { field: 'suite', reason: child.suite });
    return okResult;
  },
  execute(ctx, p) {
    const set = decodeSet(p.validators, 'validators');
    if (!set.ok) return;
    const hash = toHex(validatorSetHash(getSuite(p.suite), set.value));
    const content = contentOf(p, hash);
    const proposal = getRecord<RegistrationProposal>(ctx.store, anchorKeys.proposal(p.chain));
    if (!proposal || !sameContent(content, proposal) || proposal.by === ctx.signerAddress) {
      const next: RegistrationProposal = { ...content, by: ctx.signerAddress, at: ctx.time };
      ctx.store.set(anchorKeys.proposal(p.chain), asValue(next));
      emitAct(ctx, M, 'anchor.RegistrationProposed', [chainEntity(p.chain)], {
        chain: p.chain,
        validatorsHash: hash,
        by: ctx.signerAddress,
      });
      return;
    }
    ctx.store.delete(anchorKeys.proposal(p.chain));
    ctx.store.set(anchorKeys.set(p.chain, hash), setValue(set.value));
    const by: [string, string] = [proposal.by, ctx.signerAddress];
    const old = getChild(ctx.store, p.chain);
    const child: ChildRecord = old
      ? {
          ...old,
          name: p.name,
          intervalMinutes: p.intervalMinutes,
          trustDays: content.trustDays,
          renewed: { validatorsHash: hash, at: ctx.time, afterHeight: old.latest?.height ?? 0 },
          registeredBy: by,
        }
      : {
          chain: p.chain,
          suite: p.suite,
          name: p.name,
          intervalMinutes: p.intervalMinutes,
          trustDays: content.trustDays,
          registeredAt: ctx.height,
          registeredTime: ctx.time,
          genesisValidatorsHash: hash,
          registeredBy: by,
          latest: null,
        };
    ctx.store.set(anchorKeys.child(p.chain), asValue(child));
    emitAct(ctx, M, old ? 'anchor.Renewed' : 'anchor.Registered', [chainEntity(p.chain)], {
      chain: p.chain,
      suite: p.suite,
      validatorsHash: hash,
      intervalMinutes: p.intervalMinutes,
      trustDays: content.trustDays,
      by,
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
    return checkSubmission(ctx.store, child, s, ctx.time);
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
