/**
 * @djchain/client: light client, proof checks, dossiers, keystore, transaction building and the
 * HTTP SDK. Runs unchanged in Node and browsers: no node: imports, crypto via @djchain/crypto/browser.
 */
export { fromBase64, toBase64 } from './base64.ts';
export {
  buildDossier,
  DOSSIER_FORMAT,
  DOSSIER_VERSION,
  type Dossier,
  type DossierEvent,
  type DossierParts,
  decodeDossier,
} from './dossier/format.ts';
export {
  type ServiceLine,
  type ServiceStatement,
  type StatementVerdict,
  servicesOf,
  verifyServiceStatement,
} from './dossier/statement.ts';
export {
  DOSSIER_CHECKS,
  type DossierCheck,
  type DossierTrust,
  type DossierVerdict,
  verifyDossier,
} from './dossier/verify.ts';
export {
  CLIENT_ERROR_CODES,
  ClientError,
  type ClientErrorCode,
  HttpError,
  isClientError,
} from './errors.ts';
export {
  BLOCK_TX_INDEX,
  EVENT_TAG,
  eventHash,
  GENESIS_HEAD,
  HISTORY_TAG,
  type HistoryEvent,
  historyKey,
  historyValue,
  nextHead,
} from './history.ts';
export {
  type AttachmentMeta,
  type AttachmentRecord,
  type AttachmentScope,
  attachmentHash,
  verifyAttachment,
} from './http/attachments.ts';
export { SESSION_TAG, type SessionRequest, sessionSignBytes } from './http/auth.ts';
export {
  type Action,
  DjchainClient,
  type DjchainClientOptions,
  defaultDjchainClientOptions,
  type NodeStatus,
  type ReadSession,
  type SubmitResult,
  type VerifiedReceipt,
  type VerifiedState,
} from './http/client.ts';
export {
  type BlockMessage,
  type ChainEvent,
  defaultSubscribeOptions,
  type EntityEventMessage,
  type EventKind,
  SseParser,
  type SubscribeOptions,
  subscribeEvents,
} from './http/events.ts';
export { type FetchLike, Transport, type TransportOptions } from './http/transport.ts';
export {
  createKeystore,
  defaultKeystoreOptions,
  KEYSTORE_FORMAT,
  KEYSTORE_MIN_N,
  KEYSTORE_OPEN_MIN_N,
  KEYSTORE_VERSION,
  type KeystoreDeps,
  type KeystoreFile,
  type KeystoreOptions,
  type OpenKeystoreOptions,
  openKeystore,
  parseKeystore,
  type ScryptFn,
} from './keystore.ts';
export { LightClient, type LightClientOptions, type TrustAnchor } from './light-client.ts';
export { checkReceiptProof, checkStateProof } from './proofs.ts';
export type { ChainProof, RegionAnswer } from './region.ts';
export {
  API_VERSION,
  DEFAULT_WAIT_MS,
  EVENT_KINDS,
  type JsonSchema,
  MAX_HEADERS,
  MAX_TXS_PER_POST,
  MAX_WAIT_MS,
  type ObjectSchema,
  type PathParams,
  type ReadRule,
  ROUTES,
  type RouteId,
  type RouteInput,
  type RouteSpec,
  type RouteTag,
  routeUrl,
  schemaProblem,
  schemas,
} from './routes/index.ts';
export {
  readSealed,
  SEALED_READ_PATH,
  SEALED_READ_TAG,
  type SealedAnswer,
  type SealedReadRequest,
  sealedReadDigest,
  sealedReadRequest,
} from './sealed.ts';
export {
  SEALED_DECLARE_MAX_TEXT,
  SEALED_DECLARE_PATH,
  SEALED_DECLARE_TAG,
  type SealedDeclareAnswer,
  type SealedDeclarePayload,
  sealedDeclare,
  sealedDeclareDigest,
  sealedDeclareRequest,
} from './sealed-declare.ts';
export {
  type ImportPlan,
  SEALED_IMPORT_MAX_ROWS,
  SEALED_IMPORT_PATH,
  SEALED_IMPORT_TAG,
  type SealedImportAnswer,
  type SealedImportPayload,
  type SealedImportRequest,
  sealedImport,
  sealedImportDigest,
  sealedImportRequest,
} from './sealed-import.ts';
export {
  commitmentOf,
  postSealed,
  type SealedRequest,
  sealedDigest,
  signSealedRequest,
} from './sealed-request.ts';
export {
  SEALED_RESIDENT_CHECK_MAX_TEXT,
  SEALED_RESIDENT_CHECK_PATH,
  SEALED_RESIDENT_CHECK_TAG,
  type SealedResidentCheckAnswer,
  type SealedResidentCheckPayload,
  sealedResidentCheck,
  sealedResidentCheckDigest,
  sealedResidentCheckRequest,
} from './sealed-resident-check.ts';
export {
  accountKey,
  addressOf,
  buildTx,
  type SignedTx,
  signAction,
  signTransaction,
  type TxRequest,
} from './tx.ts';
