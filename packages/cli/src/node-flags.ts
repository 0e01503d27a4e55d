/**
 * V8 flags of every validator process the CLI starts — the demo's replay and `djchain start` nodes,
 * the bench's nodes — and of `npm run djchain` (package.json, the same flag written out): a young
 * generation of up to 32 MiB per semi-space instead of V8's 16. A node allocates short-lived objects
 * for every transaction (decoded values, overlays, state-tree nodes); with the larger nursery fewer
 * of them survive into a scavenge, and scavenges come half as often. Measured in the cluster bench
 * (issue 20, round 8 in bench/README.md): CPU per committed transaction per node about 8–12 % lower,
 * RSS not higher. The flag changes only when garbage is collected, never what a node computes.
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
