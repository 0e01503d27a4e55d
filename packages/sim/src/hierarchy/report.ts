/** The hierarchy simulation's report as a person reads it, and as one JSON line. */
import { type HierarchyReport, reportDigest } from './run.ts';

type Stat = { min: number | null; median?: number | null; mean?: number; max: number | null };
type Level = {
  chains: number;
  bytesPerAnchor: number;
  bytesPerYear: { emptyBlocksEvery5s: number; emptyBlocksEvery60s: number };
  anchorsPerDay: Stat;
  anchorTxAndReceiptBytesPerDay: { mean: number; max: number };
  dbBytesPerDay: { mean: number; max: number };
  blocks: number;
  missingWarnings: number;
  refused: { [code: string]: number };
};

const n = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toLocaleString('en'));
const kib = (x: number) => `${(x / 1024).toFixed(0)} KiB`;
const gib = (x: number) => `${(x / 2 ** 30).toFixed(2)} GiB`;
const mib = (x: number) => `${(x / 1024 / 1024).toFixed(1)} MiB`;

export function formatReport(r: HierarchyReport): string[] {
  const f = r.figures as unknown as {
    communities: number;
    fullCommunities: number;
    streets: number;
    districts: number;
    days: number;
    intervalMinutes: number;
    anchorsAccepted: number;
    forged: { tried: number; refused: number; codes: { [c: string]: number } };
    setChanges: number;
    street: Level;
    district: Level;
    communityOfSample: Level;
    bytes: { [k: string]: number | null };
    transfers: { [k: string]: number };
    latencyMinutes: { [k: string]: Stat };
  };
  const level = (name: string, l: Level) =>
    `${name} (${l.chains}): anchors/day min ${n(l.anchorsPerDay.min)} mean ${n(l.anchorsPerDay.mean)} max ${n(l.anchorsPerDay.max)}; ` +
    `anchor txs+receipts ${kib(l.anchorTxAndReceiptBytesPerDay.mean)}/day (max ${kib(l.anchorTxAndReceiptBytesPerDay.max)}); ` +
    `chain.db +${mib(l.dbBytesPerDay.mean)}/day in this run (max ${mib(l.dbBytesPerDay.max)}); ` +
    `${n(l.blocks)} blocks; missing-anchor warnings ${l.missingWarnings}; refused ${JSON.stringify(l.refused)}\n` +
    `  stored per anchor ${n(l.bytesPerAnchor)} B → a year of one chain: ` +
    `${gib(l.bytesPerYear.emptyBlocksEvery5s)} with an empty block every 5 s, ${gib(l.bytesPerYear.emptyBlocksEvery60s)} with one a minute`;
  const lat = (name: string, s: Stat) => `${name}: min ${n(s.min)} median ${n(s.median)} max ${n(s.max)} min`;
  const m = r.measured;
  const b = f.bytes;
  return [
    `hierarchy seed ${r.options.seed}: ${f.communities} communities (${f.fullCommunities} run in full) under ${f.streets} streets and ${f.districts} district${f.districts === 1 ? '' : 's'}, ` +
      `${f.days} simulated days, an anchor every ${f.intervalMinutes} min at every level`,
    `anchors accepted ${n(f.anchorsAccepted)}; forged ${f.forged.tried}, refused ${f.forged.refused} ${JSON.stringify(f.forged.codes)}; validator-set changes followed ${f.setChanges}`,
    level('street', f.street),
    level('district', f.district),
    level('community of the sample (partner anchors)', f.communityOfSample),
    `bytes: largest anchor tx ${n(b.anchorTx)}, anchor record in state ${n(b.anchorRecordInState)}, commit certificate (4 validators) ${n(b.commitCertificate4)}, ` +
      `empty block ${n(b.emptyBlock)}; dossier proofs: release ${n(b.dossierTransferProof)} + history head ${n(b.dossierHistoryProof)} (values ${n(b.dossierValues)}), admission tx ${n(b.admissionTx)}`,
    `transfers: ${JSON.stringify(f.transfers)}`,
    lat("latency release → on the sender's street", f.latencyMinutes.releaseToStreet!),
    lat('latency release → on the district (through the street)', f.latencyMinutes.releaseToDistrict!),
    lat('latency release → anchored on the receiver', f.latencyMinutes.releaseToReceiverAnchor!),
    lat('latency release → admitted', f.latencyMinutes.releaseToAdmitted!),
    `CPU on this machine (measured): street ${m.streetCpuMsPerAnchorOwn} ms per anchor own, ${m.streetCpuMsPerAnchorAllBlocks} ms with its blocks; ` +
      `district ${m.districtCpuMsPerAnchorOwn} / ${m.districtCpuMsPerAnchorAllBlocks} ms; admission ${m.admissionCpuMsOwn} ms own; empty block ${m.emptyBlockCpuMs} ms`,
    r.violations.length === 0 ? 'invariants: all hold' : `INVARIANTS BROKEN:\n- ${r.violations.join('\n- ')}`,
    `digest ${reportDigest(r)}`,
    JSON.stringify({ figures: r.figures, measured: r.measured, violations: r.violations.length }),
  ];
}
