/** Record ids the CLI draws: opaque, unique, and saying what they are (dp- payment, dr- remittance). */
import { randomSeed, toHex } from '@djchain/crypto';

export const paymentId = (member: string, months: readonly string[]) =>
  `dp-${member}-${months[0]!.replace('-', '')}-${toHex(randomSeed()).slice(0, 6)}`;

export const remittanceId = (org: string) => `dr-${org}-${toHex(randomSeed()).slice(0, 8)}`;
