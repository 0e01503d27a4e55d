/**
 * The end of a hierarchy run: its invariants checked against the chains' own state (every anchor a
 * parent holds is its child's real header; forgeries refused; each transfer admitted once or
 * reclaimed) and its figures — anchor load, bytes, proof sizes, latency, storage per year — with the
 * CPU measured beside them.
 */
import { decode, getSuite, type Suite, toHex, type Value } from '@djchain/crypto';
import { headerHash } from '@djchain/ledger';
import { keysOf, parentGenesis } from './genesis.ts';
import {
  type Child,
  cpuMs,
  HIERARCHY_EPOCH,
  type HierarchyOptions,
  type HierarchyReport,
  type Level,
  median,
  type Submitted,
  sum,
  type Transfer,
} from './model.ts';
import { SimChain } from './sim-chain.ts';

/** What a run leaves for its conclusion. */
export interface RunState {
  readonly opts: HierarchyOptions;
  readonly suite: Suite;
  readonly ticksPerChild: number;
  readonly communities: readonly Child[];
  readonly streetChildren: readonly Child[];
  readonly streets: readonly SimChain[];
  readonly districts: readonly SimChain[];
  readonly allFull: readonly SimChain[];
  readonly level: ReadonlyMap<SimChain, Level>;
  readonly transfers: readonly Transfer[];
  readonly submitted: ReadonlyMap<SimChain, Submitted>;
  readonly acct: (p: SimChain) => Submitted;
  readonly forged: {
    readonly tried: number;
    readonly refused: number;
    readonly codes: ReadonlyMap<string, number>;
  };
  readonly setChanges: number;
  readonly unexpected: readonly string[];
  readonly cpu: { readonly [l in Level]: number };
  readonly admissionCpu: readonly number[];
  readonly commitBytes: number;
  readonly anchorTxBytes: number;
  readonly bytesAtStart: ReadonlyMap<SimChain, number>;
  readonly blocksAtStart: ReadonlyMap<SimChain, number>;
}

