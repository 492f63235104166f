import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The renderer is a plain web app: the Electron window and the browser host serve the same
// build from dist/renderer, with relative asset paths so file:// loading works too.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [vue()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
