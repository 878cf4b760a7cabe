import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // One build, two hosts: the Electron shell (index) and the browser host (web) share the core.
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          web: resolve(import.meta.dirname, 'src/main/web/index.ts'),
          // The Slack simulator as its own process, for benchmarks and the kill test.
          simulator: resolve(import.meta.dirname, 'src/simulator/main.ts'),
          // The inbox sync's reads and writes, run as a worker thread (src/main/sync/worker/).
          'sync-worker': resolve(import.meta.dirname, 'src/main/sync/worker/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require node_modules: bundle everything, emit CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: {
      // electron-vite leaves the renderer unminified by default; the page is shipped, so minify it.
      minify: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
