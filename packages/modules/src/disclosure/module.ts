/**
 * The disclosure module (党务公开, 《中国共产党党务公开条例（试行）》): items an organization makes
 * public to residents, to the community's Party members or to one organization's members, for a
 * period, with their content as an attachment; corrections and withdrawals as linked items; and the
 * items other modules' acts require, created at the next block's start (outbox.ts, hook.ts).
 */
import type { ModuleDef } from '@djchain/runtime';
import { MODULE } from '../common/stores.ts';
import { correct, publish, withdraw } from './actions.ts';
import { publishAnnounced } from './hook.ts';
import { disclosureQueries } from './queries.ts';

export const disclosureModule: ModuleDef = {
  name: MODULE.disclosure,
  actions: { publish, correct, withdraw },
  queries: disclosureQueries,
  beginBlock: publishAnnounced,
};
