/** Entry of the page: loads the chain's trust config, then renders the app. */
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { Chain, loadConfig } from './chain.ts';

const root = createRoot(document.getElementById('root')!);
loadConfig().then(
  (config) => root.render(<App chain={new Chain(config)} />),
  (e: unknown) => {
    root.render(
      <div style={{ padding: 24, fontSize: 18 }}>
        无法读取链的配置 (app-config.json)：{String((e as Error).message ?? e)}
      </div>,
    );
  },
);
