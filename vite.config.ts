import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

/** `@/` is the window's own source, `@shared/` what it shares with the core (renderer/tsconfig.json and vitest.config.ts say the same). */
export const RENDERER_ALIASES = {
  // A key matches itself followed by '/': '@' never catches '@element-plus/…'.
  '@': fileURLToPath(new URL('./renderer/src', import.meta.url)),
  '@shared': fileURLToPath(new URL('./electron/shared', import.meta.url)),
};

// The renderer is a plain web app: the Electron window and the browser host serve the same
// build from dist/renderer, with relative asset paths so file:// loading works too.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [vue()],
  resolve: { alias: RENDERER_ALIASES },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
