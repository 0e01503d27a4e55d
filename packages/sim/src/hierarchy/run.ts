/**
 * The hierarchy simulation (issue 19, "Here and at scale"): community chains anchored on street
 * chains, street chains anchored on district chains, and a sample of 组织关系转接 between
 * communities of different streets — with the REAL anchoring and transfer code: every parent and
 * every community of the transfer sample is the node's `Application` running every module
 * (sim-chain.ts); the other communities are light models signing real headers over a real state
 * tree (light-community.ts). Time is simulated (minutes from a fixed genesis), every choice comes
 * from one seeded stream: the same options give the same report, byte for byte, except the CPU
 * figures under `measured`.
 *
 * Each minute: (A) the full communities run what is queued for them (a release, an admission, a
 * reclaim) and, at their anchor tick, a block; (B) every child due at this minute has its latest
 * header relayed (a light community makes one) to its parent, and a community of the sample also
 * to its partner; a faulty relayer sometimes sends a forged header first; (C) the parents and the
 * communities of the sample put what they received into a block.
 */
import { getSuite, toHex } from '@djchain/crypto';
import {
  commitToValue,
  encodeCommit,
  encodeReceipt,
  headerToValue,
  type ValidatorSet,
  validatorSetToValue,
} from '@djchain/ledger';
import { SimError } from '../errors.ts';
import { Prng } from '../prng.ts';
import { conclude } from './conclude.ts';
import { communityGenesis, keysOf, parentGenesis } from './genesis.ts';
import { LightCommunity } from './light-community.ts';
import {
  type Child,
  chinaDate,
  cpuMs,
  DAY_MINUTES,
  defaultHierarchyOptions,
  HIERARCHY_EPOCH,
  type HierarchyOptions,
  type HierarchyReport,
  type Level,
  MINUTE,
  START,
  type Submitted,
  sum,
  type Transfer,
} from './model.ts';
import { type Committed, SimChain, type TxOutcome } from './sim-chain.ts';

export { reportDigest } from './conclude.ts';
export {
  defaultHierarchyOptions,
  type HierarchyOptions,
  type HierarchyReport,
} from './model.ts';

