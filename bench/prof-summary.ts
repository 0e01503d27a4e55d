/**
 * `node bench/prof-summary.ts <file.cpuprofile> [top]`: self and total time per function of a
 * `node --cpu-prof` profile (total = time with the function on the stack, counted once per sample).
 * With a third argument, also the call paths (4 frames up) into functions whose name contains it.
 * A reading aid for the throughput work; not part of the bench figures.
 */
import { readFileSync } from 'node:fs';

interface ProfNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, callersOf] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/prof-summary.ts <file.cpuprofile> [top] [function-substring]');
const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const top = Number(topArg ?? 40);
const shown = Math.max(top, 25);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n: ProfNode) => {
  const url = n.callFrame.url.replace(/^.*\/(packages|node_modules)\//, '$1/');
  return `${n.callFrame.functionName || '(anon)'} ${url}:${n.callFrame.lineNumber + 1}`;
};
const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
prof.samples.forEach((id, i) => {
  const dt = prof.timeDeltas[i] ?? 0;
  all += dt;
  const leaf = byId.get(id)!;
  self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
    const k = name(byId.get(x)!);
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + dt);
  }
});
const show = (title: string, m: Map<string, number>, n = top) => {
  console.log(`\n${title} (of ${(all / 1000).toFixed(0)} ms)`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(
      `${((100 * v) / all).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`,
    );
  }
};
show('self', self);
show('total', total);

if (callersOf) {
  // Time of samples with a matching frame on the stack, per path of the 4 frames above its topmost match.
  const paths = new Map<string, number>();
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    let hit: number | undefined;
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      if (name(byId.get(x)!).includes(callersOf)) hit = x;
    }
    if (hit === undefined) return;
    const chain: string[] = [];
    for (let x: number | undefined = hit; x !== undefined && chain.length < 5; x = parent.get(x)) {
      chain.push(name(byId.get(x)!));
    }
    const k = chain.join(' <- ');
    paths.set(k, (paths.get(k) ?? 0) + dt);
  });
  show(`paths into ${callersOf}`, paths, shown);
}
