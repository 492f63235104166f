/**
 * The package a user installs: `electron-builder --linux dir` (through `npm run dist`'s own
 * script) against a stand-in Electron distribution — Electron's file names and a binary that is
 * only a fuse wire, since the real one cannot be downloaded here. Then what a release reviewer
 * checks: the asar's size and contents, the unpacked native module, the fuses really flipped in
 * the binary, the update feed, and the packed main bundle starting with nothing but what was packed.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractAll, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import manifest from '../../package.json' with { type: 'json' };
import { loadMain, tempPaths } from './load-main';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's fuse wire as shipped: version 1, 8 fuses, '1' on / '0' off. */
const SHIPPED_FUSES = '10110001';
const FUSE_NAMES = [
  'runAsNode',
  'cookieEncryption',
  'nodeOptions',
  'inspectArguments',
  'asarIntegrity',
  'onlyLoadAppFromAsar',
  'browserV8Snapshot',
  'fileProtocolExtraPrivileges',
];
const UPDATE_URL = 'https://updates.example.invalid/cloud-disk-desk';
const MAX_ASAR_BYTES = 15 * 1024 * 1024;
/** What Vite bundles into the renderer: never a module of the package. */
const BUNDLED_BY_VITE = ['vue', 'pinia', 'element-plus', 'echarts', 'vue-echarts', 'vue-i18n', 'dayjs', 'zod', 'ws', 'electron'];

/** A folder with Electron's Linux file names; the binary holds the fuse sentinel and the shipped wire. */
async function standInElectronDist(folder: string): Promise<void> {
  await mkdir(join(folder, 'locales'), { recursive: true });
  await mkdir(join(folder, 'resources'), { recursive: true });
  const wire = Buffer.from([1, SHIPPED_FUSES.length, ...Buffer.from(SHIPPED_FUSES)]);
  await writeFile(
    join(folder, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in Electron"\n'), Buffer.from(SENTINEL), wire, Buffer.from('\n')]),
  );
  await chmod(join(folder, 'electron'), 0o755);
  const empty = [
    'chrome-sandbox',
    'chrome_crashpad_handler',
    'libEGL.so',
    'libGLESv2.so',
    'libffmpeg.so',
    'libvk_swiftshader.so',
    'vk_swiftshader_icd.json',
    'icudtl.dat',
    'resources.pak',
    'chrome_100_percent.pak',
    'chrome_200_percent.pak',
    'snapshot_blob.bin',
    'v8_context_snapshot.bin',
    'LICENSE',
    'LICENSES.chromium.html',
    'locales/en-US.pak',
  ];
  for (const file of empty) await writeFile(join(folder, file), '');
  await writeFile(join(folder, 'version'), '45.5.0');
}

/** The packages the app loads at run time and everything they depend on, read from the lockfile. */
async function productionPackages(): Promise<Set<string>> {
  const lock = JSON.parse(await readFile('package-lock.json', 'utf8')) as {
    packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }>;
  };
  const found = new Set<string>();
  const visit = (name: string, from: string): void => {
    for (let base = from; ; base = base.includes('/node_modules/') ? base.slice(0, base.lastIndexOf('/node_modules/')) : '') {
      const key = `${base ? `${base}/` : ''}node_modules/${name}`;
      const entry = lock.packages[key];
      if (entry) {
        if (found.has(key)) return;
        found.add(key);
        for (const dependency of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) visit(dependency, key);
        return;
      }
      if (!base) return;
    }
  };
  for (const name of Object.keys(manifest.dependencies)) visit(name, '');
  return found;
}

/** The package folders (node_modules/x, node_modules/@s/x, nested ones too) a list of asar paths holds. */
function packageFolders(paths: string[]): Set<string> {
  const folders = new Set<string>();
  for (const path of paths) {
    const parts = path.replace(/^\//, '').split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      if (parts[i] !== 'node_modules') break;
      const length = parts[i + 1]!.startsWith('@') ? 2 : 1;
      if (i + length >= parts.length) break;
      folders.add(parts.slice(0, i + 1 + length).join('/'));
      i += length;
    }
  }
  return folders;
}

