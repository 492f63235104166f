// Electron is an optional dependency: its install script downloads the Electron binary, and
// where that download is impossible (offline machines, CI without internet) npm drops the whole
// package. The app still needs the package's type definitions to type-check the thin Electron
// shell, so this puts the package in place *without* a binary. `npm start` then tells the user
// plainly that no Electron binary exists and points to `npm run web`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd();
const target = join(root, 'node_modules', 'electron');
if (existsSync(join(target, 'package.json'))) process.exit(0);

const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const version = lock.packages?.['node_modules/electron']?.version;
if (!version) process.exit(0);

const scratch = mkdtempSync(join(tmpdir(), 'electron-pkg-'));
try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['pack', `electron@${version}`, '--silent'], {
    cwd: scratch,
    stdio: ['ignore', 'pipe', 'inherit'],
    shell: process.platform === 'win32',
  });
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', `electron-${version}.tgz`, '-C', target, '--strip-components=1'], { cwd: scratch });
  console.log(
    `electron ${version}: package (types) installed without its binary; the desktop shell cannot start here — use \`npm run web\`.`,
  );
} catch (error) {
  console.warn(`electron ${version}: could not place the package without binary (${error.message}); type checks of electron/ will fail.`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
