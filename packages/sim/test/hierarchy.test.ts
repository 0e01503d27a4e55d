/**
 * The hierarchy simulation at a reduced size (hierarchy/run.ts): 20 communities under 3 streets and
 * 1 district for two simulated days, an anchor every 60 minutes, 3 cross-street transfers. The
 * parents and the 6 communities of the transfer sample run the real modules in the node's
 * Application; every expectation below is counted by hand from the scenario, not read from a run.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type HierarchyOptions, reportDigest, runHierarchy } from '../src/hierarchy/run.ts';

const options: HierarchyOptions = {
  seed: 7,
  communities: 20,
  streets: 3,
  districts: 1,
  days: 2,
  intervalMinutes: 60,
  transfers: 3,
  communityMembers: 300,
  lightMembers: [150, 450],
  // Often enough that a small run meets forgeries and set changes.
  forgeRate: 0.05,
  setChangesPerDay: 0.5,
  silentTicks: 3,
};

type Stat = { min: number; median: number; max: number };
interface Figures {
  ticksPerChild: number;
  fullCommunities: number;
  anchorsAccepted: number;
  anchorRecords: number;
  setChanges: number;
  forged: { tried: number; refused: number };
  street: { missingWarnings: number };
  district: { missingWarnings: number; anchorsPerDay: { min: number; max: number } };
  communityOfSample: { anchorsPerDay: { min: number; max: number } };
  transfers: { [k: string]: number };
  latencyMinutes: { [k: string]: Stat };
}

describe('hierarchy simulation (20 communities, 3 streets, 1 district, 2 days)', () => {
  const report = runHierarchy(options);
  const f = report.figures as unknown as Figures;

  it('every anchored header is the child chain’s own, and every forgery was refused', () => {
    assert.deepEqual(report.violations, []);
    assert.ok(f.forged.tried > 0, 'the run met forgeries');
    assert.equal(f.forged.refused, f.forged.tried);
    assert.ok(f.setChanges > 0, 'the run followed validator-set changes');
  });

  it('the counts add up', () => {
    // Two days at one anchor an hour: 48 ticks per child.
    assert.equal(f.ticksPerChild, 48);
    assert.equal(f.fullCommunities, 6);
    // Streets: 20 communities × 48, less the silent community's 3 ticks = 957. District: 3 streets × 48
    // = 144. The 6 communities of the sample hold their partner's anchors: 6 × 48 = 288.
    assert.equal(f.anchorsAccepted, 957 + 144 + 288);
    assert.equal(f.anchorRecords, f.anchorsAccepted);
    assert.deepEqual(f.district.anchorsPerDay, { min: 72, max: 72, mean: 72 } as never);
    assert.deepEqual(f.communityOfSample.anchorsPerDay, { min: 24, max: 24, mean: 24 } as never);
    // The silent community's gap (4 hours) is one warning on its street, raised once.
    assert.equal(f.street.missingWarnings, 1);
    assert.equal(f.district.missingWarnings, 0);
  });

  it('a transfer is admitted exactly once; a reclaim is refused when admitted', () => {
    // Transfers 1 and 2 are admitted, the third is left to expire and reclaimed.
    assert.deepEqual(f.transfers, {
      sampled: 3,
      admitted: 2,
      reclaimed: 1,
      forgedDossiersRefused: 2,
      replaysRefused: 2,
      reclaimsRefused: 2,
    });
  });

  it('latency within the anchor interval', () => {
    // The release's block is anchored at the sender's next tick (at most 60 minutes later), 20 s
    // into that minute; the receiver's clerk admits in its next block, a minute later.
    const l = f.latencyMinutes;
    assert.ok(l.releaseToReceiverAnchor!.min >= 0.3 && l.releaseToReceiverAnchor!.max <= 60.4);
    assert.ok(l.releaseToAdmitted!.max <= 61.4);
    assert.ok(l.releaseToDistrict!.max <= 120.7);
  });

  it('the same seed gives the same figures', () => {
    // A smaller run, twice (the whole report's digest, figures and violations).
    const small = { ...options, communities: 6, streets: 2, transfers: 1 };
    assert.equal(reportDigest(runHierarchy(small)), reportDigest(runHierarchy(small)));
  });
});
