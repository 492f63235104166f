// `npm run dist [-- electron-builder arguments]`: packs with electron-builder.yml (less the
// packages only the Electron shell brings, see packed-modules.mjs), adding what depends on this
// machine's environment, each absent (not failing) where it is not provided:
//   CDD_UPDATE_URL  the generic update server the app checks (electron-updater);
//   CSC_LINK/CSC_KEY_PASSWORD or CSC_NAME (macOS, Windows), WIN_CSC_LINK/WIN_CSC_KEY_PASSWORD
//                   (Windows): code signing, which electron-builder reads from the environment;
//   APPLE_API_KEY/APPLE_API_KEY_ID/APPLE_API_ISSUER, APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID
//                   or APPLE_KEYCHAIN/APPLE_KEYCHAIN_PROFILE: notarization on macOS.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shellOnlyExclusions } from './packed-modules.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * electron-builder.yml with the packages only the Electron shell brings left out of `files`,
 * written to dist/ for the packer (the YAML stays the one place to edit).
 */
export function writePackingConfig() {
  const yaml = createRequire(import.meta.url)('js-yaml');
  const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
  config.files = [...config.files, ...shellOnlyExclusions(root)];
  const path = join(root, 'dist', 'electron-builder.json');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

/** The `-c.key=value` overrides and the environment that this machine's variables ask for. */
export function packingPlan(env = process.env) {
  const has = (...names) => names.every((name) => Boolean(env[name]?.trim()));
  const args = [];
  const updateUrl = env.CDD_UPDATE_URL?.trim();
  if (updateUrl) args.push('-c.publish.provider=generic', `-c.publish.url=${updateUrl}`);
  const signing = has('CSC_LINK') || has('CSC_NAME') || has('WIN_CSC_LINK');
  const notarization =
    has('APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') ||
    has('APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') ||
    has('APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE');
  if (signing && notarization) args.push('-c.mac.notarize=true');
  // Unsigned where no certificate is given, rather than signed with whatever identity the keychain holds.
  const extraEnv = signing ? {} : { CSC_IDENTITY_AUTO_DISCOVERY: 'false' };
  return { args, env: { ...env, ...extraEnv } };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const plan = packingPlan();
  const config = writePackingConfig();
  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');
  const { status } = spawnSync(bin, ['--config', config, ...plan.args, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: plan.env,
    shell: process.platform === 'win32',
  });
  process.exit(status ?? 1);
}
