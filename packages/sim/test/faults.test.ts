/** Targeted faults on the real node: crashes at many moments, a wiped and a restored directory, partitions. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Simulation } from '@djchain/sim';
import { plainScenario, withByzantine } from './helpers.ts';

/** Commit times per node from the trace (`<ms> n<i> commit h<h> …`). */
function commits(lines: readonly string[]): { node: number; height: number; atMs: number }[] {
  const out = [];
  for (const l of lines) {
    const m = /^(\d+) n(\d+) commit h(\d+) /.exec(l);
    if (m) out.push({ atMs: Number(m[1]), node: Number(m[2]), height: Number(m[3]) });
  }
  return out;
}

test('crash and restart of a correct validator at 16 moments: no double signing, it catches up', () => {
  for (let at = 100; at < 4000; at += 250) {
    const s = plainScenario([1, 1, 2, 1], {
      seed: at,
      targetHeight: 6,
      faultEnd: at + 700,
      extraDelayMs: 100,
      faults: [{ kind: 'crash', at, node: 2, restartAt: at + 700 }],
    });
    const sim = new Simulation(s);
    const r = sim.run();
    assert.equal(r.ok, true, `crash at ${at}: ${r.violation?.code} ${r.violation?.message}`);
    assert.ok(sim.nodes[2]!.height() >= 6, `crash at ${at}: the restarted node reached the target`);
  }
});

test('a wiped node directory re-joins by block sync; an old backup restored rejoins too', () => {
  for (const kind of ['wipe', 'restore'] as const) {
    const base = withByzantine(
      plainScenario([1, 1, 1, 1], { targetHeight: 12, faultEnd: 5000 }),
      3,
      'storage',
    );
    const fault =
      kind === 'wipe'
        ? { kind, at: 3000, node: 3, restartAt: 3500 }
        : { kind, backupAt: 1200, at: 3000, node: 3, restartAt: 3500 };
    const lines: string[] = [];
    const sim = new Simulation({ ...base, faults: [fault] }, { trace: (l) => lines.push(l) });
    const r = sim.run();
    assert.equal(r.ok, true, `${kind}: ${r.violation?.code} ${r.violation?.message}`);
    const before = commits(lines).filter((c) => c.node === 3 && c.atMs < 3000);
    assert.ok(before.length >= 2, `${kind}: the node had committed blocks before the fault`);
    // After the restart it commits heights it had before (from 1 after a wipe): block sync.
    const again = commits(lines).filter(
      (c) => c.node === 3 && c.atMs >= 3500 && c.height <= before.at(-1)!.height,
    );
    assert.ok(again.length > 0, `${kind}: the node committed its lost heights again`);
    assert.ok(kind === 'restore' || again[0]!.height === 1, 'a wiped node starts from height 1');
    assert.ok(
      again.some((c) => c.height === before.at(-1)!.height),
      `${kind}: it caught up with its old height`,
    );
  }
});

test('lost unsynced writes on a correct validator at 12 moments: the database goes back, the signer state does not; no double signing, it catches up', () => {
  let lostHeights = 0;
  for (let at = 1200; at < 4300; at += 260) {
    const lines: string[] = [];
    const s = plainScenario([1, 1, 1, 1], {
      seed: at,
      targetHeight: 8,
      faultEnd: at + 900,
      extraDelayMs: 100,
      faults: [{ kind: 'lose', backupAt: at - 1000, at, node: 1, restartAt: at + 600 }],
    });
    const sim = new Simulation(s, { trace: (l) => lines.push(l) });
    const r = sim.run();
    assert.equal(r.ok, true, `loss at ${at}: ${r.violation?.code} ${r.violation?.message}`);
    assert.ok(sim.nodes[1]!.height() >= 8, `loss at ${at}: the node reached the target`);
    const before = commits(lines).filter((c) => c.node === 1 && c.atMs < at);
    const lost = before.filter((c) => c.atMs >= at - 1000);
    const again = commits(lines).filter((c) => c.node === 1 && c.atMs >= at + 600);
    // The heights committed after the copy were lost and committed again (by block sync).
    for (const c of lost)
      assert.ok(
        again.some((a) => a.height === c.height),
        `loss at ${at}: h${c.height} again`,
      );
    lostHeights += lost.length;
  }
  // Most moments fall where the node committed something in the last second before the loss.
  assert.ok(lostHeights >= 6, `heights lost and re-committed: ${lostHeights}`);
});

test('a partition of 2 of 4 halts without forking and resumes after the heal; a one-way cut does not fork either', () => {
  const AT = 300;
  const HEAL = 6000;
  const lines: string[] = [];
  const s = plainScenario([1, 1, 1, 1], {
    targetHeight: 6,
    faultEnd: HEAL,
    txIntervalMs: 0,
    faults: [{ kind: 'partition', at: AT, until: HEAL, groups: [0, 0, 1, 1], oneWay: false }],
  });
  const r = new Simulation(s, { trace: (l) => lines.push(l) }).run();
  assert.equal(r.ok, true, r.violation?.message);
  const during = commits(lines).filter((c) => c.atMs > AT + 100 && c.atMs < HEAL);
  assert.deepEqual(during, [], 'no block while neither side holds more than 2/3 of the power');
  assert.ok(
    commits(lines).some((c) => c.atMs >= HEAL && c.height === 6),
    'progress after the heal',
  );

  const oneWay = plainScenario([1, 1, 1, 1], {
    targetHeight: 6,
    faultEnd: 4000,
    faults: [{ kind: 'partition', at: AT, until: 4000, groups: [0, 1, 1, 1], oneWay: true }],
  });
  const r2 = new Simulation(oneWay).run();
  assert.equal(r2.ok, true, r2.violation?.message);
});
