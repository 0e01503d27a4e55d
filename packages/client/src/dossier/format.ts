/**
 * The dossier file (DESIGN §5, issue 4 "Dossier"): one entity's whole history, verifiable offline.
 * One canonical CBOR map, version 1:
 *   format: "djchain-dossier", version: 1, chainId, suite ("intl" | "gm"), entity, height (H),
 *   events: [{ module, type, entities, data, height, txIndex, head }, …] in history order, where
 *           head is the history head after the event (stated so a verifier can name the first
 *           event that does not follow — it is recomputed, never trusted),
 *   proof: the state proof (state encodeProof bytes) of hist/<entity> at H,
 *   header: header H, commit: the commit certificate of H, validatorSet: the set of H.
 */
import { decode, encode, type Suite, type SuiteId, type Value } from '@djchain/crypto/browser';
import {
  type CommitCertificate,
  commitFromValue,
  commitToValue,
  eventFromValue,
  Fields,
  type Header,
  headerFromValue,
  headerToValue,
  isLedgerError,
  isMap,
  type ValidatorSet,
  validatorSetFromValue,
  validatorSetToValue,
} from '@djchain/ledger';
import { decodeProof, encodeProof, type Proof } from '@djchain/state';
import { ClientError } from '../errors.ts';
import { eventHash, GENESIS_HEAD, type HistoryEvent, nextHead } from '../history.ts';

export const DOSSIER_FORMAT = 'djchain-dossier';
export const DOSSIER_VERSION = 1;

/** A history event as the dossier carries it, with the head stated after it. */
export interface DossierEvent extends HistoryEvent {
  readonly head: Uint8Array;
}

export interface Dossier {
  readonly version: number;
  readonly chainId: string;
  readonly suite: SuiteId;
  readonly entity: string;
  readonly height: number;
  readonly events: readonly DossierEvent[];
  readonly proof: Proof;
  readonly header: Header;
  readonly commit: CommitCertificate;
  readonly validatorSet: ValidatorSet;
}

/** What the node has at hand when it exports a dossier at height H = header.height. */
export interface DossierParts {
  readonly suite: Suite;
  readonly chainId: string;
  readonly entity: string;
  /** The entity's events in order (evt/<entity>/<seq>, seq = 0, 1, …). */
  readonly events: readonly HistoryEvent[];
  /** The proof of hist/<entity> in the state after block H. */
  readonly proof: Proof;
  readonly header: Header;
  readonly commit: CommitCertificate;
  readonly validatorSet: ValidatorSet;
}

/** The dossier bytes: pure, the heads computed here from the events. */
export function buildDossier(parts: DossierParts): Uint8Array {
  let head = GENESIS_HEAD;
  const events = parts.events.map((e): Value => {
    head = nextHead(parts.suite, head, eventHash(parts.suite, e), e.height, e.txIndex);
    return {
      module: e.module,
      type: e.type,
      entities: [...e.entities],
      data: e.data,
      height: e.height,
      txIndex: e.txIndex,
      head,
    };
  });
  return encode({
    format: DOSSIER_FORMAT,
    version: DOSSIER_VERSION,
    chainId: parts.chainId,
    suite: parts.suite.id,
    entity: parts.entity,
    height: parts.header.height,
    events,
    proof: encodeProof(parts.proof),
    header: headerToValue(parts.header),
    commit: commitToValue(parts.commit),
    validatorSet: validatorSetToValue(parts.validatorSet),
  });
}

function malformed(message: string, details: Record<string, unknown> = {}): ClientError {
  return new ClientError('CLIENT_DOSSIER_MALFORMED', message, details);
}

/** A coded error's message without its "CODE: " prefix. */
export function stripCode(message: string): string {
  return message.replace(/^[A-Z_]+: /, '');
}

/** Runs a ledger reader, turning its coded error into CLIENT_DOSSIER_MALFORMED naming `field`. */
function read<T>(field: string, fn: () => T, index?: number): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ClientError) {
      if (index === undefined || e.details.index !== undefined) throw e;
      throw malformed(stripCode(e.message), { ...e.details, index });
    }
    if (isLedgerError(e) || (e as { code?: string }).code?.startsWith('STATE_'))
      throw malformed(
        `${field}: ${(e as Error).message}`,
        index === undefined ? { field } : { field, index },
      );
    throw e;
  }
}

function readEvent(v: Value, i: number): DossierEvent {
  const what = `events[${i}]`;
  return read(
    what,
    () => {
      if (!isMap(v)) throw malformed(`${what} must be a map`);
      const { height, txIndex, head, ...rest } = v;
      // Height 0: events the genesis emits (org.Created, member.Imported …) open every history.
      if (typeof height !== 'number' || !Number.isSafeInteger(height) || height < 0)
        throw malformed(`${what}.height must be a non-negative integer`);
      if (typeof txIndex !== 'number' || !Number.isSafeInteger(txIndex) || txIndex < -1)
        throw malformed(`${what}.txIndex must be an integer ≥ -1`);
      if (!(head instanceof Uint8Array) || head.length !== 32)
        throw malformed(`${what}.head must be 32 bytes`);
      return { ...eventFromValue(rest, what), height, txIndex, head };
    },
    i,
  );
}

/** Parses dossier bytes (shape only, nothing verified); CLIENT_DOSSIER_MALFORMED naming the field. */
export function decodeDossier(bytes: Uint8Array): Dossier {
  let v: Value;
  try {
    v = decode(bytes);
  } catch (e) {
    throw malformed(`not canonical CBOR (${(e as Error).message})`, { field: '' });
  }
  return read('dossier', () => {
    const f: Fields = new Fields('LEDGER_BAD_ENCODING', 'dossier', v);
    if (f.str('format', 32) !== DOSSIER_FORMAT) f.fail('format', `must be "${DOSSIER_FORMAT}"`);
    const version = f.uint('version');
    if (version !== DOSSIER_VERSION)
      f.fail('version', `${version} is not supported (only ${DOSSIER_VERSION})`);
    const chainId = f.str('chainId', 64);
    const suite = f.str('suite', 8);
    if (suite !== 'intl' && suite !== 'gm') f.fail('suite', 'must be "intl" or "gm"');
    const entity = f.str('entity', 128);
    const height = f.uint('height');
    const events = f.list('events', 1_000_000).map(readEvent);
    const proof = read('proof', () => decodeProof(f.bytes('proof')));
    const header = read('header', () => headerFromValue(f.raw('header')));
    const commit = read('commit', () => commitFromValue(f.raw('commit')));
    const validatorSet = read('validatorSet', () => validatorSetFromValue(f.raw('validatorSet')));
    f.done();
    return { version, chainId, suite, entity, height, events, proof, header, commit, validatorSet };
  });
}
