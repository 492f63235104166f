// Bundles the Electron main process and preload (CommonJS, as Electron's sandboxed preload needs).
// What the packaged app loads from node_modules at run time stays external: electron itself, the
// native keytar, and electron-log / electron-updater (they read their own files and Electron's).
import { build } from 'esbuild';
import { createRequire } from 'node:module';

const external = ['electron', 'keytar', 'electron-log', 'electron-updater'];
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, external, logLevel: 'warning' };
await build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs' });

// The preload stays tiny: it needs only the contract's channel names, not its schemas (zod), so
// the names are read from the contract here and written into the bundle as constants.
const contract = await build({ ...common, entryPoints: ['electron/shared/contract.ts'], write: false, sourcemap: false });
const loaded = { exports: {} };
new Function('module', 'exports', 'require', contract.outputFiles[0].text)(loaded, loaded.exports, createRequire(import.meta.url));
const { INVOKE_CHANNELS, EVENT_CHANNELS } = loaded.exports;
await build({
  ...common,
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  define: { __INVOKE_CHANNELS__: JSON.stringify(INVOKE_CHANNELS), __EVENT_CHANNELS__: JSON.stringify(EVENT_CHANNELS) },
});