export function runHierarchy(
  opts: HierarchyOptions = defaultHierarchyOptions,
  deps: { readonly progress?: (line: string) => void } = {},
): HierarchyReport {
  const suite = getSuite('intl');
  const prng = new Prng(opts.seed);
  const interval = opts.intervalMinutes;
  const ticksPerChild = Math.floor((opts.days * DAY_MINUTES) / interval);
  const end = START + opts.days * DAY_MINUTES + 2;
  const at = (minute: number, seconds = 0) => HIERARCHY_EPOCH + minute * MINUTE + seconds * 1000;

  // The chains.
  const full = (chainId: string, make: (keys: ReturnType<typeof keysOf>) => SimChain) =>
    make(keysOf(suite, chainId));
  const districts = Array.from({ length: opts.districts }, (_, d) => {
    const id = `district-${d + 1}`;
    return full(
      id,
      (k) =>
        new SimChain(suite, parentGenesis(suite, id, `第${d + 1}区委`, HIERARCHY_EPOCH, k), k, [
          'v0',
          'v1',
          'v2',
          'v3',
        ]),
    );
  });
  const streets = Array.from({ length: opts.streets }, (_, s) => {
    const id = `street-${String(s + 1).padStart(2, '0')}`;
    return full(
      id,
      (k) =>
        new SimChain(suite, parentGenesis(suite, id, `第${s + 1}街道党工委`, HIERARCHY_EPOCH, k), k, [
          'v0',
          'v1',
          'v2',
          'v3',
        ]),
    );
  });
  const streetOf = (c: number) => c % opts.streets;
  const level = new Map<SimChain, Level>();
  for (const d of districts) level.set(d, 'district');
  for (const s of streets) level.set(s, 'street');

  // The transfer sample: pairs of communities of different streets, each run in full.
  const pairs: [number, number][] = [];
  const used = new Set<number>();
  const free = (c: number) => !used.has(c);
  // The last community stays light (it is the silent one); each transfer takes two others.
  const wanted = Math.min(opts.transfers, Math.floor((opts.communities - 1) / 2));
  for (let tries = 0; pairs.length < wanted; tries++) {
    if (tries > 100_000)
      throw new SimError(
        'SIM_BAD_ARGUMENT',
        'not enough communities of different streets for the transfers',
        {
          transfers: opts.transfers,
        },
      );
    const a = prng.int(opts.communities - 1);
    const b = prng.int(opts.communities - 1);
    if (!free(a) || !free(b) || streetOf(a) === streetOf(b)) continue;
    used.add(a);
    used.add(b);
    pairs.push([a, b]);
  }
  const communities: Child[] = Array.from({ length: opts.communities }, (_, c) => {
    const id = `community-${String(c + 1).padStart(4, '0')}`;
    const parents = [streets[streetOf(c)]!];
    const phase = prng.int(interval);
    if (used.has(c)) {
      const k = keysOf(suite, id);
      const chain = new SimChain(
        suite,
        communityGenesis(suite, id, HIERARCHY_EPOCH, k, opts.communityMembers),
        k,
        ['v0', 'v1', 'v2', 'v3'],
      );
      level.set(chain, 'community');
      return { chain: id, full: chain, parents, phase, silentFrom: -1, ticks: 0, relayed: 0 };
    }
    const members = prng.range(opts.lightMembers[0], opts.lightMembers[1]);
    const light = new LightCommunity(suite, id, HIERARCHY_EPOCH, members);
    return { chain: id, light, parents, phase, silentFrom: -1, ticks: 0, relayed: 0 };
  });
  const silent = [...communities].reverse().find((c) => c.light);
  if (silent && opts.silentTicks > 0) silent.silentFrom = 2;
  const streetChildren: Child[] = streets.map((s, i) => ({
    chain: s.chainId,
    full: s,
    parents: [districts[i % opts.districts]!],
    phase: prng.int(interval),
    silentFrom: -1,
    ticks: 0,
    relayed: 0,
  }));
  for (const [a, b] of pairs) {
    communities[a]!.parents.push(communities[b]!.full!);
    communities[b]!.parents.push(communities[a]!.full!);
  }
  const transfers: Transfer[] = pairs.map(([a, b], i) => ({
    id: `xt${i + 1}`,
    from: communities[a]!,
    to: communities[b]!,
    member: `m${prng.int(opts.communityMembers)}`,
    // Released on the first day between 09:00 and 15:59.
    minute: 9 * 60 + prng.int(7 * 60),
    // Every third release is left to expire and is reclaimed.
    admit: i % 3 !== 2,
    admissions: 0,
  }));

  // Accounting, per parent chain.
  const submitted = new Map<SimChain, Submitted>();
  const acct = (p: SimChain) => {
    let s = submitted.get(p);
    if (!s) {
      s = { accepted: 0, refused: new Map(), txBytes: 0, receiptBytes: 0 };
      submitted.set(p, s);
    }
    return s;
  };
  const forged = { tried: 0, refused: 0, codes: new Map<string, number>() };
  let setChanges = 0;
  const unexpected: string[] = [];
  const cpu = { street: 0, district: 0, community: 0 };
  const admissionCpu: number[] = [];
  let commitBytes = 0;
  let anchorTxBytes = 0;

  // Registration: two of each parent's committee sign the same registration of each child.
  const register = (
    parent: SimChain,
    child: string,
    set: ValidatorSet,
    name: string,
    signers: [string, string],
  ) => {
    const params = {
      chain: child,
      suite: 'intl',
      name,
      validators: validatorSetToValue(set),
      // A grace of 5 minutes over the interval before the parent warns.
      intervalMinutes: interval + 5,
    };
    for (const by of signers)
      parent.queue.push({
        by,
        module: 'anchor',
        action: 'register',
        params,
        done: (o) => {
          if (o.receipt.status !== 'ok')
            unexpected.push(`register ${child} on ${parent.chainId}: ${o.receipt.error?.code}`);
        },
      });
  };
  const genesisSet = (c: Child) => (c.light ? c.light.genesisSet : c.full!.app.validators(1));
  for (const c of communities) {
    for (const p of c.parents) {
      const signers: [string, string] = level.get(p) === 'community' ? ['c.sec', 'c.org'] : ['sec', 'org'];
      register(p, c.chain, genesisSet(c), '社区链', signers);
    }
  }
  for (const s of streetChildren) register(s.parents[0]!, s.chain, genesisSet(s), '街道链', ['sec', 'org']);
  const allFull = [...districts, ...streets, ...communities.flatMap((c) => (c.full ? [c.full] : []))];
  for (const ch of allFull) ch.flush(at(1), true);
  const bytesAtStart = new Map(allFull.map((ch) => [ch, ch.bytes()]));
  const blocksAtStart = new Map(allFull.map((ch) => [ch, ch.blocks]));

  // Who relays: a validator node of the receiving chain (its key `v0`).
  const relay = (child: Child, parent: SimChain, block: Committed, forgedKind?: string) => {
    const changes = toHex(block.header.nextValidatorsHash) !== toHex(block.header.validatorsHash);
    let header = block.header;
    let commit = block.commit;
    if (forgedKind) {
      header = { ...header, stateRoot: suite.hash(new TextEncoder().encode(`forged ${header.height}`)) };
      if (forgedKind === 'strangers') commit = child.light!.forgedCommit(header, block.set);
    }
    const params = {
      chain: child.chain,
      header: headerToValue(header),
      commit: commitToValue(commit),
      validators: validatorSetToValue(block.set),
      ...(changes ? { nextValidators: validatorSetToValue(block.nextSet) } : {}),
    };
    parent.queue.push({
      by: 'v0',
      module: 'anchor',
      action: 'submit',
      params,
      done: (o, where) => anchored(child, parent, block, o, where, forgedKind),
    });
  };

  const anchored = (
    child: Child,
    parent: SimChain,
    block: Committed,
    o: TxOutcome,
    where: { height: number; time: number },
    forgedKind: string | undefined,
  ) => {
    const a = acct(parent);
    a.txBytes += o.txBytes;
    a.receiptBytes += encodeReceipt(o.receipt).length;
    if (forgedKind) {
      forged.tried++;
      if (o.receipt.status !== 'ok') {
        forged.refused++;
        const code = o.receipt.error?.code ?? '?';
        forged.codes.set(code, (forged.codes.get(code) ?? 0) + 1);
      }
    }
    if (o.receipt.status !== 'ok') {
      const code = o.receipt.error?.code ?? '?';
      a.refused.set(code, (a.refused.get(code) ?? 0) + 1);
      if (!forgedKind)
        unexpected.push(`anchor of ${child.chain}@${block.header.height} on ${parent.chainId}: ${code}`);
      return;
    }
    a.accepted++;
    anchorTxBytes = Math.max(anchorTxBytes, o.txBytes);
    commitBytes = encodeCommit(block.commit).length;
    const h = block.header.height;
    for (const t of transfers) {
      if (!t.released) continue;
      // The release's header (or a later one) on the sender's street, then the street on its district.
      if (t.from === child && level.get(parent) === 'street' && !t.onStreet && h >= t.released.height)
        t.onStreet = { time: where.time, streetHeight: where.height };
      if (
        t.onStreet &&
        !t.onDistrict &&
        level.get(parent) === 'district' &&
        child.full === streets[streetOf(communities.indexOf(t.from))] &&
        h >= t.onStreet.streetHeight
      )
        t.onDistrict = where.time;
      // On the receiver: the clerk admits with the dossier proved at this height.
      if (t.from === child && parent === t.to.full && !t.anchoredOnReceiver && h >= t.released.height) {
        t.anchoredOnReceiver = { height: h, time: where.time };
        if (t.admit) {
          admit(t, h, `f-${t.id}`, true);
          admit(t, h, `n-${t.id}`);
        }
      }
      // On the sender: a header of the receiver dated after the last valid day proves (or not) the absence.
      if (
        t.to === child &&
        parent === t.from.full &&
        !t.reclaim &&
        chinaDate(block.header.time) > chinaDate(t.released.time)
      )
        reclaim(t, h);
    }
  };

  const admit = (t: Transfer, height: number, id: string, forge = false) => {
    const A = t.from.full!;
    const B = t.to.full!;
    const release = A.prove(`transfer/t/${t.id}`, height);
    const history = A.prove(`hist/member:${t.member}`, height);
    // The forger shows another member's (shorter) history under this member's proof.
    const other = forge
      ? A.prove(`hist/member:${t.member === 'm0' ? 'm1' : 'm0'}`, height).value!
      : undefined;
    const params = {
      id,
      address: B.address(id),
      org: 'b1',
      fromChain: A.chainId,
      transfer: t.id,
      height,
      transferValue: release.value!,
      transferProof: release.proof,
      historyValue: other ?? history.value!,
      historyProof: history.proof,
    };
    B.queue.push({
      by: 'b1.sec',
      module: 'member',
      action: 'admitTransfer',
      params,
      done: (o, where) => {
        if (forge) t.forgedDossier = o.receipt.error?.code ?? 'ok';
        if (o.receipt.status === 'ok') {
          t.admissions++;
          t.admitted ??= where.time;
          t.dossierBytes = {
            transferProof: release.proof.length,
            historyProof: history.proof.length,
            values: release.value!.length + history.value!.length,
            tx: o.txBytes,
          };
          // A replay of the same dossier under another id.
          if (id === `n-${t.id}`) admit(t, height, `r-${t.id}`);
        } else if (id === `r-${t.id}`) t.replay = o.receipt.error?.code ?? '?';
        else if (!forge) unexpected.push(`admission ${t.id}: ${o.receipt.error?.code}`);
      },
    });
  };

  const reclaim = (t: Transfer, height: number) => {
    const A = t.from.full!;
    const B = t.to.full!;
    t.reclaim = 'pending';
    const { proof } = B.prove(`member/xin/${A.chainId}/${t.id}`, height);
    A.queue.push({
      by: 'b1.sec',
      module: 'transfer',
      action: 'reclaimRelease',
      params: { id: t.id, height, proof },
      done: (o) => {
        t.reclaim = o.receipt.status === 'ok' ? 'ok' : (o.receipt.error?.code ?? '?');
      },
    });
  };

  // Ticks by minute.
  const due = new Map<number, Child[]>();
  for (const c of [...communities, ...streetChildren]) {
    for (let k = 0; k < ticksPerChild; k++) {
      const m = START + c.phase + k * interval;
      const list = due.get(m) ?? [];
      list.push(c);
      due.set(m, list);
    }
  }
  const releases = new Map<number, Transfer[]>();
  for (const t of transfers) releases.set(t.minute, [...(releases.get(t.minute) ?? []), t]);
  const setChangeChance = (opts.setChangesPerDay * interval) / DAY_MINUTES;

  const flush = (ch: SimChain, time: number, always = false) => {
    const admissions = ch.queue.filter((p) => p.action === 'admitTransfer').length;
    const alone = admissions === ch.queue.length;
    const ms = cpuMs(() => ch.flush(time, always));
    cpu[level.get(ch)!] += ms;
    // An admission's own cost: its block against the empty block made just before on the same chain.
    if (admissions > 0 && alone) admissionCpu.push((ch.lastCpu.blockMs - ch.lastCpu.emptyMs) / admissions);
  };

  for (let m = 2; m < end; m++) {
    if (deps.progress && m % 360 === 0)
      deps.progress(
        `… simulated ${(m / 60).toFixed(0)} h of ${((end - 2) / 60).toFixed(0)}, ${sum([...submitted.values()].map((x) => x.accepted))} anchors`,
      );
    // (A) the full communities' own acts, and a block at each anchor tick.
    for (const t of releases.get(m) ?? []) {
      t.from.full!.queue.push({
        by: 'b1.sec',
        module: 'transfer',
        action: 'releaseOut',
        params: {
          id: t.id,
          member: t.member,
          toChain: t.to.chain,
          to: 'b1',
          reason: '工作调动',
          validDays: 1,
        },
        done: (o, where) => {
          if (o.receipt.status === 'ok') t.released = where;
          else unexpected.push(`release ${t.id}: ${o.receipt.error?.code}`);
        },
      });
    }
    const dueNow = due.get(m) ?? [];
    const ticking = new Set(dueNow.filter((c) => c.full).map((c) => c.full!));
    for (const c of communities) if (c.full) flush(c.full, at(m), ticking.has(c.full));
    for (const s of streets) if (ticking.has(s)) flush(s, at(m), true);
    // (B) relays.
    for (const c of dueNow) {
      const tick = c.ticks++;
      if (c.silentFrom >= 0 && tick >= c.silentFrom && tick < c.silentFrom + opts.silentTicks) continue;
      let block: Committed | null;
      if (c.light) {
        const change = prng.chance(setChangeChance);
        if (change) setChanges++;
        block = c.light.header(at(m), prng, prng.int(4), change);
      } else block = c.full!.latest();
      if (!block || block.header.height <= c.relayed) continue;
      c.relayed = block.header.height;
      if (c.light && prng.chance(opts.forgeRate))
        relay(c, c.parents[0]!, block, prng.chance(0.5) ? 'root' : 'strangers');
      for (const p of c.parents) relay(c, p, block);
    }
    // (C) the receiving chains' blocks.
    for (const ch of allFull) flush(ch, at(m, 20));
  }

  return conclude({
    opts,
    suite,
    ticksPerChild,
    communities,
    streetChildren,
    streets,
    districts,
    allFull,
    level,
    transfers,
    submitted,
    acct,
    forged,
    setChanges,
    unexpected,
    cpu,
    admissionCpu,
    commitBytes,
    anchorTxBytes,
    bytesAtStart,
    blocksAtStart,
  });
}
