/**
 * The discipline acts of issue 12 through `djchain tx` (real processes, a real node): an expulsion is
 * decided by the branch 书记, referred by the 党委, refused to anyone but the county commission named
 * in genesis (the code, the Chinese reason and 党章第四十二条 printed), and approved with the
 * commission's own keystore.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { djchain } from '@djchain/testkit/process';
import { startTestChain, type TestChain } from './commands-node.ts';

let chain: TestChain;
before(async () => {
  chain = await startTestChain({ commission: true });
});
after(() => chain?.stop());

const api = () => ['--api', chain.url, '--genesis', chain.genesisFile];
const tx = (action: string, params: object, keyFile = chain.keyFile) =>
  djchain([
    'tx',
    action,
    '--params',
    JSON.stringify(params),
    '--key',
    keyFile,
    '--passphrase-file',
    chain.passFile,
    ...api(),
  ]);

test('an expulsion: the branch decides, the 党委 refers, only the county commission approves', () => {
  const decided = tx('discipline.decideSanction', {
    id: 'x1',
    member: 'm-2',
    kind: '开除党籍',
    resolution: 'res-x1',
  });
  assert.equal(decided.status, 0, decided.stdout + decided.stderr);
  const referred = tx('discipline.approveSanction', { id: 'x1', approved: true });
  assert.equal(referred.status, 0, referred.stdout + referred.stderr);
  assert.match(referred.stdout, /discipline\.SanctionReferred/);
  const approval = { id: 'x1', approved: true, resolution: 'res-c1' };
  const refused = tx('discipline.approveByCommission', approval);
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(refused.stdout, /代码：DISCIPLINE_NOT_PERMITTED/);
  assert.match(refused.stdout, /《中国共产党章程》第四十二条/);
  const approved = tx('discipline.approveByCommission', approval, chain.commissionKeyFile);
  assert.equal(approved.status, 0, approved.stdout + approved.stderr);
  assert.match(approved.stdout, /交易已上链并通过验证/);
  assert.match(approved.stdout, /discipline\.SanctionApproved/);
});
