// `npm start`: launches the built app in Electron, or says plainly why it cannot.
import { spawn } from 'node:child_process';
import { findElectronBinary } from './electron-binary.mjs';

const electronBinary = findElectronBinary();
if (!electronBinary) {
  console.error(
    'No Electron binary is installed on this machine (its download failed or was skipped), so the desktop window cannot start.\n' +
      'Run the same app in your browser instead:  npm run web',
  );
  process.exit(1);
}
const child = spawn(electronBinary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