describe('the packed app (electron-builder --linux dir)', () => {
  let root: string;
  let unpacked: string;
  let asarPath: string;
  let files: string[];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cdd-pack-'));
    await standInElectronDist(join(root, 'electron-dist'));
    // The bundles are built by `npm test` (renderer) and the global setup (main, preload); the icons here.
    execFileSync(process.execPath, ['build/make-icons.mjs']);
    // npmRebuild off: rebuilding keytar for Electron needs Electron's headers, a download; the
    // Node build of keytar is what the stand-in below runs anyway.
    execFileSync(
      process.execPath,
      [
        'build/dist.mjs',
        '--linux',
        'dir',
        `-c.electronDist=${join(root, 'electron-dist')}`,
        `-c.directories.output=${join(root, 'release')}`,
        '-c.npmRebuild=false',
      ],
      {
        env: { ...process.env, CDD_UPDATE_URL: UPDATE_URL },
        stdio: 'pipe',
      },
    );
    unpacked = join(root, 'release', 'linux-unpacked');
    asarPath = join(unpacked, 'resources', 'app.asar');
    files = listPackage(asarPath, { isPack: false });
  }, 180_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it(`keeps app.asar under 15 MiB`, async () => {
    const { size } = await stat(asarPath);
    console.log(`packed app.asar: ${(size / 1024 / 1024).toFixed(2)} MiB, ${files.length} entries`);
    expect(size).toBeLessThanOrEqual(MAX_ASAR_BYTES);
  });

  it('holds the built app and production modules only: no sources, tests, source maps or bundled libraries', async () => {
    for (const built of ['/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/package.json'])
      expect(files).toContain(built);
    const own = files.filter((path) => !path.startsWith('/node_modules'));
    expect(own.filter((path) => !/^\/(dist(\/(electron|renderer)(\/.*)?)?|package\.json)$/.test(path))).toEqual([]);
    expect(files.filter((path) => path.endsWith('.map'))).toEqual([]);
    // By name: the packer hoists nested copies (tar-fs's chownr 1.x) to the top of its own tree.
    const nameOf = (folder: string) => folder.slice(folder.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const production = new Set([...(await productionPackages())].map(nameOf));
    const packed = packageFolders(files);
    expect([...packed].map(nameOf).filter((name) => !production.has(name))).toEqual([]);
    for (const name of BUNDLED_BY_VITE) expect(packed.has(`node_modules/${name}`), name).toBe(false);
    for (const name of Object.keys(manifest.dependencies)) expect(packed.has(`node_modules/${name}`), name).toBe(true);
  });

  it('unpacks the keychain module, which cannot load from inside the asar', async () => {
    expect(
      (await stat(join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'))).isFile(),
    ).toBe(true);
  });

  it('flips the fuses in the packed binary as electron-builder.yml says', async () => {
    const binary = await readFile(join(unpacked, 'cloud-disk-desk'));
    const at = binary.indexOf(SENTINEL) + SENTINEL.length;
    expect(binary[at]).toBe(1);
    const fuses = Object.fromEntries(FUSE_NAMES.map((name, i) => [name, String.fromCharCode(binary[at + 2 + i]!)]));
    expect(fuses).toEqual({
      runAsNode: '0',
      cookieEncryption: '1',
      nodeOptions: '0',
      inspectArguments: '0',
      asarIntegrity: '1',
      onlyLoadAppFromAsar: '1',
      browserV8Snapshot: '0', // not configured: as shipped
      fileProtocolExtraPrivileges: '0',
    });
  });

  it('packs the update feed named at build time', async () => {
    const feed = await readFile(join(unpacked, 'resources', 'app-update.yml'), 'utf8');
    expect(feed).toContain('provider: generic');
    expect(feed).toContain(`url: ${UPDATE_URL}`);
  });

  it('starts the packed main bundle under the stand-in Electron with nothing but what was packed', async () => {
    const app = join(root, 'extracted');
    extractAll(asarPath, app);
    // The native module comes along from app.asar.unpacked, as Electron's asar loader would give it.
    expect((await stat(join(app, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'))).isFile()).toBe(true);
    const main = loadMain({
      main: resolve(app, 'dist/electron/main.cjs'),
      paths: tempPaths(join(root, 'run')),
      isPackaged: true,
      version: manifest.version,
    });
    await main.start();
    expect(main.electron.windows).toHaveLength(1);
    const reply = (await main.electron.invoke('app:info', {})) as { ok: boolean; result: { version: string } };
    expect(reply).toMatchObject({ ok: true, result: { version: manifest.version } });
    // The page itself comes from the packed renderer through app://, with its CSP.
    const page = await main.electron.protocolHandlers.get('app')!(new Request('app://cloud-disk-desk/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('<div id="app">');
    await main.quit();
  });
});