export function conclude(state: RunState): HierarchyReport {
  const { opts, suite, communities, transfers, acct, forged, cpu } = state;
  const interval = opts.intervalMinutes;
  let anchorRecordBytes = 0;
  // The anchors each parent holds must be the children's real headers, and nothing else.
  const violations = [...state.unexpected];
  const realHash = (c: Child, h: number) =>
    c.light
      ? c.light.made.get(h)
      : c.full!.app.header(h)
        ? toHex(headerHash(suite, c.full!.app.header(h)!))
        : undefined;
  let anchorRecords = 0;
  for (const c of [...communities, ...state.streetChildren]) {
    for (const p of c.parents) {
      const view = p.app.store.view(p.height());
      const keys = view.keys(`anchor/a/${c.chain}/`, 1_000_000);
      for (const key of keys) {
        const bytes = view.get(key)!;
        anchorRecordBytes = Math.max(anchorRecordBytes, key.length + bytes.length);
        const r = decode(bytes) as { height: number; hash: string };
        anchorRecords++;
        if (realHash(c, r.height) !== r.hash)
          violations.push(
            `${p.chainId} anchors ${c.chain}@${r.height} = ${r.hash.slice(0, 12)}…, not the chain's header`,
          );
      }
    }
  }
  const acceptedTotal = sum([...state.submitted.values()].map((s) => s.accepted));
  if (anchorRecords !== acceptedTotal)
    violations.push(`${anchorRecords} anchor records, ${acceptedTotal} anchors accepted`);
  if (forged.refused !== forged.tried)
    violations.push(`${forged.tried - forged.refused} forged anchors accepted`);
  for (const t of transfers) {
    const want = t.admit ? 1 : 0;
    if (t.admissions !== want) violations.push(`${t.id}: admitted ${t.admissions} times, expected ${want}`);
    if (t.admit && t.replay !== 'MEMBER_TRANSFER_REPLAYED')
      violations.push(`${t.id}: replay gave ${t.replay}`);
    if (t.admit && t.forgedDossier !== 'MEMBER_TRANSFER_DOSSIER_MISMATCH')
      violations.push(`${t.id}: a forged dossier gave ${t.forgedDossier}`);
    const wantReclaim = t.admit ? 'TRANSFER_RECLAIM_NOT_PROVED' : 'ok';
    if (t.reclaim !== wantReclaim)
      violations.push(`${t.id}: reclaim gave ${t.reclaim}, expected ${wantReclaim}`);
    const frozen = (
      t.from.full!.query('transfer', 'responsible', { member: t.member }) as { frozen: string | null }
    ).frozen;
    if ((frozen === t.id) !== t.admit) violations.push(`${t.id}: frozen on the sender = ${frozen}`);
  }

  // Figures.
  // An idle chain's empty blocks (one every 5 s), measured on a fresh street chain.
  const probeKeys = keysOf(suite, 'probe');
  const probe = new SimChain(
    suite,
    parentGenesis(suite, 'probe', '测量', HIERARCHY_EPOCH, probeKeys),
    probeKeys,
    ['v0', 'v1', 'v2', 'v3'],
  );
  probe.emptyBlocks(100, HIERARCHY_EPOCH);
  const before = probe.bytes();
  const emptyMs = cpuMs(() => probe.emptyBlocks(500, HIERARCHY_EPOCH + 200_000));
  const emptyBlock = (probe.bytes() - before) / 500;
  const emptyBlockBytes = Math.round(emptyBlock);

  const perParent = (lv: Level) => {
    const chains = state.allFull.filter((ch) => state.level.get(ch) === lv);
    const accepted = chains.map((ch) => acct(ch).accepted / opts.days);
    const recordBytes = chains.map((ch) => (acct(ch).txBytes + acct(ch).receiptBytes) / opts.days);
    const dbBytes = chains.map((ch) => (ch.bytes() - state.bytesAtStart.get(ch)!) / opts.days);
    const round = (x: number) => Math.round(x);
    const anchors = sum(chains.map((ch) => acct(ch).accepted + sum([...acct(ch).refused.values()])));
    const grown = sum(chains.map((ch) => ch.bytes() - state.bytesAtStart.get(ch)!));
    const blocks = sum(chains.map((ch) => ch.blocks - state.blocksAtStart.get(ch)!));
    // What an anchor adds: the growth less the blocks' own (an empty block's bytes, measured apart).
    const perAnchor = anchors ? (grown - blocks * emptyBlock) / anchors : 0;
    const perDay = sum(accepted) / chains.length;
    // A year of one chain: its anchors, and its blocks — one every 5 s when idle (the node's
    // default emptyBlockIntervalMs), or one a minute.
    const year = (blocksPerDay: number) => round(365 * (perDay * perAnchor + blocksPerDay * emptyBlock));
    return {
      chains: chains.length,
      bytesPerAnchor: round(perAnchor),
      bytesPerYear: { emptyBlocksEvery5s: year(17_280), emptyBlocksEvery60s: year(1_440) },
      anchorsPerDay: {
        min: round(Math.min(...accepted)),
        mean: round(sum(accepted) / chains.length),
        max: round(Math.max(...accepted)),
      },
      anchorTxAndReceiptBytesPerDay: {
        mean: round(sum(recordBytes) / chains.length),
        max: round(Math.max(...recordBytes)),
      },
      dbBytesPerDay: { mean: round(sum(dbBytes) / chains.length), max: round(Math.max(...dbBytes)) },
      blocks: sum(chains.map((ch) => ch.blocks)),
      missingWarnings: sum(chains.map((ch) => ch.eventCounts.get('anchor.Missing') ?? 0)),
      refused: Object.fromEntries(
        [...new Set(chains.flatMap((ch) => [...acct(ch).refused.keys()]))]
          .sort()
          .map((code) => [code, sum(chains.map((ch) => acct(ch).refused.get(code) ?? 0))]),
      ),
    };
  };
  const minutes = (from: number | undefined, to: number | undefined) =>
    from === undefined || to === undefined ? null : Math.round((to - from) / 6_000) / 10;
  const lat = (f: (t: Transfer) => number | null) => transfers.map(f).filter((x): x is number => x !== null);
  const latencies = {
    releaseToStreet: lat((t) => minutes(t.released?.time, t.onStreet?.time)),
    releaseToDistrict: lat((t) => minutes(t.released?.time, t.onDistrict)),
    releaseToReceiverAnchor: lat((t) => minutes(t.released?.time, t.anchoredOnReceiver?.time)),
    releaseToAdmitted: lat((t) => (t.admit ? minutes(t.released?.time, t.admitted) : null)),
  };
  const stat = (xs: number[]) => ({
    min: xs.length ? Math.min(...xs) : null,
    median: median(xs),
    max: xs.length ? Math.max(...xs) : null,
  });
  const dossier = transfers.find((t) => t.dossierBytes)?.dossierBytes;

  const figures = {
    communities: opts.communities,
    fullCommunities: communities.filter((c) => c.full).length,
    streets: opts.streets,
    districts: opts.districts,
    days: opts.days,
    intervalMinutes: interval,
    ticksPerChild: state.ticksPerChild,
    anchorsAccepted: acceptedTotal,
    anchorRecords,
    forged: {
      tried: forged.tried,
      refused: forged.refused,
      codes: Object.fromEntries([...forged.codes].sort()),
    },
    setChanges: state.setChanges,
    street: perParent('street'),
    district: perParent('district'),
    communityOfSample: perParent('community'),
    bytes: {
      anchorTx: state.anchorTxBytes,
      anchorRecordInState: anchorRecordBytes,
      commitCertificate4: state.commitBytes,
      emptyBlock: emptyBlockBytes,
      dossierTransferProof: dossier?.transferProof ?? null,
      dossierHistoryProof: dossier?.historyProof ?? null,
      dossierValues: dossier?.values ?? null,
      admissionTx: dossier?.tx ?? null,
    },
    transfers: {
      sampled: transfers.length,
      admitted: transfers.filter((t) => t.admissions === 1).length,
      reclaimed: transfers.filter((t) => t.reclaim === 'ok').length,
      forgedDossiersRefused: transfers.filter((t) => t.forgedDossier === 'MEMBER_TRANSFER_DOSSIER_MISMATCH')
        .length,
      replaysRefused: transfers.filter((t) => t.replay === 'MEMBER_TRANSFER_REPLAYED').length,
      reclaimsRefused: transfers.filter((t) => t.reclaim === 'TRANSFER_RECLAIM_NOT_PROVED').length,
    },
    latencyMinutes: {
      releaseToStreet: stat(latencies.releaseToStreet),
      releaseToDistrict: stat(latencies.releaseToDistrict),
      releaseToReceiverAnchor: stat(latencies.releaseToReceiverAnchor),
      releaseToAdmitted: stat(latencies.releaseToAdmitted),
    },
  };
  /** A parent's CPU per anchor: all its blocks, and the anchor's own (its block less the empty one before). */
  const perAnchor = (chains: readonly SimChain[], lv: Level) => {
    const anchors = sum(chains.map((ch) => acct(ch).accepted + sum([...acct(ch).refused.values()])));
    const own = sum(chains.map((ch) => ch.cpu.txBlocksMs - ch.cpu.emptyBlocksMs));
    return { all: anchors ? cpu[lv] / anchors : null, own: anchors ? own / anchors : null };
  };
  const st = perAnchor(state.streets, 'street');
  const di = perAnchor(state.districts, 'district');
  const round3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
  const measured = {
    streetCpuMsPerAnchorAllBlocks: round3(st.all),
    streetCpuMsPerAnchorOwn: round3(st.own),
    districtCpuMsPerAnchorAllBlocks: round3(di.all),
    districtCpuMsPerAnchorOwn: round3(di.own),
    admissionCpuMsOwn: round3(median(state.admissionCpu)),
    emptyBlockCpuMs: round3(emptyMs / 500),
    streetCpuSeconds: round3(cpu.street / 1000),
    districtCpuSeconds: round3(cpu.district / 1000),
    communityOfSampleCpuSeconds: round3(cpu.community / 1000),
  };
  return { options: opts, figures: figures as unknown as { [k: string]: Value }, violations, measured };
}

/** A digest of the deterministic part of a report (equal runs, equal digests). */
export function reportDigest(r: HierarchyReport): string {
  const suite = getSuite('intl');
  return toHex(suite.hash(new TextEncoder().encode(JSON.stringify([r.figures, r.violations])))).slice(0, 16);
}
