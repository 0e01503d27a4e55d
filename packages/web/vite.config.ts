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
  },
  logLevel: 'warn',
});
