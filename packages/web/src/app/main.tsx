/** Entry of the page: loads the chain's trust config and its crypto suite, then renders the app. */
// First, so the config request starts before the rest of the script is evaluated (config-request.ts).
import './config-request.ts';
import { loadSuite } from '@djchain/crypto/browser';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { Chain, loadConfig } from './chain.ts';

const root = createRoot(document.getElementById('root')!);
loadConfig()
  // The gm suite (SM2/SM3/SM4) is its own chunk, fetched here only when the chain runs gm (issue 20).
  .then(async (config) => new Chain(config, await loadSuite(config.suite)))
  .then(
    (chain) => root.render(<App chain={chain} />),
    (e: unknown) => {
      root.render(
        <div style={{ padding: 24, fontSize: 18 }}>
          无法读取链的配置 (app-config.json)：{String((e as Error).message ?? e)}
        </div>,
      );
    },
  );
