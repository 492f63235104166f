import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';
import { RENDERER_ALIASES } from './vite.config';

export default defineConfig({
  // Component tests mount the window's .vue files.
  plugins: [vue()],
  // The window's path aliases, for the component tests.
  resolve: { alias: RENDERER_ALIASES },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The Electron shell's tests load the built main bundle and preload: build them first.
    globalSetup: ['test/electron/build-bundles.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: keep file parallelism modest so sandbox timings stay honest.
    maxWorkers: 2,
  },
});
