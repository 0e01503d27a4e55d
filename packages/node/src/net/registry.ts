/**
 * The node registry p2p admission is bound to (issue 3, "peer identity bound to the node registry
 * in state"): the validators in force now and the ones already fixed for the next two heights
 * (a change written in block h takes effect at h+2), plus the observer nodes of `sys/nodes`.
 */
import { decode, toHex } from '@djchain/crypto';
import { SYS_NODES_KEY } from '@djchain/runtime';
import type { Application } from '../app/application.ts';

/** Peer ids (public key hex), sorted, allowed to connect as of the latest committed block. */
export function nodeRegistry(app: Application): string[] {
  const h = app.height();
  const ids = new Set<string>();
  for (const height of [Math.max(1, h), h + 1, h + 2]) {
    for (const v of app.validators(height).validators) ids.add(toHex(v.publicKey));
  }
  for (const id of observerIds(app, h)) ids.add(id);
  return [...ids].sort();
}

/** Observer node ids registered in state version `version`. */
export function observerIds(app: Application, version: number): string[] {
  const bytes = app.store.view(version).get(SYS_NODES_KEY);
  if (bytes === undefined) return [];
  const list = decode(bytes);
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const n of list as readonly { publicKey?: unknown }[]) {
    if (n.publicKey instanceof Uint8Array) out.push(toHex(n.publicKey));
  }
  return out;
}
