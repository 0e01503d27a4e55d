/**
 * Mutation check of hand-picked mutants in the consensus, modules and node packages and the
 * shortcuts node's throughput rests on in runtime and crypto (`npm run mutants`;
 * not part of `npm test`: it runs a package's tests once per mutant). Each mutant replaces one exact
 * snippet of a source file; the package's tests must then fail ("killed"). A mutant that survives is
 * a missing test. Files are restored in `finally` (and on Ctrl-C), and the run ends by checking
 * that `git diff` of every touched file is empty.
 *   node scripts/mutants.ts                 all mutants
 *   node scripts/mutants.ts consensus       one package
 *   node scripts/mutants.ts --only C3,M7    some mutants
 * StrykerJS was not used: it needs its own TypeScript transpile step and has no node:test runner.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Mutant {
  readonly id: string;
  /** The package whose tests must kill the mutant. */
  readonly pkg: 'consensus' | 'modules' | 'node' | 'runtime' | 'crypto' | 'state';
  /** The package holding the mutated file, when not `pkg` (a rule `pkg` takes from below). */
  readonly srcPkg?: 'ledger';
  /** Path under packages/<srcPkg ?? pkg>/src. */
  readonly file: string;
  readonly from: string;
  readonly to: string;
  readonly why: string;
}

