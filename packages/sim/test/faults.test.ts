/** Targeted faults on the real node: crashes at many moments, a wiped and a restored directory, partitions. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSeed, Simulation } from '@djchain/sim';
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

test('crash and restart of a correct validator at 16 moments: no double signing, it catches up', async () => {
  for (let at = 100; at < 4000; at += 250) {
    const s = plainScenario([1, 1, 2, 1], {
      seed: at,
      targetHeight: 6,
      faultEnd: at + 700,
      extraDelayMs: 100,
      faults: [{ kind: 'crash', at, node: 2, restartAt: at + 700 }],
    });
    const sim = new Simulation(s);
    const r = await sim.run();
    assert.equal(r.ok, true, `crash at ${at}: ${r.violation?.code} ${r.violation?.message}`);
    assert.ok(sim.nodes[2]!.height() >= 6, `crash at ${at}: the restarted node reached the target`);
  }
});

test('a wiped node directory re-joins by block sync; an old backup restored rejoins too', async () => {
  for (const kind of ['wipe', 'restore'] as const) {
    const base = withByzantine(
      plainScenario([1, 1, 1, 1], { targetHeight: 12, faultEnd: 5000 }),
      3,
      'storage',
    );
    const fault =
      kind === 'wipe'
        ? { kind, at: 3000, node: 3, restartAt: 3500, rejoin: 'blocks' as const }
        : { kind, backupAt: 1200, at: 3000, node: 3, restartAt: 3500 };
    const lines: string[] = [];
    const sim = new Simulation({ ...base, faults: [fault] }, { trace: (l) => lines.push(l) });
    const r = await sim.run();
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

test('a wiped validator re-joins by snapshot over the simulated network: its store starts at the snapshot height, it commits with the others', async () => {
  const WIPE = 3000;
  const RESTART = 3100;
  const base = withByzantine(plainScenario([1, 1, 1, 1], { targetHeight: 12, faultEnd: 5000 }), 3, 'storage');
  const lines: string[] = [];
  // Read in the node's own store at its first commit after the re-join.
  let firstStored: { at1: boolean; atSnapshot: boolean } | undefined;
  let snapshotHeight = 0;
  const sim = new Simulation(
    { ...base, faults: [{ kind: 'wipe', at: WIPE, node: 3, restartAt: RESTART, rejoin: 'snapshot' }] },
    {
      trace: (l) => {
        lines.push(l);
        const snap = /^\d+ n3 snapshot h(\d+) 0 peers caught lying$/.exec(l);
        if (snap) snapshotHeight = Number(snap[1]);
        if (snapshotHeight > 0 && firstStored === undefined && / n3 commit /.test(l)) {
          const blocks = sim.nodes[3]!.node!.app.store.blocks;
          firstStored = {
            at1: blocks.getBlock(1) !== undefined,
            atSnapshot: blocks.getBlock(snapshotHeight) !== undefined,
          };
        }
      },
    },
  );
  const r = await sim.run();
  assert.equal(r.ok, true, `${r.violation?.code} ${r.violation?.message}`);
  const before = commits(lines).filter((c) => c.node === 3 && c.atMs < WIPE);
  assert.ok(before.length >= 5, 'the node had committed blocks before the wipe');
  // The snapshot is of the peers' latest certified height: at least what the node had.
  assert.ok(snapshotHeight >= before.at(-1)!.height, `snapshot at h${snapshotHeight}`);
  assert.ok(
    lines.some((l) => /^\d+ n[012]>n3 frame 3 \d+B$/.test(l)),
    'the snapshot came over the simulated network',
  );
  assert.deepEqual(firstStored, { at1: false, atSnapshot: true }, 'its store begins at the snapshot');
  const after = commits(lines).filter((c) => c.node === 3 && c.atMs >= RESTART);
  assert.equal(after[0]?.height, snapshotHeight + 1, 'it continues after the snapshot, no block replayed');
  assert.ok(sim.nodes[3]!.height() >= 12, 'it reached the target height');
  // It signs again (its signing is checked as a correct validator's: DOUBLE_SIGN, LOCK, PROPOSER).
  const id = sim.nodes[3]!.id.slice(0, 6);
  assert.ok(
    lines.some((l) => Number(l.split(' ')[0]) > RESTART && l.includes(`by ${id}`) && / n3>n\d /.test(l)),
    'the re-joined validator votes',
  );
});

test('a peer serving a forged snapshot chunk is caught by the chunk proof; the wiped validator re-joins from the honest ones', async () => {
  // v0 (badCertificate) serves every chunk with one value changed; it is the first peer asked.
  const base = withByzantine(
    withByzantine(plainScenario([1, 2, 2, 2, 1], { targetHeight: 9, faultEnd: 4000 }), 0, 'badCertificate'),
    4,
    'storage',
  );
  const lines: string[] = [];
  const sim = new Simulation(
    { ...base, faults: [{ kind: 'wipe', at: 2500, node: 4, restartAt: 2600, rejoin: 'snapshot' }] },
    { trace: (l) => lines.push(l) },
  );
  const r = await sim.run();
  assert.equal(r.ok, true, `${r.violation?.code} ${r.violation?.message}`);
  const snap = lines.find((l) => / n4 snapshot h/.test(l));
  assert.match(snap ?? '', / n4 snapshot h\d+ 1 peers caught lying$/);
  // From the honest peers' state it executes and commits the next blocks as they do (AGREEMENT).
  const after = commits(lines).filter((c) => c.node === 4 && c.atMs >= 2600);
  assert.ok(after.length >= 3, 'it commits after the re-join');
  assert.ok(sim.nodes[4]!.height() >= r.minCorrectHeight - 1, 'it kept up');
});

test('a validator wiped while it had signed at the height the peers are stuck at does not sign there again after a snapshot re-join', async () => {
  // v2 is down, so nothing is decided without v3; v3's messages are cut from 1900 on: it signs at
  // the next height, nobody hears it, the peers stay at that height. Wiped, v3 takes the snapshot
  // of the height below and has no record of what it signed: the reset's floor (the whole next
  // height) and then the watch's (the whole of the height after the peers' one) keep it from
  // signing there again (DOUBLE_SIGN without them).
  for (const at of [2500, 4000]) {
    const base = withByzantine(
      plainScenario([1, 1, 1, 1], { seed: at, targetHeight: 10, faultEnd: 1000, txIntervalMs: 0 }),
      3,
      'storage',
    );
    const lines: string[] = [];
    let atWipe: { height: number; round: number; step: string } | undefined;
    const sim = new Simulation(
      {
        ...base,
        faults: [
          { kind: 'crash', at: 500, node: 2, restartAt: 7000 },
          { kind: 'partition', at: 1900, until: at + 50, groups: [1, 1, 1, 0], oneWay: true },
          { kind: 'wipe', at, node: 3, restartAt: at + 50, rejoin: 'snapshot' },
        ],
      },
      {
        trace: (l) => {
          lines.push(l);
          // Traced before the crash: where its driver was when the directory went.
          if (l.endsWith('fault wipe begin n3')) atWipe = sim.nodes[3]!.node!.driver.position();
        },
      },
    );
    const r = await sim.run();
    assert.equal(r.ok, true, `wipe at ${at}: ${r.violation?.code} ${r.violation?.message}`);
    const id = sim.nodes[3]!.id.slice(0, 6);
    const last = commits(lines)
      .filter((c) => c.node === 3 && c.atMs < at)
      .at(-1)!.height;
    const snap = Number(/ n3 snapshot h(\d+) /.exec(lines.find((l) => / n3 snapshot h/.test(l)) ?? '')?.[1]);
    assert.equal(snap, last, `wipe at ${at}: the snapshot is of the height it had`);
    const signedAt = (h: number, from: number, to: number) =>
      lines.some((l) => {
        const t = Number(l.split(' ')[0]);
        return t >= from && t < to && l.includes(` h${h} `) && l.includes(`by ${id}`) && / n3>n\d /.test(l);
      });
    // It had been through rounds of the stuck height (signing, unheard) when it was wiped…
    assert.equal(atWipe?.height, last + 1, `wipe at ${at}: it was at h${last + 1}`);
    assert.ok(
      atWipe!.round >= 1 || atWipe!.step !== 'propose',
      `wipe at ${at}: at r${atWipe?.round} ${atWipe?.step}`,
    );
    // …and none goes out after the re-join: the peers were heard at h${last + 1}, so the watch's
    // floor is the whole of the height after it; it signs again from the one after that.
    for (const h of [last + 1, last + 2]) {
      assert.equal(signedAt(h, at, Number.POSITIVE_INFINITY), false, `wipe at ${at}: no vote at h${h}`);
    }
    assert.ok(signedAt(last + 3, at, Number.POSITIVE_INFINITY), `wipe at ${at}: it votes at h${last + 3}`);
    // It commits with the others to the end (the run stops when the correct ones reach the target).
    assert.ok(sim.nodes[3]!.height() >= r.minCorrectHeight - 1, `wipe at ${at}: it kept up`);
  }
});

test("a validator wiped at the stuck height re-joins from a LAGGING peer's snapshot: it signs nothing new at the heights it may have signed (the watch)", async () => {
  // Five validators, powers 1,3,3,3,3 (more than 2/3 is 9 of 13). v2 is down; v0 (power 1) is cut
  // off from 3000 and stays behind; from 6000 v3's messages are cut, so nothing more is decided
  // (v0+v1+v4 hold 7) while v3 signs, unheard, at the stuck height T. Wiped at 7000, v3 re-joins
  // while it can reach only v0: v0's snapshot is of a height below T − 1, so the reset's floor
  // (the whole height after the snapshot) is below T. Without the watch it syncs up to T and
  // signs there again — a prevote for a block where it had prevoted nil (DOUBLE_SIGN).
  const at = 7000;
  const base = withByzantine(
    plainScenario([1, 3, 3, 3, 3], { seed: at, targetHeight: 9, faultEnd: 1000, txIntervalMs: 0 }),
    3,
    'storage',
  );
  const lines: string[] = [];
  const sim = new Simulation(
    {
      ...base,
      faults: [
        { kind: 'crash', at: 500, node: 2, restartAt: at + 6000 },
        { kind: 'partition', at: 3000, until: at, groups: [0, 1, 1, 1, 1], oneWay: false },
        { kind: 'partition', at: 6000, until: at + 50, groups: [1, 1, 1, 0, 1], oneWay: true },
        { kind: 'partition', at, until: at + 3000, groups: [0, 1, 1, 0, 1], oneWay: false },
        { kind: 'wipe', at, node: 3, restartAt: at + 50, rejoin: 'snapshot' },
      ],
    },
    { trace: (l) => lines.push(l) },
  );
  const r = await sim.run();
  assert.equal(r.ok, true, `${r.violation?.code} ${r.violation?.message}`);
  const id = sim.nodes[3]!.id.slice(0, 6);
  const stuck =
    Math.max(
      ...commits(lines)
        .filter((c) => c.atMs < at)
        .map((c) => c.height),
    ) + 1;
  const snap = Number(/ n3 snapshot h(\d+) /.exec(lines.find((l) => / n3 snapshot h/.test(l)) ?? '')?.[1]);
  assert.ok(snap < stuck - 1, `the snapshot (h${snap}) is below the height before the stuck one (h${stuck})`);
  // Its own messages (`<ms> n3>nX <type> h<h> r<r> <value> …by <id>`), before the wipe and after.
  const own = (from: number, to: number) =>
    new Set(
      lines
        .filter((l) => {
          const t = Number(l.split(' ')[0]);
          return t >= from && t < to && / n3>n\d /.test(l) && l.endsWith(`by ${id}`);
        })
        .map((l) => l.split(' ').slice(2, 6).join(' ')),
    );
  const before = own(0, at);
  assert.ok(
    [...before].some((m) => m.includes(` h${stuck} `)),
    `it had signed at the stuck h${stuck}`,
  );
  // After the re-join, at the heights up to the one after the stuck one: nothing it had not sent
  // before (peers hand it its own old votes, which it may pass on); it signs again above them.
  const after = own(at, Number.POSITIVE_INFINITY);
  const height = (m: string) => Number(/ h(\d+) /.exec(` ${m} `)?.[1]);
  const fresh = [...after].filter((m) => height(m) <= stuck + 1 && !before.has(m));
  assert.deepEqual(fresh, [], 'no new signature at the heights it may have signed');
  assert.ok(
    [...after].some((m) => height(m) >= stuck + 2),
    `it votes again from h${stuck + 2}: ${[...after].join(', ')}`,
  );
  assert.ok(sim.nodes[3]!.height() >= r.minCorrectHeight - 1, 'it kept up');
});

test('lost unsynced writes on a correct validator at 12 moments: the database goes back, the signer state does not; no double signing, it catches up', async () => {
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
    const r = await sim.run();
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

test('lost writes that took a commit and a lock: the signer file keeps the lock, the node resumes it when it reaches that height again', async () => {
  // Fresh seed 20283 of the default pool (found by `npm run sim -- --seeds 400 --from 20000`), kept
  // as data: n5 locks on a block at h3 r0 (its precommit fsync'd in signer-state.json), then a power
  // loss takes chain.db back to before its h2 commit. It restarted at h2 and saved chain.db's h2
  // record over the file's h3 one, and a record was resumed only at start, not when block sync
  // brought the node to h3: it prevoted another block at h3 r1 against its lock (LOCK).
  const s = {
    ...plainScenario([1, 1, 2, 1, 1, 1], {
      seed: 20283,
      clockSkewMs: [306, 227, 128, 33, 170, 117],
      targetHeight: 7,
      faultEnd: 4996,
      dropP: 0.05,
      txIntervalMs: 800,
      faults: [
        { kind: 'crash', at: 1002, node: 0, restartAt: 1675 },
        { kind: 'partition', at: 3449, until: 4188, groups: [1, 1, 1, 1, 0, 1], oneWay: true },
        { kind: 'lose', backupAt: 4023, at: 4159, node: 5, restartAt: 4948 },
        { kind: 'crash', at: 4612, node: 3, restartAt: 4732 },
        { kind: 'partition', at: 4831, until: 4996, groups: [1, 0, 1, 0, 0, 0], oneWay: false },
      ],
    }),
  };
  const r = await new Simulation(withByzantine(s, 2, 'amnesiac')).run();
  assert.equal(r.ok, true, `${r.violation?.code} ${r.violation?.message}`);
});

test('a power loss that took the block of a locked value: the node neither stops (seed 131983) nor stalls the chain (seed 131273)', async () => {
  // Found by 2,000 fresh seeds (stop 30); both failed on the code before. The signer file keeps the
  // lock and the record; the block went with chain.db's unsynced writes, and the node claimed the
  // proposal in its status (so no peer sent the block back) and would not execute a copy of a
  // proposal it knew. As the round's proposer of that value it stopped with NODE_NOT_EXECUTED
  // (131983), or, where the chain needed its vote, the correct validators waited for a proposal
  // nobody could make (131273, LIVENESS once the stop is removed). Either half of the fix put back
  // (the status claim, the known copy) fails 131273. The proposer's skip of a value whose block it
  // does not hold is the fallback when no peer has it; these seeds get the block back first.
  for (const seed of [131983, 131273]) {
    const r = await runSeed(seed);
    assert.equal(r.ok, true, `seed ${seed}: ${r.violation?.code} ${r.violation?.message}`);
  }
});

test('a partition of 2 of 4 halts without forking and resumes after the heal; a one-way cut does not fork either', async () => {
  const AT = 300;
  const HEAL = 6000;
  const lines: string[] = [];
  const s = plainScenario([1, 1, 1, 1], {
    targetHeight: 6,
    faultEnd: HEAL,
    txIntervalMs: 0,
    faults: [{ kind: 'partition', at: AT, until: HEAL, groups: [0, 0, 1, 1], oneWay: false }],
  });
  const r = await new Simulation(s, { trace: (l) => lines.push(l) }).run();
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
  const r2 = await new Simulation(oneWay).run();
  assert.equal(r2.ok, true, r2.violation?.message);
});
