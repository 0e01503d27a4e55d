/** Texts of `djchain init` and `djchain start`: zh-CN first, English second. Placeholders are {name}. */
export const NODE_MESSAGES = {
  usage: {
    'zh-CN':
      '用法：\n  djchain demo [--reset] [--members 人数]        演示联盟（npm start 即此命令）\n  djchain init --dir 目录 [--suite intl|gm] [--chain-id 链标识] [--force]\n  djchain init --orgs 联盟文件.json --out 目录 [--force]\n  djchain start --dir 目录 [--port 端口] [--snapshot-from-peers] [--signer-state-reset]\n  djchain keys|status|tx|query|dossier|import|export …   （加 --help 查看这些命令的用法）\n选项 --lang en 改用英文。',
    en: 'Usage:\n  djchain demo [--reset] [--members N]        the demo consortium (what npm start runs)\n  djchain init --dir D [--suite intl|gm] [--chain-id X] [--force]\n  djchain init --orgs FILE.json --out D [--force]\n  djchain start --dir D [--port P] [--snapshot-from-peers] [--signer-state-reset]\n  djchain keys|status|tx|query|dossier|import|export …   (add --help for their usage)\nOption --lang zh-CN for Chinese (default).',
  },
  CLI_UNKNOWN_COMMAND: { 'zh-CN': '未知命令“{command}”。', en: 'Unknown command "{command}".' },
  CLI_DIR_REQUIRED: {
    'zh-CN': '缺少 --dir：请指定节点目录，例如 --dir ./node1。',
    en: 'Missing --dir: name the node directory, e.g. --dir ./node1.',
  },
  CLI_BAD_SUITE: {
    'zh-CN': '密码套件“{suite}”无效：请用 intl（国际）或 gm（国密）。',
    en: 'Invalid suite "{suite}": use intl or gm.',
  },
  CLI_BAD_CHAIN_ID: {
    'zh-CN': '链标识“{chainId}”无效：只能使用 1 到 64 个字母、数字、“.”、“_”或“-”。',
    en: 'Invalid chain id "{chainId}": use 1 to 64 letters, digits, ".", "_" or "-".',
  },
  CLI_ALREADY_INITIALIZED: {
    'zh-CN': '目录 {dir} 已经初始化过。若要重新生成（会丢弃该目录中的链数据），请加 --force。',
    en: 'Directory {dir} is already initialized. To start over (discarding its chain data), add --force.',
  },
  initDone: {
    'zh-CN':
      '已初始化单验证节点：\n  目录：{dir}\n  链标识：{chainId}\n  密码套件：{suite}\n  节点公钥：{publicKey}\n下一步：djchain start --dir {dir}',
    en: 'Initialized a single-validator node:\n  directory: {dir}\n  chain id: {chainId}\n  suite: {suite}\n  node public key: {publicKey}\nNext: djchain start --dir {dir}',
  },
  CLI_NOT_INITIALIZED: {
    'zh-CN': '目录 {dir} 尚未初始化（缺少 {file}）。请先运行 djchain init --dir {dir}',
    en: 'Directory {dir} is not initialized ({file} is missing). Run djchain init --dir {dir} first.',
  },
  CLI_BAD_FILE: {
    'zh-CN':
      '文件 {file} 无法读取或格式错误：{reason}。请检查该文件，或用 djchain init --dir {dir} --force 重新初始化。',
    en: 'File {file} cannot be read or is malformed: {reason}. Check it, or re-initialize with djchain init --dir {dir} --force.',
  },
  CLI_KEY_PERMISSIONS: {
    'zh-CN': '节点私钥文件 {file} 的权限过宽（{mode}）。请运行 chmod 600 {file}',
    en: 'The node key file {file} is readable by others ({mode}). Run chmod 600 {file}',
  },
  CLI_BAD_PORT: {
    'zh-CN': '端口“{port}”无效：请用 0 到 65535 的整数。',
    en: 'Invalid port "{port}": use an integer from 0 to 65535.',
  },
  CLI_PORT_IN_USE: {
    'zh-CN': '端口 {port} 已被占用。请用 --port 指定其他端口。',
    en: 'Port {port} is in use. Choose another with --port.',
  },
  started: {
    'zh-CN': '节点已启动：链 {chainId}，高度 {height}\nAPI 地址：{url}\n按 Ctrl+C 停止。',
    en: 'Node started: chain {chainId}, height {height}\nAPI: {url}\nPress Ctrl+C to stop.',
  },
  stopping: { 'zh-CN': '正在停止节点……', en: 'Stopping the node…' },
  nodeFailed: {
    'zh-CN':
      '节点无法继续运行（{code}）：{reason}。数据已安全保存，请检查磁盘后重新运行 djchain start --dir {dir}',
    en: 'The node cannot continue ({code}): {reason}. Committed data is safe; check the disk and run djchain start --dir {dir} again.',
  },
  startFailed: {
    'zh-CN': '节点启动失败（{code}）：{reason}',
    en: 'The node failed to start ({code}): {reason}',
  },
  errorPrefix: { 'zh-CN': '错误：', en: 'Error: ' },
  CLI_BAD_ORGS: {
    'zh-CN': '联盟描述文件有误：{reason}。格式见 packages/cli/README.md。',
    en: 'The consortium file is invalid: {reason}. See packages/cli/README.md for the format.',
  },
  CLI_OUT_REQUIRED: {
    'zh-CN': '缺少 --out：请指定输出目录，例如 init --orgs consortium.json --out ./cluster。',
    en: 'Missing --out: name the output directory, e.g. init --orgs consortium.json --out ./cluster.',
  },
  clusterDone: {
    'zh-CN':
      '已为 {count} 个组织生成节点目录（{validators} 个验证节点）：\n{list}\n' +
      'API 只监听所列地址（默认 127.0.0.1，bindHost 只作用于节点网络）；要对外开放 API 请在组织文件中另设 apiHost。\n' +
      '每个节点：djchain start --dir 目录',
    en:
      'Created node directories for {count} organizations ({validators} validators):\n{list}\n' +
      'Each API listens only on the address listed (127.0.0.1 unless apiHost is set; bindHost applies to p2p only).\n' +
      'Start each: djchain start --dir DIR',
  },
  CLI_DIR_LOCKED: {
    'zh-CN':
      '节点目录 {dir} 已被另一个正在运行的进程（pid {pid}）占用（锁文件 {file}）。同一目录只能运行一个节点，否则会重复签名。请先停止该进程；若确认它已不存在，删除 {file} 后重试。',
    en: 'The node directory {dir} is in use by another running process (pid {pid}; lock file {file}). Only one node may run per directory, or it would double-sign. Stop that process first; if you are sure it is gone, delete {file} and retry.',
  },
  CLI_SIGNER_STATE: {
    'zh-CN':
      '签名状态文件 {file} 缺失或无效：{reason}。这可能是恢复的备份、快照启动或复制的目录，直接以验证节点身份运行可能重复签名。请确认：没有其他进程在使用此密钥签名，并且自该密钥最后一次签名以来链已至少再提交一个区块（在其他节点上运行 djchain status 查看）。确认后加 --signer-state-reset 重新启动：节点在下一高度不签名，并在收到持有三分之二权重的其他验证节点的状态之前不签名；之后从它们所在高度之上第二个高度起恢复投票。',
    en: 'The signer state file {file} is missing or invalid: {reason}. This looks like a restored backup, a snapshot start or a copied directory; running it as a validator could double-sign. Confirm that no other process signs with this key and that the chain has committed at least one more block since this key last signed (djchain status on another node). Then start again with --signer-state-reset: the node signs nothing at the next height, nor until it has heard validators with 2/3 of the power; it votes again from the second height above theirs.',
  },
  CLI_TEST_ONLY: {
    'zh-CN':
      '--test-byzantine 与 DJCHAIN_TEST_CRASH 仅供测试使用，需设置 DJCHAIN_TEST_ONLY=1（取值：equivocate 或 equivocate-time；after-persist:N 或 mid-commit:N）。生产节点切勿使用。',
    en: '--test-byzantine and DJCHAIN_TEST_CRASH are for tests only and need DJCHAIN_TEST_ONLY=1 (values: equivocate or equivocate-time; after-persist:N or mid-commit:N). Never use them on a production node.',
  },
  p2pListening: {
    'zh-CN': '节点网络地址：{address}（节点标识 {id}）',
    en: 'P2P: {address} (node id {id})',
  },
} as const;
