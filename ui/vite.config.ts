// Vite + Vitest configuration: a static bundle with relative paths for the Tauri shell, no inline code.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { freezeSafePrototypeAssignments } from './build/freezeSafe.ts';

export default defineConfig({
  // The Tauri shell loads ui/dist from its own protocol, so every asset path must be relative.
  base: './',
  // The shell freezes Object.prototype; rewrite the few library assignments that would then throw.
  plugins: [react(), freezeSafePrototypeAssignments()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The strict CSP forbids inline scripts: never emit the modulepreload polyfill or inlined assets.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    testTimeout: 60000,
  },
});