export const MUTANTS: readonly Mutant[] = [
  // consensus: quorum thresholds, lock rules, proposer, signer guard, BFT time, bounds
  {
    id: 'C1',
    pkg: 'consensus',
    file: 'validators.ts',
    from: 'return power * 3 > set.totalPower * 2;',
    to: 'return power * 3 >= set.totalPower * 2;',
    why: 'exactly 2/3 counted as a quorum',
  },
  {
    id: 'C2',
    pkg: 'consensus',
    file: 'validators.ts',
    from: 'return power * 3 > set.totalPower;',
    to: 'return power * 3 >= set.totalPower;',
    why: 'exactly 1/3 counted as f+1',
  },
  {
    id: 'C3',
    pkg: 'consensus',
    file: 'rules.ts',
    from: 'const lockOk = s.lockedRound === -1 || s.lockedValue === p.value;',
    to: 'const lockOk = true;',
    why: 'line 22: a locked validator prevotes another value',
  },
  {
    id: 'C4',
    pkg: 'consensus',
    file: 'rules.ts',
    from: 'const lockOk = s.lockedRound <= p.validRound || s.lockedValue === p.value;',
    to: 'const lockOk = s.lockedRound < p.validRound || s.lockedValue === p.value;',
    why: 'line 29: lock round equal to vr refused',
  },
  {
    id: 'C5',
    pkg: 'consensus',
    // Not the same bound in rules.ts line28: recordProposal already drops vr ≥ round, so weakening
    // that copy alone cannot be observed (an equivalent mutant, found by this script).
    file: 'tally.ts',
    from: 'if (p.validRound < -1 || p.validRound >= p.round) return false;',
    to: 'if (p.validRound < -1 || p.validRound > p.round) return false;',
    why: 'a proposal with vr = round recorded',
  },
  {
    id: 'C6',
    pkg: 'consensus',
    file: 'rules.ts',
    from: '.filter((r) => r > s.round)',
    to: '.filter((r) => r >= s.round)',
    why: 'line 55: round skip to the current round',
  },
  {
    id: 'C7',
    pkg: 'consensus',
    file: 'tally.ts',
    from: 'if (powerOf(s.validators, vote.validator) === 0) return false;',
    to: '',
    why: 'votes of non-validators recorded',
  },
  {
    id: 'C8',
    pkg: 'consensus',
    file: 'tally.ts',
    from: 'if (p.proposer !== proposer(s.validators, s.height, p.round) && s.config.unsafe?.skipProposerCheck !== true)\n    return false;',
    to: '',
    why: 'a proposal from the wrong proposer accepted',
  },
  {
    id: 'C9',
    pkg: 'consensus',
    file: 'tally.ts',
    from: 'return used < s.config.maxFutureRoundsPerValidator;',
    to: 'return used <= s.config.maxFutureRoundsPerValidator;',
    why: 'one future round more than the bound',
  },
  {
    id: 'C10',
    pkg: 'consensus',
    file: 'tally.ts',
    from: 'if (ctx.s.evidenceKeys.includes(key)) return;',
    to: '',
    why: 'evidence reported again for every repeat',
  },
  {
    id: 'C11',
    pkg: 'consensus',
    file: 'signer-guard.ts',
    from: 'compareHRS(at, lastSigned) <= 0)',
    to: 'compareHRS(at, lastSigned) < 0)',
    why: 'signing again at the last-signed position',
  },
  {
    id: 'C12',
    pkg: 'consensus',
    // BFT time's median is the ledger's weightedMedianTime (one rule for the machine and the node).
    srcPkg: 'ledger',
    file: 'bft-time.ts',
    from: 'if (cumulative * 2 >= total && cumulative > 0) return e.time;',
    to: 'if (cumulative * 2 > total && cumulative > 0) return e.time;',
    why: 'weighted median off by one vote',
  },
  {
    id: 'C13',
    pkg: 'consensus',
    file: 'validators.ts',
    from: 'return cycle[(height + round) % cycle.length]!;',
    to: 'return cycle[height % cycle.length]!;',
    why: 'the proposer does not rotate with the round',
  },
  {
    id: 'C14',
    pkg: 'consensus',
    file: 'timeouts.ts',
    from: 'return config.proposeBaseMs + round * config.proposeDeltaMs;',
    to: 'return config.proposeBaseMs;',
    why: 'propose timeout does not grow per round',
  },
  // modules: vote thresholds, deadlines, minimum periods, permissions, sanctions
  {
    id: 'M1',
    pkg: 'modules',
    file: 'recruitment/vote.ts',
    from: 'if (b.present * 2 <= b.expected)',
    to: 'if (b.present * 2 < b.expected)',
    why: '细则§20: exactly half present is a quorum',
  },
  {
    id: 'M2',
    pkg: 'modules',
    file: 'recruitment/vote.ts',
    from: 'passed: yesTotal * 2 > b.expected,',
    to: 'passed: yesTotal * 2 >= b.expected,',
    why: '细则§21: exactly half yes passes',
  },
  {
    id: 'M3',
    pkg: 'modules',
    file: 'recruitment/vote.ts',
    from: 'passed: yesTotal * 2 > b.expected,',
    to: 'passed: b.yes * 2 > b.expected,',
    why: 'written opinions of absent voters not counted',
  },
  {
    id: 'M4',
    pkg: 'modules',
    file: 'recruitment/vote.ts',
    from: ' || b.writtenYes + b.writtenNo > absent)',
    to: ')',
    why: 'more written opinions than absent voters',
  },
  {
    id: 'M5',
    pkg: 'modules',
    file: 'recruitment/stage1-2.ts',
    from: 'if (on < earliest) return fail(proc.version, E.TOO_EARLY',
    to: 'if (on <= earliest) return fail(proc.version, E.TOO_EARLY',
    why: 'activist named on the earliest day refused',
  },
  {
    id: 'M6',
    pkg: 'modules',
    file: 'recruitment/stage3.ts',
    from: 'if (on < earliest) return fail(proc.version, E.ACTIVIST_TOO_RECENT',
    to: 'if (on <= earliest) return fail(proc.version, E.ACTIVIST_TOO_RECENT',
    why: '细则§13: one year as activist, boundary day',
  },
  {
    id: 'M7',
    pkg: 'modules',
    file: 'recruitment/stage3.ts',
    from: 'if (have < required) return fail',
    to: 'if (have < required - 1) return fail',
    why: 'one assessment missing accepted',
  },
  {
    id: 'M8',
    pkg: 'modules',
    file: 'recruitment/stage3.ts',
    from: 'if (days < proc.params.trainingMinDays && hours < proc.params.trainingMinHours)',
    to: 'if (days < proc.params.trainingMinDays || hours < proc.params.trainingMinHours)',
    why: 'training: days or hours, not both required',
  },
  {
    id: 'M9',
    pkg: 'modules',
    file: 'recruitment/stage4.ts',
    from: 'if (valid !== null && on > addMonths(reviewed, valid))',
    to: 'if (valid !== null && on >= addMonths(reviewed, valid))',
    why: 'political review valid through its last day',
  },
  {
    id: 'M10',
    pkg: 'modules',
    file: 'recruitment/stage5.ts',
    from: 'm > proc.params.extensionMaxMonths)',
    to: 'm > proc.params.extensionMaxMonths + 1)',
    why: '党章§7: probation extended at most one year',
  },
  {
    id: 'M11',
    pkg: 'modules',
    file: 'recruitment/stage1-2.ts',
    from: 'unique.length > proc.params.maxContacts',
    to: 'unique.length > proc.params.maxContacts + 1',
    why: 'one contact person too many',
  },
  {
    id: 'M12',
    pkg: 'modules',
    file: 'recruitment/deadlines.ts',
    from: "if (today > d.due) return 'overdue';",
    to: "if (today >= d.due) return 'overdue';",
    why: 'due day itself counted overdue',
  },
  {
    id: 'M13',
    pkg: 'modules',
    file: 'permissions/rules.ts',
    from: "const held = rule.of === 'org' ? actor.postsInOrg : actor.postsInSuperior;",
    to: 'const held = actor.postsInOrg;',
    why: "a branch post passes for the superior committee's",
  },
  {
    id: 'M14',
    pkg: 'modules',
    file: 'permissions/authorize.ts',
    from: '.filter((p) => p.org === org && p.since <= on)',
    to: '.filter((p) => p.org === org)',
    why: 'a post acts before it starts',
  },
  {
    id: 'M15',
    pkg: 'modules',
    file: 'permissions/authorize.ts',
    from: 'if (effects.underObservation) return [];',
    to: '',
    why: 'a member under 留党察看 keeps acting in a post',
  },
  // The service centre (issue 17 review): self-dealing, the resident's limit, evidence.
  {
    id: 'M16',
    pkg: 'modules',
    file: 'service/orders.ts',
    from: 'if (p.provider === placerOf(o)) return failure(',
    to: 'if (p.provider === "-") return failure(',
    why: 'the clerk who ordered for a resident is dispatched the order',
  },
  {
    id: 'M17',
    pkg: 'modules',
    file: 'service/orders.ts',
    from: 'if (me === o.provider || me === dispatcherOf(o))',
    to: 'if (me === o.provider)',
    why: 'the clerk who dispatched an order confirms it',
  },
  {
    id: 'M18',
    pkg: 'modules',
    file: 'service/orders.ts',
    from: 'if (open >= limit) return failure(E.TOO_MANY_OPEN',
    to: 'if (open > limit) return failure(E.TOO_MANY_OPEN',
    why: 'a resident holds one active order past the limit',
  },
  {
    id: 'M19',
    pkg: 'modules',
    file: 'service/orders.ts',
    from: 'if (evidence.org !== o.org)',
    to: 'if (evidence.org === "-")',
    why: "another organization's attachment is accepted as evidence",
  },
  {
    id: 'M20',
    pkg: 'modules',
    file: 'anchor/path.ts',
    from: 'record.chain !== chain || ',
    to: '',
    why: "another chain's genuine anchor record stands for the sender's header",
  },
  {
    id: 'M21',
    pkg: 'modules',
    file: 'anchor/path.ts',
    from: '!provesIn(suite, root, anchorStateKey(record.chain, record.height), link.value, link.proof)',
    to: 'false',
    why: 'a link of the common-ancestor path is taken without its proof',
  },
  {
    id: 'M22',
    pkg: 'modules',
    file: 'anchor/path.ts',
    from: '    root = fromHex(record.stateRoot);',
    to: '',
    why: 'every level of the path proved against the top state root',
  },
  {
    id: 'M23',
    pkg: 'modules',
    file: 'transfer/release.ts',
    from: 'provesNotAdmitted(ctx, E, t, p.height, p.proof, viaOf(p));\n    return proved.ok',
    to: 'provesNotAdmitted(ctx, E, t, p.height, p.proof);\n    return proved.ok',
    why: "the reclaim ignores the common ancestor's path",
  },
  {
    id: 'M24',
    pkg: 'modules',
    file: 'warnings/register.ts',
    from: 'const full = newDay || everyWarning;',
    to: 'const full = everyWarning;',
    why: 'no full look at the open warnings on a new date',
  },
  {
    id: 'M25',
    pkg: 'modules',
    file: 'warnings/register.ts',
    from: 'ctx.lastEventAt(memberEntity(entry)) < ctx.height - 1',
    to: 'ctx.lastEventAt(memberEntity(entry)) < ctx.height',
    why: "a member-bound warning skipped although its member's history grew in the previous block",
  },
  {
    id: 'M26',
    pkg: 'modules',
    file: 'org/actions.ts',
    from: '...[...elected, ...leaving].map(memberEntity)',
    to: '...[...elected].map(memberEntity)',
    why: 'a committee election does not name the members whose posts it ends (study pace is member-bound)',
  },
  // node, runtime, crypto: the shortcuts of issue 20's throughput work must never change a result
  {
    id: 'N1',
    pkg: 'node',
    file: 'mempool/mempool.ts',
    from: 'for (const h of hexes) if (this.byHash.has(h)) out.add(h);',
    to: 'for (const h of hexes) out.add(h);',
    why: "a peer's block executed with every signature taken as verified, admitted here or not",
  },
  {
    id: 'N2',
    pkg: 'node',
    file: 'net/mempool-gossip.ts',
    from: 'if (p.holders.origin === peer || p.holders.also.has(peer)) continue;',
    to: 'if (p.holders.origin === peer) continue;',
    why: 'a relay sent again to the peers its sender named',
  },
  {
    id: 'N3',
    pkg: 'node',
    file: 'net/mempool-gossip.ts',
    from: 'for (const p of connected) if (wanted.has(p)) out.add(p);',
    to: 'for (const p of named) out.add(p);',
    why: "a relay's names kept as sent (unbounded memory in the seen-cache)",
  },
  {
    id: 'N4',
    pkg: 'node',
    file: 'sync/blocks.ts',
    from: 'if (known?.height === h && commit !== undefined) {',
    to: 'if (known !== undefined && commit !== undefined) {',
    why: "block sync sends the driver's latest block bytes for another height",
  },
  {
    id: 'R1',
    pkg: 'runtime',
    file: 'executor.ts',
    from: 'if (memo !== undefined && equalBytes(memo.raw, raw)) return memo.set;',
    to: 'if (memo !== undefined) return memo.set;',
    why: 'admission checks signers against a validator set read before, not the state asked',
  },
  {
    id: 'X1',
    pkg: 'crypto',
    file: 'encoding/decode.ts',
    from: 'const n = r.length(ai, at, 1);\n    r.pos += n;',
    to: 'r.pos += r.length(ai, at, 1);',
    why: "a block's transaction spans cut at the position from before a length's bytes",
  },
  {
    id: 'N8',
    pkg: 'node',
    file: 'app/application.ts',
    from: 'if (txHashes === undefined || this.linked.get(block) !== txHashes)',
    to: 'if (txHashes === undefined || !this.linked.has(block))',
    why: 'a block whose links were checked once is trusted with any ids after (a body swapped under its header)',
  },
  {
    id: 'R3',
    pkg: 'runtime',
    file: 'overlay.ts',
    from: '      if (order === 0) i++;',
    to: '',
    why: 'a listing through an overlay that rewrote a key of the parent names that key twice',
  },
  {
    id: 'A1',
    pkg: 'crypto',
    file: 'sha256.ts',
    from: 'const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);',
    to: 'const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 4);',
    why: "the intl suites' one-block chain with a wrong σ0 (every age commitment of an intl chain moves)",
  },
  {
    id: 'A2',
    pkg: 'crypto',
    file: 'one-block.ts',
    from: '  w[13] = (v[7]! << 16) | 0x8000;',
    to: '  w[13] = (v[7]! << 16) | 0x8001;',
    why: 'the one-block chain pads its block differently from SHA-256 and SM3 (every age commitment moves)',
  },
  {
    id: 'A4',
    pkg: 'crypto',
    file: 'sha256.ts',
    from: '  const blocks = rest + 9 > 64 ? 2 : 1;',
    to: '  const blocks = rest + 8 > 64 ? 2 : 1;',
    why: 'the short SHA-256 padding one block short for a 55-byte tail (every such hash of an intl node moves)',
  },
  {
    id: 'A5',
    pkg: 'crypto',
    file: 'encoding/encode.ts',
    from: '  w.pos = 0;',
    to: '  w.pos = w.pos;',
    why: "the reused writer keeps the previous call's bytes (every encoding after the first is wrong)",
  },
  {
    id: 'A6',
    pkg: 'crypto',
    file: 'encoding/decode.ts',
    from: '    return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;',
    to: '    return (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;',
    why: 'a 4-byte length or integer at or past 2^31 read as negative',
  },
  {
    id: 'A7',
    pkg: 'crypto',
    file: 'encoding/decode.ts',
    from: '    const d = bytes[aStart + i]! - bytes[bStart + i]!;',
    to: '    const d = bytes[bStart + i]! - bytes[aStart + i]!;',
    why: 'map keys checked in reverse order in place (canonical maps refused, unsorted ones accepted)',
  },
  {
    id: 'A8',
    pkg: 'crypto',
    file: 'encoding/decode.ts',
    from: '    while (i < n && known[i] === bytes[start + i]) i++;',
    to: '    i = n;',
    why: "a kept string handed back for any string of its length in its slot (another record's field name or id)",
  },
  {
    id: 'A3',
    pkg: 'crypto',
    file: 'sm3.ts',
    from: '    e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);',
    to: '    e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 16);',
    why: "SM3's compression with a wrong P0 (every gm hash and gm age commitment moves)",
  },
  {
    id: 'S1',
    pkg: 'state',
    file: 'batch.ts',
    from: 'if (w.unchanged || (w.value === null && !w.existed)) continue;',
    to: 'if (w.value === null && !w.existed) continue;',
    why: 'a key set to the value it held stored again (the block writes are no longer net)',
  },
  {
    id: 'R2',
    pkg: 'runtime',
    file: 'executor.ts',
    from: 'writes: block.changed(),',
    to: 'writes: block.netWrites(),',
    why: 'every key a block wrote compared with committed state, a database read each',
  },
  {
    id: 'N5',
    pkg: 'node',
    file: 'app/application.ts',
    from: "arrayItemEncodings(blockBytes(executed), 'txs'),",
    to: "arrayItemEncodings(blockBytes(executed), 'txs')?.reverse(),",
    why: "a block's transactions stored from the wrong spans of its bytes",
  },
  {
    id: 'N6',
    pkg: 'node',
    file: 'storage/latest-cache.ts',
    from: 'if (full) listing.has.delete(keys.pop()!);',
    to: 'if (full) listing.has.delete(keys[keys.length - 1]!);',
    why: 'a listing cut at its limit grows past it when a key enters before its last',
  },
  {
    id: 'N7',
    pkg: 'node',
    file: 'storage/latest-cache.ts',
    from: 'if (full) return false;',
    to: 'if (full && keys.length > 99) return false;',
    why: 'a deletion inside a cut listing leaves it one key short (the next key is not known)',
  },
  {
    id: 'N9',
    pkg: 'node',
    file: 'storage/latest-cache.ts',
    from: 'this.#prefixLengths.set(prefix.length, (this.#prefixLengths.get(prefix.length) ?? 0) + 1);',
    to: 'this.#prefixLengths.set(prefix.length, 1);',
    why: 'a listing dropped forgets a prefix length another listing still has: that one goes stale',
  },
  {
    id: 'N10',
    pkg: 'node',
    file: 'storage/latest-cache.ts',
    from: 'if (length > key.length) continue;',
    to: 'if (length >= key.length) continue;',
    why: 'a written key equal to a remembered prefix is not placed in its listing',
  },
  {
    id: 'N11',
    pkg: 'node',
    file: 'node.ts',
    from: 'gossip?.committed(executed.result);',
    to: '',
    why: 'a relay copy arriving after its block is verified again and refused, not dropped unseen',
  },
  {
    id: 'N15',
    pkg: 'node',
    file: 'net/mempool-gossip.ts',
    from: 'if (result.receipts[i]!.writes.length === 0) return;',
    to: '',
    why: 'a transaction refused before its nonce is remembered as seen: its same bytes, valid later, no longer travel',
  },
  {
    id: 'N12',
    pkg: 'node',
    file: 'app/application.ts',
    from: 'verifyCommit(this.precommits.suite, this.validators(height - 1)',
    to: 'verifyCommit(this.suite, this.validators(height - 1)',
    why: "the next block's lastCommit checked again though its certificate was checked at commit",
  },
  {
    id: 'N13',
    pkg: 'node',
    file: 'app/signature-memo.ts',
    from: 'if (!this.#base.verify(publicKey, message, signature)) return false;',
    to: 'this.#base.verify(publicKey, message, signature);',
    why: 'an invalid signature remembered as valid',
  },
  {
    id: 'N14',
    pkg: 'node',
    file: 'app/signature-memo.ts',
    from: 'const key = toHex(taggedHash(this.#base, MEMO_TAG, publicKey, message, signature));',
    to: 'const key = toHex(this.#base.hash(new Uint8Array([...publicKey, ...message, ...signature])));',
    why: 'the memo keyed by the three parts run together: a byte moved between them is the same key',
  },
];

