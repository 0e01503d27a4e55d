/**
 * Offline dossier verification. Walks the links in order and stops at the FIRST that breaks:
 *   1. the file parses (FORMAT), is for the trusted chain and suite (CHAIN);
 *   2. each event i names the entity (EVENT_ENTITY), does not go back in (height, txIndex) nor
 *      past H (EVENT_ORDER), and its stated head is H(previous head, event i) (EVENT_HEAD) —
 *      a changed, removed, inserted or swapped event breaks here, at its index;
 *   3. the state holds hist/<entity> = {head, count, last} of the events at H (STATE_PROOF) —
 *      events cut from the end break here;
 *   4. the header is header H of the chain (HEADER), the set is the header's (VALIDATOR_SET),
 *      the set or the header is trusted (TRUST), and the commit certifies the header with more
 *      than 2/3 of the set's power (COMMIT).
 */
import { equalBytes, type Suite, toHex } from '@djchain/crypto/browser';
import { type Header, headerHash, type ValidatorSet, validatorSetHash, verifyCommit } from '@djchain/ledger';
import { verifyProof } from '@djchain/state';
import { ClientError } from '../errors.ts';
import {
  eventHash,
  GENESIS_HEAD,
  type HistoryEvent,
  historyKey,
  historyValue,
  nextHead,
} from '../history.ts';
import type { LightClient } from '../light-client.ts';
import { type Dossier, decodeDossier, stripCode } from './format.ts';

/** The checks, in the order verifyDossier makes them (the CLI and the verify page list them so). */
export const DOSSIER_CHECKS = [
  'FORMAT',
  'CHAIN',
  'EVENT_ENTITY',
  'EVENT_ORDER',
  'EVENT_HEAD',
  'STATE_PROOF',
  'HEADER',
  'VALIDATOR_SET',
  'TRUST',
  'COMMIT',
] as const;

export type DossierCheck = (typeof DOSSIER_CHECKS)[number];

/** What the verifier trusts: the chain, its suite, and validator sets or a light client. */
export interface DossierTrust {
  readonly suite: Suite;
  readonly chainId: string;
  /** Sets trusted to sign header H (e.g. the genesis set of a chain whose set never changed). */
  readonly validatorSets?: readonly ValidatorSet[];
  /** Header H verified here must be the dossier's; otherwise a set it has seen sign counts as trusted. */
  readonly lightClient?: LightClient;
}

export type DossierVerdict =
  | {
      readonly ok: true;
      readonly dossier: Dossier;
      readonly events: readonly HistoryEvent[];
      /** The recomputed history head, proven in the state of header H. */
      readonly head: Uint8Array;
      readonly header: Header;
    }
  | {
      readonly ok: false;
      /** The first link that broke, and the event index when the link is an event's. */
      readonly check: DossierCheck;
      readonly index?: number;
      readonly error: ClientError;
    };

function broken(check: DossierCheck, message: string, index?: number, details: Record<string, unknown> = {}) {
  const code =
    check === 'FORMAT'
      ? 'CLIENT_DOSSIER_MALFORMED'
      : check === 'TRUST'
        ? 'CLIENT_DOSSIER_UNTRUSTED'
        : 'CLIENT_DOSSIER_BROKEN';
  const at = index === undefined ? '' : `event #${index}: `;
  const error = new ClientError(code, `${check}: ${at}${message}`, {
    ...details,
    check,
    ...(index === undefined ? {} : { index }),
  });
  return index === undefined
    ? { ok: false as const, check, error }
    : { ok: false as const, check, index, error };
}

/** Verifies dossier bytes against `trust`; never throws for a bad file, it reports the first broken link. */
export function verifyDossier(bytes: Uint8Array, trust: DossierTrust): DossierVerdict {
  let d: Dossier;
  try {
    d = decodeDossier(bytes);
  } catch (e) {
    if (e instanceof ClientError) {
      const index = typeof e.details.index === 'number' ? e.details.index : undefined;
      return broken('FORMAT', stripCode(e.message), index, e.details);
    }
    throw e;
  }
  const { suite } = trust;
  if (d.suite !== suite.id) return broken('CHAIN', `suite ${d.suite} is not the trusted ${suite.id}`);
  if (d.chainId !== trust.chainId)
    return broken('CHAIN', `chain ${d.chainId} is not the trusted ${trust.chainId}`);

  let head = GENESIS_HEAD;
  let prev: { height: number; txIndex: number } = { height: 0, txIndex: -1 };
  for (const [i, e] of d.events.entries()) {
    if (!e.entities.includes(d.entity)) return broken('EVENT_ENTITY', `does not name ${d.entity}`, i);
    if (e.height < prev.height || (e.height === prev.height && e.txIndex < prev.txIndex))
      return broken(
        'EVENT_ORDER',
        `(height ${e.height}, tx ${e.txIndex}) comes before the previous event`,
        i,
      );
    if (e.height > d.height)
      return broken('EVENT_ORDER', `height ${e.height} is after the dossier height ${d.height}`, i);
    const { head: stated, ...event } = e;
    head = nextHead(suite, head, eventHash(suite, event), e.height, e.txIndex);
    if (!equalBytes(head, stated))
      return broken(
        'EVENT_HEAD',
        'does not follow from the previous head: changed, removed, inserted or reordered',
        i,
      );
    prev = e;
  }

  const { header } = d;
  const n = d.events.length;
  const value = n === 0 ? undefined : historyValue(head, n, d.events[n - 1]!.height);
  const key = new TextEncoder().encode(historyKey(d.entity));
  if (!verifyProof((x) => suite.hash(x), header.stateRoot, key, value, d.proof))
    return broken(
      'STATE_PROOF',
      `the state at ${header.height} does not hold this history of ${n} events (missing events or altered proof)`,
    );

  if (header.height !== d.height || header.chainId !== d.chainId)
    return broken('HEADER', `header is ${header.chainId}#${header.height}, not ${d.chainId}#${d.height}`);
  if (!equalBytes(validatorSetHash(suite, d.validatorSet), header.validatorsHash))
    return broken('VALIDATOR_SET', 'the validator set is not the header’s');
  const trustError = checkTrust(d, trust);
  if (trustError) return broken('TRUST', trustError);
  const check = verifyCommit(suite, d.validatorSet, header, d.commit);
  if (!check.ok)
    return broken('COMMIT', stripCode(check.error.message), undefined, { ...check.error.details });
  const events = d.events.map(({ head: _h, ...e }) => e);
  return { ok: true, dossier: d, events, head, header };
}

/** Why header H or its set is not trusted, or null when it is. */
function checkTrust(d: Dossier, trust: DossierTrust): string | null {
  const lc = trust.lightClient;
  const known = lc?.header(d.header.height);
  if (known) {
    return equalBytes(headerHash(trust.suite, known), headerHash(trust.suite, d.header))
      ? null
      : `header ${d.header.height} differs from the one the light client verified`;
  }
  const hash = d.header.validatorsHash;
  if (lc?.knowsSet(hash)) return null;
  for (const s of trust.validatorSets ?? [])
    if (equalBytes(validatorSetHash(trust.suite, s), hash)) return null;
  return `validator set ${toHex(hash).slice(0, 16)}… is not trusted`;
}
