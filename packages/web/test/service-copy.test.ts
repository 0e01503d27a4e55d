/**
 * `src/app/service.ts` takes the service kinds, provider kinds and order statuses from
 * @djchain/modules/lists (the data-only path the web app may import). This test checks that the page's
 * lists are the modules': a drift fails here, not on a resident's phone.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  SERVICE_KINDS as CHAIN_KINDS,
  PROVIDER_KINDS as CHAIN_PROVIDERS,
  ORDER_STATUSES as CHAIN_STATUSES,
} from '@djchain/modules';
import {
  SERVICE_KINDS as WEB_KINDS,
  PROVIDER_KINDS as WEB_PROVIDERS,
  ORDER_STATUSES as WEB_STATUSES,
} from '../src/app/service.ts';

it("the web copies of the service kinds, provider kinds and order statuses are the modules' lists, in order", () => {
  assert.deepEqual([...WEB_KINDS], [...CHAIN_KINDS]);
  assert.deepEqual([...WEB_PROVIDERS], [...CHAIN_PROVIDERS]);
  assert.deepEqual([...WEB_STATUSES], [...CHAIN_STATUSES]);
  assert.deepEqual(
    [...WEB_STATUSES],
    ['ordered', 'dispatched', 'accepted', 'done', 'confirmed', 'cancelled', 'failed'],
  );
});
