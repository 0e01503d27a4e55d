/** Texts of `djchain demo` (what `npm start` runs): zh-CN first, English second. */
export const DEMO_MESSAGES = {
  demoStarting: { 'zh-CN': '正在启动党建链演示环境……', en: 'Starting the Dangjian Chain demo…' },
  demoProgress: {
    'zh-CN': '写入历史数据 {bar} {done}/{total} 链上日期 {date}',
    en: 'Writing the history {bar} {done}/{total} chain date {date}',
  },
  hierStarting: {
    'zh-CN': '正在启动层级演示：街道链与两条社区链（各一个验证节点），锚定与跨链转接……',
    en: 'Starting the hierarchy demo: a street chain and two community chains (one validator each), anchoring and a cross-chain transfer…',
  },
  hierNode: { 'zh-CN': '  {name}（{chainId}）：{url}', en: '  {name} ({chainId}): {url}' },
  hierRegistered: {
    'zh-CN': '  {parent} 已登记 {child} 的链（书记提出、组织委员确认）。',
    en: '  {parent} registered the chain of {child} (proposed by the 书记, confirmed by the 组织委员).',
  },
  hierTransferred: {
    'zh-CN':
      '  组织关系转接：{east} 的 {from} 转出，{west} 以 {to} 接收（转出记录与档案在 {east} 链高度 {height} 的区块头上验证；该区块头由 {street} 锚定，{street} 的区块头锚定在 {west}）。',
    en: '  Transfer: {from} released by {east}, admitted by {west} as {to} (the release and history proved against {east} header {height}, anchored on {street}, whose header {west} anchors).',
  },
  hierAnchored: {
    'zh-CN': '  已将 {child} 的区块头（高度 {height}）锚定到 {parent}。',
    en: '  Anchored the header of {child} (height {height}) on {parent}.',
  },
  hierAnchorRefused: {
    'zh-CN': '  {child} 的本次锚定未完成：{code}（下次定时重试）。',
    en: '  Anchoring {child} did not go through: {code} (tried again at the next interval).',
  },
  hierIndexStopped: {
    'zh-CN': '  索引进程停止：{reason}',
    en: '  The indexer stopped: {reason}',
  },
  hierRegionApi: {
    'zh-CN': '  索引库的只读接口（辖区看板的数据，仅本机）：{url}/region/chains',
    en: "  The index's read-only API (the region dashboard's data, this machine only): {url}/region/chains",
  },
  hierDashboard: {
    'zh-CN': '  辖区看板（街道党工委）：{url}\n  以 {account} 登录，口令 {passphrase}',
    en: '  Region dashboard (the street committee): {url}\n  Sign in with {account}, passphrase {passphrase}',
  },
  hierReady: {
    'zh-CN':
      '层级演示已就绪。查看街道链上的锚定：djchain anchor status --api {street}\n索引库（PGlite，全部数据已验证）：{index}\n每 11 分钟重新锚定两个社区；按 Ctrl-C 停止。',
    en: 'The hierarchy demo is ready. Anchors on the street chain: djchain anchor status --api {street}\nIndex (PGlite, every value verified): {index}\nThe communities are anchored again every 11 minutes; Ctrl-C stops.',
  },
  demoStopping: { 'zh-CN': '正在停止演示环境……', en: 'Stopping the demo…' },
  demoChildExited: {
    'zh-CN': '子进程意外退出（{why}），演示环境停止。',
    en: 'A child process exited unexpectedly ({why}); the demo stops.',
  },
  demoWiped: { 'zh-CN': '已清空演示数据目录 {dir}', en: 'Emptied the demo data directory {dir}' },
  demoIncomplete: {
    'zh-CN': '上次初始化未完成，已清空后重新开始。',
    en: 'The last first start did not finish; emptied and starting over.',
  },
  demoWebNotBuilt: {
    'zh-CN': '网页应用尚未构建：先运行 npm run build -w packages/web，再重新执行 npm start。',
    en: 'The web app is not built: run npm run build -w packages/web, then npm start again.',
  },
  demoGenerating: {
    'zh-CN': '生成演示社区：{people} 人，{txs} 笔历史交易（{from} 起），{nodes} 个验证节点，计划哈希 {hash}…',
    en: 'Generating the demo community: {people} people, {txs} past transactions (from {from}), {nodes} validators, plan hash {hash}…',
  },
  demoWebEarly: {
    'zh-CN': '网页已可访问：{url}（演示数据正在后台生成，页面顶部显示进度；生成完毕前不能提交交易）',
    en: 'The web app answers at {url} (the demo data is still being generated in the background; the page shows the progress and refuses transactions until it is done)',
  },
  demoReady: { 'zh-CN': '党建链演示环境已就绪', en: 'The Dangjian Chain demo is ready' },
  demoNodes: {
    'zh-CN': '  共识节点：{count} 个验证节点进程（127.0.0.1，经 p2p 组成联盟：{orgs}）',
    en: '  Consensus: {count} validator processes (127.0.0.1, a consortium over p2p: {orgs})',
  },
  demoListSeparator: { 'zh-CN': '、', en: ', ' },
  demoApi: { 'zh-CN': '  接口地址（API）：{url}', en: '  API: {url}' },
  demoOtherApis: { 'zh-CN': '  其他节点接口：{urls}', en: '  Other nodes’ APIs: {urls}' },
  demoWeb: { 'zh-CN': '  网页地址：{url}', en: '  Web app: {url}' },
  demoWebNote: { 'zh-CN': '  网页：{note}', en: '  Web app: {note}' },
  demoNoWeb: { 'zh-CN': '未启动（--no-web）', en: 'not started (--no-web)' },
  demoSealed: {
    'zh-CN': '  个人信息查看服务：{url}（凭链上已提交的查看记录释放，每条一次）',
    en: '  Sealed-data service: {url} (releases fields for a committed read record, once each)',
  },
  demoNoSealed: {
    'zh-CN': '  个人信息查看服务：未启动（本演示数据早于该服务，npm start -- --reset 后可用）',
    en: '  Sealed-data service: not started (this demo data predates it; npm start -- --reset adds it)',
  },
  demoDir: { 'zh-CN': '  数据目录：{dir}{state}', en: '  Data directory: {dir}{state}' },
  demoSeededNow: {
    'zh-CN': '（本次首次启动，已播种演示社区）',
    en: ' (first start: the demo community was seeded)',
  },
  demoKept: { 'zh-CN': '（沿用已有数据，未重新播种）', en: ' (existing data kept, not seeded again)' },
  demoCommunity: {
    'zh-CN':
      '  演示社区：{name}，2 个党总支，6 个党支部；{members} 名党员，{cases} 个发展党员案例；历史交易 {txs} 笔',
    en: '  Demo community: {name}, 2 general branches, 6 branches; {members} members, {cases} recruitment cases; {txs} past transactions',
  },
  demoAccounts: {
    'zh-CN': '  演示账户（密钥库文件，口令均为 "{passphrase}"）：',
    en: '  Demo accounts (keystore files, passphrase "{passphrase}" for each):',
  },
  demoStop: {
    'zh-CN': '  停止：按 Ctrl-C（所有子进程随之停止）；重新开始：npm start -- --reset',
    en: '  Stop: Ctrl-C (every child process stops with it); start over: npm start -- --reset',
  },
  /** Printed in both languages whatever --lang says: nothing real may go into a demo chain. */
  demoOnlyNotice: {
    'zh-CN':
      '  注意：演示账户的密钥与年龄证明种子均由公开的种子（--seed {seed}）推导，任何人都能重新算出；仅供演示，切勿录入真实人员数据或用于生产。',
    en: "  Note: demo keys and age seeds are derived from a public seed (--seed {seed}) that anyone can recompute: for the demo only, never for real people's data or production.",
  },
  DEMO_BAD_FLAG: {
    'zh-CN': '--{name} 应为 {min} 到 {max} 之间的整数（收到 {value}）',
    en: '--{name} must be an integer from {min} to {max} (got {value})',
  },
  DEMO_FAILED: { 'zh-CN': '演示环境启动失败。', en: 'The demo failed to start.' },
  DEMO_NODE_FAILED: {
    'zh-CN': '演示节点进程意外退出：{reason}',
    en: 'A demo node process exited: {reason}',
  },
  DEMO_NO_BLOCKS: {
    'zh-CN': '演示链没有产出所需时间的区块：{reason}',
    en: 'The demo chain produced no block at the time needed: {reason}',
  },
  DEMO_PICK_EMPTY: { 'zh-CN': '演示数据生成出错：{reason}', en: 'Generating the demo data failed: {reason}' },
  DEMO_PLAN_INVALID: {
    'zh-CN': '演示计划无效：{reason}',
    en: 'The demo plan is invalid: {reason}',
  },
  DEMO_BAD_CONFIG: {
    'zh-CN': '演示节点配置有误：{reason}',
    en: 'A demo node configuration is invalid: {reason}',
  },
  DEMO_SEED_REJECTED: {
    'zh-CN': '节点拒收一笔演示历史交易：{reason}',
    en: 'The node refused a demo history transaction: {reason}',
  },
  DEMO_SEED_FAILED: {
    'zh-CN': '一笔演示历史交易上链后被规则拒绝：{reason}',
    en: 'A demo history transaction was committed but refused by the rules: {reason}',
  },
} as const;
