/**
 * `node packages/web/src/serve.ts --node http://127.0.0.1:26657 --genesis <dir>/genesis.json [--port 8080]
 * [--sealed http://127.0.0.1:26700] [--progress-file <demo dir>/seeding.json] [--index http://127.0.0.1:26800]`
 * serves the built app for one node (build first: npm run build -w packages/web); --sealed names the
 * sealed-data service personal-field reads go through; --progress-file is the demo's seeding
 * progress; --index the index's dashboards API (`djchain index --serve`, loopback only; server.ts).
 */
import { parseArgs } from 'node:util';
import { configFromGenesisFile, serveWeb } from './server.ts';

const { values } = parseArgs({
  options: {
    node: { type: 'string', default: 'http://127.0.0.1:26657' },
    genesis: { type: 'string' },
    port: { type: 'string', default: '8080' },
    title: { type: 'string' },
    sealed: { type: 'string' },
    'progress-file': { type: 'string' },
    index: { type: 'string' },
  },
});
if (!values.genesis) {
  process.stderr.write('用法 usage: serve.ts --node <API URL> --genesis <genesis.json> [--port N]\n');
  process.exit(1);
}
const web = await serveWeb({
  nodeUrl: values.node,
  config: configFromGenesisFile(values.genesis, values.title),
  port: Number(values.port),
  ...(values.sealed ? { sealedUrl: values.sealed } : {}),
  ...(values['progress-file'] ? { progressFile: values['progress-file'] } : {}),
  ...(values.index ? { indexUrl: values.index } : {}),
});
process.stdout.write(`党建链网页已启动 web app: ${web.url}\n`);
const stop = () => void web.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
// Started by the demo with an IPC channel: a demo that dies without stopping us takes us along.
process.once('disconnect', stop);
