/**
 * Vite build of the web app into dist/. The "browser" export condition makes @djchain/crypto
 * resolve to its JavaScript-only entry, so no node: module reaches the bundle.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  resolve: { conditions: ['browser', 'module', 'import', 'default'] },
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // Everything the entry imports statically in ONE chunk (issue 20): left to itself rolldown
        // cut it into ~28 files, and on a slow mobile link over HTTP/1.1 (six connections, 562 ms a
        // round trip) their queueing cost more than their bytes; one gzip stream is also smaller.
        // Pages, the gm suite, the keystore code and the chart library stay chunks of their own.
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
  logLevel: 'warn',
});
