// Renders the app icon from build/icon.svg: build/icon.png (1024×1024, from which electron-builder
// derives the .icns and .ico) and the Linux size set build/icons/NxN.png. The PNGs are build
// output (gitignored): `npm run build` makes them, so the packer always finds them fresh.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const buildDir = dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(join(buildDir, 'icon.svg'));

/** The sizes Linux desktops look up in the hicolor theme. */
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

/** @param {number} size */
export function renderIcon(size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

function writeIcons() {
  writeFileSync(join(buildDir, 'icon.png'), renderIcon(1024));
  mkdirSync(join(buildDir, 'icons'), { recursive: true });
  for (const size of LINUX_ICON_SIZES) writeFileSync(join(buildDir, 'icons', `${size}x${size}.png`), renderIcon(size));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeIcons();
