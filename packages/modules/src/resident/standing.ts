/** A signer's standing as a resident, for the permission rules 'resident' and 'representative'. */
import type { ReadStore } from '@djchain/runtime';
import { getResident, residentIdByAddress } from './store.ts';

export function residentStanding(
  store: ReadStore,
  address: string,
): { isResident: boolean; isRepresentative: boolean } {
  const id = residentIdByAddress(store, address);
  const r = id === undefined ? undefined : getResident(store, id);
  const isResident = r !== undefined && r.status === 'bound' && r.address === address;
  return { isResident, isRepresentative: isResident && r.representative !== null };
}
