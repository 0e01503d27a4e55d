/** JSON Schema parts several routes share (route table, spec.ts). */

export const hexHash = {
  type: 'string',
  pattern: '^[0-9a-f]{64}$',
  description: '32-byte hash, lowercase hex',
} as const;
export const hexOrNull = { type: ['string', 'null'], pattern: '^[0-9a-f]{64}$' } as const;
export const base64 = {
  type: 'string',
  description: 'standard padded base64 of canonical CBOR',
} as const;
export const height = { type: 'integer', minimum: 0 } as const;

/** The error envelope every failure answers with. */
export const errorEnvelope = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: true,
      properties: {
        code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]+$' },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
} as const;

/** A committed or pending transaction (GET /v1/txs/:hash and its /wait). */
export const txStatus = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['pending', 'committed'] },
    height: { type: 'integer', minimum: 1 },
    index: { type: 'integer', minimum: 0 },
    tx: { ...base64, description: 'the signed transaction (its hash is the one asked for)' },
    receipt: base64,
    receiptProof: { ...base64, description: "merkleProofToValue of the receipt's leaf, canonical CBOR" },
    header: base64,
  },
} as const;

export const txHashParams = {
  type: 'object',
  required: ['hash'],
  properties: { hash: hexHash },
} as const;