const root = new URL('..', import.meta.url).pathname;
const pathOf = (m: Mutant) => join(root, 'packages', m.srcPkg ?? m.pkg, 'src', m.file);

function git(args: string[]): { status: number; out: string } {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return { status: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}

/**
 * Runs a package's tests in their own process group; past `timeoutMs` the whole group is killed
 * (a mutant can make a loop endless) and the mutant counts as killed by timeout.
 */
function runTests(
  pkg: string,
  timeoutMs: number,
): Promise<{ passed: boolean; timedOut: boolean; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'scripts/run-tests.ts'), pkg], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
  });
  running = child.pid;
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      running = undefined;
      resolve({ passed: code === 0 && !timedOut, timedOut, ms: performance.now() - started });
    });
  });
}

let running: number | undefined;
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : null;
  const pkgs = args.filter((a, i) => !a.startsWith('--') && !(onlyAt >= 0 && i === onlyAt + 1));
  const chosen = MUTANTS.filter(
    (m) => (only === null || only.has(m.id)) && (pkgs.length === 0 || pkgs.includes(m.pkg)),
  );
  const files = [...new Set(chosen.map(pathOf))];
  const dirty = git(['status', '--porcelain', '--', ...files]).out.trim();
  if (dirty) {
    console.error(`mutants: these files have uncommitted changes; commit or stash first:\n${dirty}`);
    process.exit(2);
  }
  const originals = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  const restoreAll = () => {
    for (const [f, text] of originals) writeFileSync(f, text);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      killGroup(running);
      restoreAll();
      process.exit(130);
    });
  }

  // A mutant's run may take five times the clean run (at least a minute) before it counts as hung.
  const budget = new Map<string, number>();
  for (const pkg of new Set(chosen.map((m) => m.pkg))) {
    const clean = await runTests(pkg, 15 * 60_000);
    if (!clean.passed) {
      console.error(`mutants: the ${pkg} tests fail without any mutant; fix them first`);
      process.exit(2);
    }
    budget.set(pkg, Math.max(60_000, 5 * clean.ms));
    console.log(`${pkg}: clean run ${Math.round(clean.ms / 1000)} s`);
  }

  const results: { m: Mutant; outcome: 'killed' | 'survived' | 'not applied' }[] = [];
  for (const m of chosen) {
    const file = pathOf(m);
    const text = originals.get(file)!;
    const at = text.indexOf(m.from);
    if (at < 0 || text.indexOf(m.from, at + 1) >= 0) {
      results.push({ m, outcome: 'not applied' });
      console.log(`${m.id} not applied: the snippet is ${at < 0 ? 'missing' : 'not unique'} in ${m.file}`);
      continue;
    }
    try {
      writeFileSync(file, text.slice(0, at) + m.to + text.slice(at + m.from.length));
      const r = await runTests(m.pkg, budget.get(m.pkg)!);
      const outcome = r.passed ? 'survived' : 'killed';
      results.push({ m, outcome });
      console.log(
        `${m.id} ${outcome}${r.timedOut ? ' (timed out)' : ''}: ${m.srcPkg ?? m.pkg}/${m.file} — ${m.why}`,
      );
    } finally {
      writeFileSync(file, text);
    }
  }
  restoreAll();
  const diff = git(['diff', '--stat', '--', ...files]).out.trim();
  if (diff) {
    console.error(`mutants: sources not restored:\n${diff}`);
    process.exit(3);
  }

  for (const pkg of new Set(chosen.map((m) => m.pkg))) {
    const mine = results.filter((r) => r.m.pkg === pkg && r.outcome !== 'not applied');
    const killed = mine.filter((r) => r.outcome === 'killed').length;
    console.log(
      `${pkg}: ${killed}/${mine.length} killed (score ${Math.round((100 * killed) / Math.max(1, mine.length))}%)`,
    );
    for (const r of mine.filter((x) => x.outcome === 'survived'))
      console.log(`  survived ${r.m.id}: ${r.m.why}`);
  }
  if (results.some((r) => r.outcome === 'not applied')) process.exitCode = 1;
}

// Only when run: importing the file (for its MUTANTS) must not start mutating the tree.
if (import.meta.main) await main();
