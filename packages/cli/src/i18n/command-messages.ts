/** Texts of the client-side commands (keys, status, tx, query, dossier, import, export, vault, sealed, validators). */
export const COMMAND_MESSAGES = {
  warnPrefix: { 'zh-CN': '注意：', en: 'Note: ' },
  commandsUsage: {
    'zh-CN': `用法：
  djchain keys new --out 密钥文件.json [--suite intl|gm | --genesis genesis.json] [--label 名称] [--force]
  djchain keys show 密钥文件.json
  djchain status --api 地址 [--genesis genesis.json]
  djchain tx 模块.操作 --params JSON --key 密钥文件.json --api 地址 [--on-behalf-of 地址] [--genesis genesis.json]
  djchain query 模块.查询 [--params JSON] --api 地址
  djchain dossier export 实体 --out 文件 --api 地址 [--genesis genesis.json]
  djchain dossier verify 文件 [--genesis genesis.json]
  djchain attach put 文件 --org 组织 --scope public|community|org|members [--members 编号,…] [--type 媒体类型] --key 密钥文件.json --api 地址
  djchain attach get 哈希 -o 文件 --api 地址 [--key 密钥文件.json]
  djchain orglife export meetings|study --org 组织 [--year 年] --out 文件.xlsx --api 地址 --key 密钥文件.json
  djchain orglife import 会议记录.xlsx --org 组织 --key 密钥文件.json --api 地址
  djchain import members 名册.xlsx --key 密钥文件.json --api 地址 --vault 导入密钥库.json --profiles 档案.jsonl
  djchain export template --out 模板.xlsx
  djchain export roster|report --out 文件.xlsx --api 地址 --root 党委编号 [--sealed 服务地址 --key 查看人密钥.json [--purpose 用途]]
  djchain sealed serve --vault 导入密钥库.json --profiles 档案.jsonl --api 地址 --genesis genesis.json [--port N] [--validity 区块数] [--used 文件] [--declarations 文件] [--resident-checks 文件] [--resident-checks-per-hour 次数]
  djchain vault migrate --vault 导入密钥库.json --profiles 档案.jsonl
  djchain vault erase member:编号 --vault 导入密钥库.json
  djchain validators list --api 地址
  djchain validators propose add|remove|power --public-key 公钥 [--role validator|observer] [--org 组织] [--power 投票权] [--name 名称] [--reason 理由] --key 密钥文件.json --api 地址
  djchain validators approve 提议编号 [--org 本组织编号] --key 密钥文件.json --api 地址
  djchain anchor register --child 下级链地址 [--child-genesis genesis.json] [--name 名称] [--interval 分钟] [--trust-days 天] [--renew] --key 密钥文件.json --api 上级链地址
      （党委书记、副书记、组织委员中两人各以相同内容登记后生效；--renew 以下级链现行验证节点集合重新登记）
  djchain anchor submit --child 下级链地址 [--child-genesis genesis.json] [--height 高度] --key 密钥文件.json --api 上级链地址
  djchain anchor status --api 上级链地址
  djchain index --node 地址 [--node 地址 …] [--genesis genesis.json …] (--db 目录 | --pg postgres://…) [--once] [--serve 端口] [--key 密钥文件.json | --token-file 令牌]
  djchain index serve (--pg postgres://… | --db 目录) [--port 端口]
  djchain declare file --kind 事项类别 --on YYYY-MM-DD (--text 内容 | --text-file 文件) --sealed 服务地址 --key 本人密钥.json --api 地址 [--id 编号]
  djchain declare list --key 本人密钥.json --api 地址
  djchain dues rate 党费类别 计算基数（元） [--month YYYY-MM]
  djchain dues status 党员编号|党组织编号 [--month YYYY-MM | --year YYYY] --api 地址 --key 密钥文件.json
  djchain dues assess 党员编号 --group 党费类别 [--base 元] --from YYYY-MM [--vault 导入密钥库.json --bases 基数.jsonl] --key 密钥文件.json --api 地址
  djchain dues pay 党员编号 --months YYYY-MM[,…] [--amount 元] [--method 现金|转账|其他] [--reference 凭证号] [--reason 说明] [--report] --key 密钥文件.json --api 地址
  djchain dues confirm 记录编号 [--reject --reason 理由] | remit 党组织编号 --amount 元 --period 期间 | acknowledge 上缴单号 | case 党员编号 --outcome 除名|不予除名 --resolution 决议编号
  djchain dues close 党组织编号 [--month YYYY-MM]
  djchain dues audit 党组织编号 [--year YYYY] [--vault 导入密钥库.json --bases 基数.jsonl]（账实不符时退出码 3）
  djchain dues import bases|payments 文件.xlsx [--vault 导入密钥库.json --bases 基数.jsonl] --key 密钥文件.json --api 地址
  djchain dues export register|notice|remittance 党组织编号 --out 文件.xlsx [--month YYYY-MM | --year YYYY] [--sealed 服务地址] [--publish]
口令：交互输入，或 --passphrase-file 文件，或环境变量 DJCHAIN_PASSPHRASE。选项 --lang en 改用英文。`,
    en: `Usage:
  djchain keys new --out key.json [--suite intl|gm | --genesis genesis.json] [--label NAME] [--force]
  djchain keys show key.json
  djchain status --api URL [--genesis genesis.json]
  djchain tx MODULE.ACTION --params JSON --key key.json --api URL [--on-behalf-of ADDRESS] [--genesis genesis.json]
  djchain query MODULE.NAME [--params JSON] --api URL
  djchain dossier export ENTITY --out FILE --api URL [--genesis genesis.json]
  djchain dossier verify FILE [--genesis genesis.json]
  djchain attach put FILE --org ORG --scope public|community|org|members [--members ID,…] [--type MEDIA] --key k.json --api URL
  djchain attach get HASH -o FILE --api URL [--key k.json]
  djchain orglife export meetings|study --org ORG [--year Y] --out FILE.xlsx --api URL --key k.json
  djchain orglife import meetings.xlsx --org ORG --key k.json --api URL
  djchain import members roster.xlsx --key key.json --api URL --vault vault.json --profiles profiles.jsonl
  djchain export template --out template.xlsx
  djchain export roster|report --out FILE.xlsx --api URL --root COMMITTEE_ID [--sealed SERVICE_URL --key reader.json [--purpose TEXT]]
  djchain sealed serve --vault vault.json --profiles profiles.jsonl --api URL --genesis genesis.json [--port N] [--validity BLOCKS] [--used FILE] [--declarations FILE] [--resident-checks FILE] [--resident-checks-per-hour N]
  djchain vault migrate --vault vault.json --profiles profiles.jsonl
  djchain vault erase member:ID --vault vault.json
  djchain validators list --api URL
  djchain validators propose add|remove|power --public-key HEX [--role validator|observer] [--org ORG] [--power N] [--name NAME] [--reason TEXT] --key key.json --api URL
  djchain validators approve PROPOSAL [--org ORG] --key key.json --api URL
  djchain anchor register --child CHILD_URL [--child-genesis genesis.json] [--name NAME] [--interval MINUTES] [--trust-days DAYS] [--renew] --key key.json --api PARENT_URL
      (takes effect when two of 书记, 副书记, 组织委员 sign the same registration; --renew uses the child's current set)
  djchain anchor submit --child CHILD_URL [--child-genesis genesis.json] [--height H] --key key.json --api PARENT_URL
  djchain anchor status --api PARENT_URL
  djchain index --node URL [--node URL …] [--genesis genesis.json …] (--db DIR | --pg postgres://…) [--once] [--serve PORT] [--key key.json | --token-file TOKEN]
  djchain index serve (--pg postgres://… | --db DIR) [--port PORT]
  djchain declare file --kind KIND --on YYYY-MM-DD (--text TEXT | --text-file FILE) --sealed SERVICE_URL --key own-key.json --api URL [--id ID]
  djchain declare list --key own-key.json --api URL
  djchain dues rate GROUP BASE_YUAN [--month YYYY-MM]
  djchain dues status MEMBER|ORG [--month YYYY-MM | --year YYYY] --api URL --key key.json
  djchain dues assess MEMBER --group GROUP [--base YUAN] --from YYYY-MM [--vault vault.json --bases bases.jsonl] --key key.json --api URL
  djchain dues pay MEMBER --months YYYY-MM[,…] [--amount YUAN] [--method 现金|转账|其他] [--reference REF] [--reason TEXT] [--report] --key key.json --api URL
  djchain dues confirm PAYMENT [--reject --reason TEXT] | remit ORG --amount YUAN --period P | acknowledge REMITTANCE | case MEMBER --outcome 除名|不予除名 --resolution ID
  djchain dues close ORG [--month YYYY-MM]
  djchain dues audit ORG [--year YYYY] [--vault vault.json --bases bases.jsonl] (exit 3 on a discrepancy)
  djchain dues import bases|payments FILE.xlsx [--vault vault.json --bases bases.jsonl] --key key.json --api URL
  djchain dues export register|notice|remittance ORG --out FILE.xlsx [--month YYYY-MM | --year YYYY] [--sealed SERVICE_URL] [--publish]
Passphrase: typed at the prompt, or --passphrase-file FILE, or env DJCHAIN_PASSPHRASE. --lang zh-CN for Chinese (default).`,
  },
  CLI_UNKNOWN_SUB: {
    'zh-CN': '未知子命令“{sub}”，可用：{choices}。',
    en: 'Unknown subcommand "{sub}"; use one of: {choices}.',
  },
  CLI_MISSING_OPTION: { 'zh-CN': '缺少选项 --{option}。', en: 'Missing option --{option}.' },
  CLI_MISSING_ARG: { 'zh-CN': '缺少参数：{what}。', en: 'Missing argument: {what}.' },
  CLI_FILE_EXISTS: {
    'zh-CN': '文件 {file} 已存在。为免覆盖已有密钥，请换一个文件名，或加 --force。',
    en: 'File {file} exists. To avoid overwriting a key, choose another name or add --force.',
  },
  CLI_CANNOT_READ: { 'zh-CN': '无法读取文件 {file}：{reason}', en: 'Cannot read {file}: {reason}' },
  CLI_BAD_JSON: { 'zh-CN': '{what} 不是有效的 JSON：{reason}', en: '{what} is not valid JSON: {reason}' },
  CLI_BAD_GENESIS: {
    'zh-CN': '创世文件 {file} 格式错误：{reason}',
    en: 'Genesis file {file} is malformed: {reason}',
  },
  CLI_NO_PASSPHRASE: {
    'zh-CN': '需要口令：请在终端运行以便输入，或用 --passphrase-file 文件 / 环境变量 DJCHAIN_PASSPHRASE。',
    en: 'A passphrase is needed: run in a terminal to type it, or use --passphrase-file FILE / env DJCHAIN_PASSPHRASE.',
  },
  passphrasePrompt: { 'zh-CN': '请输入口令：', en: 'Passphrase: ' },
  passphraseRepeat: { 'zh-CN': '请再次输入口令：', en: 'Repeat the passphrase: ' },
  CLI_PASSPHRASE_MISMATCH: { 'zh-CN': '两次输入的口令不一致。', en: 'The two passphrases differ.' },
  CLI_PASSPHRASE_SHORT: {
    'zh-CN': '口令太短：至少 8 个字符。',
    en: 'The passphrase is too short: at least 8 characters.',
  },
  keyCreated: {
    'zh-CN':
      '已生成密钥文件（scrypt + AES-256-GCM 加密，权限 0600）：\n  文件：{file}\n  密码套件：{suite}\n  地址：{address}\n  公钥：{publicKey}\n请妥善保管口令：遗失口令将无法恢复私钥。',
    en: 'Created the keystore (scrypt + AES-256-GCM, mode 0600):\n  file: {file}\n  suite: {suite}\n  address: {address}\n  public key: {publicKey}\nKeep the passphrase safe: without it the key cannot be recovered.',
  },
  keyShow: {
    'zh-CN':
      '密钥文件：{file}\n  密码套件：{suite}\n  地址：{address}\n  公钥：{publicKey}\n  名称：{label}\n  密钥派生：scrypt N={N} r={r} p={p}',
    en: 'Keystore: {file}\n  suite: {suite}\n  address: {address}\n  public key: {publicKey}\n  label: {label}\n  KDF: scrypt N={N} r={r} p={p}',
  },
  keyOpened: { 'zh-CN': '口令正确，私钥可以解开。', en: 'The passphrase opens the key.' },
  tofu: {
    'zh-CN':
      '未提供 --genesis：以节点在高度 1 报告的验证人集合作为信任起点（首次使用即信任）。正式使用请指定可信的 genesis.json。\n',
    en: 'No --genesis: trusting the validator set the node reports for height 1 (trust on first use). Give a trusted genesis.json in production.\n',
  },
  CLI_GENESIS_MISMATCH: {
    'zh-CN': '节点运行的链（{nodeChain}，{nodeSuite}）与创世文件（{chainId}，{suite}）不符。',
    en: "The node runs chain {nodeChain} ({nodeSuite}), not the genesis file's {chainId} ({suite}).",
  },
  status: {
    'zh-CN':
      '链标识：{chainId}\n密码套件：{suite}\n高度：{height}\n区块时间：{time}\n区块头哈希：{headerHash}\n状态根：{stateRoot}\n验证人：{validators} 个（总投票权 {power}）\n节点：{nodeId}\n已由轻客户端验证的最新区块头：{verified}',
    en: 'Chain: {chainId}\nSuite: {suite}\nHeight: {height}\nBlock time: {time}\nHeader hash: {headerHash}\nState root: {stateRoot}\nValidators: {validators} (total power {power})\nNode: {nodeId}\nLatest header verified by the light client: {verified}',
  },
  statusJailed: {
    'zh-CN':
      '已停权：{name}（高度 {since} 的证据，自高度 {effective} 起投票权为 0；详见 djchain validators list）',
    en: 'Jailed: {name} (evidence at height {since}, power 0 from height {effective}; see djchain validators list)',
  },
  CLI_BAD_ACTION: {
    'zh-CN': '“{action}”不是“模块.操作”的形式（例如 member.register）。',
    en: '"{action}" is not of the form module.action (e.g. member.register).',
  },
  CLI_BAD_ADDRESS: {
    'zh-CN': '“{value}”不是地址（40 位小写十六进制）。',
    en: '"{value}" is not an address (40 lowercase hex).',
  },
  txCommitted: {
    'zh-CN':
      '交易已上链并通过验证：\n  交易哈希：{hash}\n  高度：{height}，序号：{index}\n  结果：成功\n  事件：{events}',
    en: 'Committed and verified:\n  tx hash: {hash}\n  height: {height}, index: {index}\n  result: ok\n  events: {events}',
  },
  txFailed: {
    'zh-CN':
      '交易已上链（高度 {height}，哈希 {hash}），但被规则拒绝：\n  代码：{code}\n  原因：{reason}\n  依据：{cite}{details}',
    en: 'Committed (height {height}, hash {hash}) but refused by the rules:\n  code: {code}\n  reason: {reason}\n  rule: {cite}{details}',
  },
  txRejected: {
    'zh-CN': '节点拒绝接收该交易：\n  代码：{code}\n  原因：{reason}',
    en: 'The node refused the transaction:\n  code: {code}\n  reason: {reason}',
  },
  noCite: { 'zh-CN': '（无）', en: '(none)' },
  queryResult: {
    'zh-CN': '高度 {height} 的查询结果（由节点计算，未经证明）：\n{result}',
    en: 'Result at height {height} (computed by the node, not proved):\n{result}',
  },
  attachPut: {
    'zh-CN':
      '附件已登记并上传：{file}\n  哈希（SHA-256）：{hash}\n  大小：{size} 字节 · {mediaType}\n  组织：{org} · 读者范围：{scope} · 登记高度：{registered}',
    en: 'Attachment registered and uploaded: {file}\n  hash (SHA-256): {hash}\n  size: {size} bytes · {mediaType}\n  organization: {org} · readers: {scope} · registered at height: {registered}',
  },
  attachWasRegistered: { 'zh-CN': '此前已登记', en: 'registered before' },
  attachGet: {
    'zh-CN': '附件已下载并核对哈希：{file}\n  哈希（SHA-256）：{hash} · {size} 字节',
    en: 'Attachment downloaded, its hash checked: {file}\n  hash (SHA-256): {hash} · {size} bytes',
  },
  dossierSaved: {
    'zh-CN': '档案已导出并验证：{file}\n  实体：{entity}\n  事件：{events} 条，证明高度 {height}',
    en: 'Dossier exported and verified: {file}\n  entity: {entity}\n  events: {events}, proved at height {height}',
  },
  dossierOk: {
    'zh-CN': '档案验证通过：{entity}（链 {chainId}，高度 {height}）',
    en: 'Dossier verified: {entity} (chain {chainId}, height {height})',
  },
  dossierCheckOk: { 'zh-CN': '  ✓ {name}', en: '  ✓ {name}' },
  dossierBroken: {
    'zh-CN': '档案验证失败：第一个断裂的环节是“{name}”{at}。\n  说明：{reason}',
    en: 'Dossier verification failed: the first broken link is "{name}"{at}.\n  detail: {reason}',
  },
  dossierAt: { 'zh-CN': '（第 {n} 条事件）', en: ' (event #{n})' },
  dossierEvent: { 'zh-CN': '  {n}. 高度 {height} · {type}', en: '  {n}. height {height} · {type}' },
  dossierSelfTrust: {
    'zh-CN':
      '未提供 --genesis：只能确认档案内部一致且由其自带的验证人集合签署；该集合是否可信须用 genesis.json 核对。\n',
    en: 'No --genesis: this only shows the file is consistent and signed by the validator set it carries; check that set against a trusted genesis.json.\n',
  },
  CLI_CLIENT_ERROR: { 'zh-CN': '{code}：{reason}', en: '{code}: {reason}' },
  CLI_INDEX_DB: {
    'zh-CN': '无法打开索引数据库 {db}：{reason}',
    en: 'Cannot open the index database {db}: {reason}',
  },
  CLI_INDEX_SCHEMA: {
    'zh-CN': '索引数据库 {db} 的表结构版本为 {found}，本程序使用版本 {expected}。请另选目录重建索引。',
    en: 'The index database {db} has schema version {found}; this program uses version {expected}. Rebuild the index in another directory.',
  },
  CLI_INDEX_UNVERIFIED: {
    'zh-CN': '节点 {api} 在高度 {height} 提供的数据（{what}）与已验证的区块头不符，未写入任何数据。',
    en: 'The node at {api} served a {what} at height {height} that does not match the verified header; nothing was written.',
  },
  CLI_INDEX_RACE: {
    'zh-CN': '链 {chainId} 的高度 {height} 已由另一个索引进程写入；请只运行一个索引进程。',
    en: 'Height {height} of chain {chainId} was written by another indexer; run only one indexer per database.',
  },
  indexProgress: {
    'zh-CN':
      '链 {chainId}：已索引至高度 {to}（本次自 {from} 起，{events} 条事件，{indexValues} 条运行指数记录）',
    en: 'Chain {chainId}: indexed to height {to} (from {from} this run, {events} events, {indexValues} operation index records)',
  },
  indexServing: {
    'zh-CN': '辖区看板的只读接口（JSON）：{url}/region/chains\n',
    en: "The dashboards' read-only API (JSON): {url}/region/chains\n",
  },
  indexFollowing: {
    'zh-CN': '正在跟随 {chains} 条链，写入 {db}；按 Ctrl-C 停止。\n',
    en: 'Following {chains} chain(s) into {db}; Ctrl-C stops.\n',
  },
  CLI_NETWORK: { 'zh-CN': '无法连接节点 {api}：{reason}', en: 'Cannot reach the node at {api}: {reason}' },
  badPassphrase: {
    'zh-CN': '口令错误，或密钥文件已被改动（CLIENT_KEYSTORE_BAD_PASSPHRASE）。',
    en: 'Wrong passphrase, or the keystore file was altered (CLIENT_KEYSTORE_BAD_PASSPHRASE).',
  },
  CLI_BAD_VAULT: {
    'zh-CN': '导入密钥库 {file} 格式错误。请核对备份；切勿重新生成，否则已导入人员将无法识别。',
    en: 'Import vault {file} is malformed. Restore it from backup; a new one would not recognise people already imported.',
  },
  CLI_VAULT_OTHER_CHAIN: {
    'zh-CN': '导入密钥库 {file} 属于链 {chainId}，不是当前的 {expected}。',
    en: 'Import vault {file} belongs to chain {chainId}, not {expected}.',
  },
  vaultCreated: {
    'zh-CN':
      '已新建导入密钥库 {file}（权限 0600）：其中的盐值用于生成党员编号，每名党员各有一把随机的档案密钥，请离线备份。\n',
    en: 'Created the import vault {file} (mode 0600): its salt makes member ids and it keeps one random profile key per member; back it up offline.\n',
  },
  sealedListening: {
    'zh-CN':
      '个人信息查看服务已启动：{url}（只凭链上已提交的查看记录释放字段；记录有效期 {validity} 个区块，每条只用一次）',
    en: 'Sealed-data service listening on {url} (fields released only for committed read records; valid for {validity} blocks, once each)',
  },
  CLI_BAD_PORT_OPTION: { 'zh-CN': '端口 {port} 无效。', en: 'Invalid port {port}.' },
  CLI_BAD_VALIDITY: {
    'zh-CN': '--validity 应为 1 到 100000 之间的区块数（收到 {validity}）。',
    en: '--validity must be a number of blocks from 1 to 100000 (got {validity}).',
  },
  CLI_BAD_CHECKS_PER_HOUR: {
    'zh-CN': '--resident-checks-per-hour 应为 1 到 10000 之间的整数（收到 {value}）。',
    en: '--resident-checks-per-hour must be a whole number from 1 to 10000 (got {value}).',
  },
  sealedRefused: {
    'zh-CN': '党员 {member} 的个人信息未释放（{code}）：{reason}',
    en: 'Personal fields of member {member} not released ({code}): {reason}',
  },
  CLI_EXPORT_VAULT_GONE: {
    'zh-CN':
      '导出不再直接读取 --vault/--profiles（那样读取不留痕）。请改用 --sealed 服务地址 --key 查看人密钥文件.json：每名党员先在链上留下查看记录，再由个人信息查看服务释放字段。',
    en: 'Export no longer reads --vault/--profiles itself (such reads leave no trace). Use --sealed SERVICE_URL --key reader.json: a read record per member is committed on chain first, then the sealed-data service releases the fields.',
  },
  CLI_VAULT_V1: {
    'zh-CN':
      '导入密钥库 {file} 是第 1 版（所有档案密钥由一把主密钥派生，无法逐人删除）。请先运行 djchain vault migrate --vault {file} --profiles 档案.jsonl 转换为每人一把密钥的第 2 版。',
    en: 'Import vault {file} is version 1 (every profile key derived from one master key, so no one can be erased alone). Convert it first: djchain vault migrate --vault {file} --profiles profiles.jsonl (one key per member, version 2).',
  },
  vaultMigrated: {
    'zh-CN':
      '已将导入密钥库 {file} 转换为第 2 版：写入 {count} 名党员各自的档案密钥，主密钥已删除。请重新离线备份，并销毁旧备份。',
    en: 'Converted import vault {file} to version 2: {count} members’ own profile keys written, the master key removed. Back it up again offline and destroy the old backups.',
  },
  vaultErased: {
    'zh-CN':
      '已销毁党员 {member} 的档案密钥（{file}）：其加密档案再也无法打开；链上的承诺值与所有证明保持不变。离线备份中仍有该密钥，须一并销毁。',
    en: 'Destroyed the profile key of member {member} ({file}): their sealed profile can no longer be opened; the commitment on chain and every proof are unchanged. Offline backups still hold the key: destroy them too.',
  },
  CLI_VAULT_NO_KEY: {
    'zh-CN': '导入密钥库 {file} 中没有党员 {member} 的档案密钥（从未导入，或已销毁）。',
    en: 'Import vault {file} holds no profile key for member {member} (never imported, or already erased).',
  },
  CLI_ROSTER_MISSING: {
    'zh-CN': '名册 {file} 缺少必需的列：{columns}。可用 djchain export template 获取模板。',
    en: 'Roster {file} lacks the columns: {columns}. Get a template with djchain export template.',
  },
  rowError: { 'zh-CN': '第 {row} 行：{text}', en: 'Row {row}: {text}' },
  CLI_NO_ROOT: {
    'zh-CN': '无法确定上级党委：签名密钥不在任何党委任职。请用 --root 指定党委编号。',
    en: 'Cannot tell the committee: the signing key holds no post in a 党委. Name it with --root.',
  },
  importSummary: {
    'zh-CN':
      '导入完成：共 {total} 行，新导入 {imported} 人，已在链上跳过 {skipped} 人，有误 {bad} 行。\n个人档案已加密保存在 {profiles}（请与导入密钥库一起妥善保管）。',
    en: 'Import done: {total} rows, {imported} imported, {skipped} already on chain (skipped), {bad} rows with errors.\nSealed profiles are in {profiles} (keep them with the vault).',
  },
  CLI_ROW_REFUSED: {
    'zh-CN': '第 {row} 行：链上拒绝（{code}）：{reason}{cite}',
    en: 'Row {row}: refused on chain ({code}): {reason}{cite}',
  },
  progress: { 'zh-CN': '导入', en: 'Importing' },
  templateWritten: { 'zh-CN': '已生成导入模板：{file}', en: 'Template written: {file}' },
  exportWritten: {
    'zh-CN': '已导出 {what}：{file}（{rows} 行，数据取自链上高度 {height}）',
    en: 'Exported {what}: {file} ({rows} rows, chain height {height})',
  },
  CLI_BAD_NUMBER: {
    'zh-CN': '选项 --{option} 的值“{value}”不是正整数。',
    en: 'Option --{option}: "{value}" is not a positive integer.',
  },
  anchorRelayed: {
    'zh-CN': '下级链 {chain} 高度 {height} 的区块头（{hash}）已提交上级链锚定。',
    en: 'Header {height} of child chain {chain} ({hash}) submitted for anchoring.',
  },
  anchorRow: {
    'zh-CN': '  {chain}（{name}）　最新锚定高度 {height}　区块头 {hash}　状态根 {root}　锚定于上级高度 {at}',
    en: '  {chain} ({name})  latest anchored height {height}  header {hash}  state root {root}  anchored at parent height {at}',
  },
  CLI_NOT_RELEASED: {
    'zh-CN': '转出链在高度 {height} 没有转出记录 {transfer} 或党员 {member} 的档案。',
    en: 'The sending chain holds no release {transfer} or no history of member {member} at height {height}.',
  },
  CLI_NOT_ANCHORED: {
    'zh-CN':
      '链 {parent} 在高度 {height} 尚未锚定链 {chain}：请先将 {chain} 的区块头锚定到 {parent}（djchain anchor submit）。',
    en: 'Chain {parent} had not anchored chain {chain} at height {height}: anchor a header of {chain} on {parent} first (djchain anchor submit).',
  },
  CLI_PATH_LEVELS: {
    'zh-CN': '锚定路径须有 1 至 {max} 级，现为 {levels} 级。',
    en: 'An anchor path has 1 to {max} levels, not {levels}.',
  },
  CLI_ADMITTED: {
    'zh-CN': '接收链 {chain} 在高度 {height} 已接收转出记录 {transfer}，不能收回。',
    en: 'Receiving chain {chain} had admitted release {transfer} at height {height}: it cannot be reclaimed.',
  },
  anchorReclaimed: {
    'zh-CN': '转出记录 {transfer} 已收回：接收链 {chain} 在已锚定高度 {height} 未接收，组织关系恢复。',
    en: 'Release {transfer} reclaimed: receiving chain {chain} had not admitted it at anchored height {height}; the membership is unfrozen.',
  },
  CLI_NO_ANCHOR: {
    'zh-CN':
      '本链没有接收链 {chain} 的锚定区块头：请先登记并锚定（djchain anchor register / submit），或用 --height 指定已锚定的高度。',
    en: 'This chain holds no anchored header of receiving chain {chain}: register and anchor it first (djchain anchor register / submit), or give an anchored --height.',
  },
  CLI_NOT_A_MEMBER: {
    'zh-CN': '密钥 {address} 不属于任何党员：个人事项申报须用本人的密钥。',
    en: "Key {address} is no member's: a personal declaration is signed with the member's own key.",
  },
  CLI_BAD_DATE: {
    'zh-CN': '选项 --{option} 的值“{value}”不是日期（YYYY-MM-DD）。',
    en: 'Option --{option}: "{value}" is not a date (YYYY-MM-DD).',
  },
  CLI_DECLARE_KIND: {
    'zh-CN': '本链没有“{kind}”这一申报类别；可申报的类别：{kinds}。',
    en: 'This chain has no declaration kind "{kind}"; the kinds are: {kinds}.',
  },
  CLI_DECLARE_TOO_LONG: {
    'zh-CN': '申报内容有 {length} 个字，超过 {max} 字；更多材料请作为附件另行提交。',
    en: 'The content has {length} characters, more than {max}; longer material goes in an attachment.',
  },
  declareFiled: {
    'zh-CN': '个人事项申报 {id}（{kind}，事项日期 {on}）已提交：内容已密封保存，链上只记录承诺值。',
    en: 'Declaration {id} ({kind}, matter of {on}) filed: the content is sealed; the chain holds only its commitment.',
  },
  declareNone: { 'zh-CN': '党员 {member} 没有个人事项申报。', en: 'Member {member} has no declarations.' },
  declareRow: {
    'zh-CN': '  {id}　{kind}　事项日期 {on}　申报日期 {filed}　状态 {status}{late}',
    en: '  {id}  {kind}  matter {on}  filed {filed}  status {status}{late}',
  },
  declareLate: { 'zh-CN': '　（逾期申报）', en: '  (filed late)' },
  anchorProposed: {
    'zh-CN': '下级链 {chain} 的登记已提交，须由党委书记、副书记、组织委员中另一人以相同内容登记后生效。',
    en: 'Registration of child chain {chain} proposed: it takes effect when another of 书记, 副书记, 组织委员 signs the same registration.',
  },
  anchorRegistered: {
    'zh-CN': '下级链 {chain} 已由两人登记生效（信任期 {days} 天）。',
    en: 'Child chain {chain} registered by two post holders (trusting period {days} days).',
  },
  anchorNone: { 'zh-CN': '  {chain}（{name}）　尚未锚定', en: '  {chain} ({name})  not anchored yet' },
  valHeader: {
    'zh-CN': '验证节点（链上高度 {height} 的状态，自高度 {from} 起生效）：',
    en: 'Validators (state at height {height}, in force from height {from}):',
  },
  valRow: {
    'zh-CN': '  {name}　投票权 {power}　组织 {org}　公钥 {key}',
    en: '  {name}  power {power}  org {org}  key {key}',
  },
  valObservers: { 'zh-CN': '观察节点：{count} 个', en: 'Observer nodes: {count}' },
  valObserverRow: { 'zh-CN': '  {name}　组织 {org}　公钥 {key}', en: '  {name}  org {org}  key {key}' },
  valJailed: { 'zh-CN': '已停权的验证节点：{count} 个', en: 'Jailed validators: {count}' },
  valJailedRow: {
    'zh-CN':
      '  {name}（{key}）原投票权 {power}，高度 {since} 停权，自高度 {effective} 起投票权为 0；证据：{evidence}',
    en: '  {name} ({key}) had power {power}, jailed at height {since}, power 0 from height {effective}; evidence: {evidence}',
  },
  valPending: { 'zh-CN': '待审批的变更：{count} 项', en: 'Pending proposals: {count}' },
  valPendingRow: {
    'zh-CN': '  #{id} {change}　已批准：{approvals}　有效至高度 {expires}',
    en: '  #{id} {change}  approved by: {approvals}  open until height {expires}',
  },
  valScheduledRow: {
    'zh-CN': '  #{id} {change}　已批准，自高度 {effective} 起生效',
    en: '  #{id} {change}  approved, in force from height {effective}',
  },
  unexpected: { 'zh-CN': '意外错误（{code}）：{reason}', en: 'Unexpected failure ({code}): {reason}' },
  CLI_INTERRUPTED: { 'zh-CN': '已中断输入。', en: 'Input interrupted.' },
  CLI_NOT_A_WORKER: {
    'zh-CN': '该文件只能作为工作线程运行。',
    en: 'This file runs as a worker thread only.',
  },
  CLI_NO_PROFILE_KEY: {
    'zh-CN': '未能为 {member} 生成档案密钥（程序缺陷），导入已停止。',
    en: 'No profile key was drawn for {member} (a defect); the import stopped.',
  },
  /** Names of the dossier checks (client `DossierCheck`), in the order they run. */
  'dossierCheck.FORMAT': { 'zh-CN': '文件格式', en: 'file format' },
  'dossierCheck.CHAIN': { 'zh-CN': '链标识与密码套件', en: 'chain id and suite' },
  'dossierCheck.EVENT_ENTITY': { 'zh-CN': '每条事件都属于该实体', en: 'every event names the entity' },
  'dossierCheck.EVENT_ORDER': { 'zh-CN': '事件按区块顺序排列', en: 'events in block order' },
  'dossierCheck.EVENT_HEAD': { 'zh-CN': '事件哈希链前后相连', en: 'the events’ hash chain links up' },
  'dossierCheck.STATE_PROOF': { 'zh-CN': '历史头在链上状态中的证明', en: 'state proof of the history head' },
  'dossierCheck.HEADER': { 'zh-CN': '区块头属于该链该高度', en: 'the header is the chain’s at that height' },
  'dossierCheck.VALIDATOR_SET': {
    'zh-CN': '验证人集合与区块头一致',
    en: 'the validator set is the header’s',
  },
  'dossierCheck.TRUST': {
    'zh-CN': '验证人集合可信（与创世文件一致）',
    en: 'the validator set is trusted (genesis)',
  },
  'dossierCheck.COMMIT': {
    'zh-CN': '提交证书（超过 2/3 投票权签名）',
    en: 'commit certificate (> 2/3 of the power signed)',
  },
  detailsLabel: { 'zh-CN': '详情：', en: 'details: ' },
  exportRoster: { 'zh-CN': '党员名册', en: 'roster' },
  exportReport: { 'zh-CN': '发展党员情况报表', en: 'recruitment report' },
} as const;
