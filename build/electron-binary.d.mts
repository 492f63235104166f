/** Where the installed Electron binary is, or null when none is installed. */
export function findElectronBinary(): string | null;
