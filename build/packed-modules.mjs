// Which installed packages the packer must leave out. electron is an optional dependency only so
// that an offline install works (README); it is the shell, never a module of the packed app, but
// electron-builder counts optional dependencies as the app's own and would pack it and everything
// it depends on. This walks the installed tree the way Node resolves it and names the packages
// reachable from electron and from nothing the app loads at run time.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The folder Node would load `name` from when required from inside `from`, or null. */
function resolvePackage(name, from, root) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
  }
}

/** Every installed package folder reachable from `names` (dependencies and optional ones). */
function closure(names, root) {
  const seen = new Set();
  const visit = (name, from) => {
    const folder = resolvePackage(name, from, root);
    if (!folder || seen.has(folder)) return;
    seen.add(folder);
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) visit(dependency, folder);
  };
  for (const name of names) visit(name, root);
  return seen;
}

/** `files` patterns excluding what only the Electron package brings, relative to the project. */
export function shellOnlyExclusions(root) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const kept = closure(Object.keys(manifest.dependencies ?? {}), root);
  const shell = closure(Object.keys(manifest.optionalDependencies ?? {}), root);
  return [...shell]
    .filter((folder) => !kept.has(folder))
    .map((folder) => relative(root, folder).split('\\').join('/'))
    .sort()
    .map((path) => `!${path}{,/**}`);
}
