import type { VolumeChanges } from '../../shared/contract';
import type { Volume } from '../../shared/volume';

function sameVolume(a: Volume, b: Volume): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What changed between two listings of one account, by `unique`. */
export function diffVolumes(accountId: string, before: readonly Volume[], after: readonly Volume[]): VolumeChanges {
  const previous = new Map(before.map((v) => [v.unique, v]));
  const added: Volume[] = [];
  const changed: Volume[] = [];
  for (const volume of after) {
    const old = previous.get(volume.unique);
    if (!old) added.push(volume);
    else if (!sameVolume(old, volume)) changed.push(volume);
    previous.delete(volume.unique);
  }
  return { accountId, added, changed, removed: [...previous.keys()] };
}

/** Whether a diff carries anything. */
export function hasChanges(changes: VolumeChanges): boolean {
  return changes.added.length + changes.changed.length + changes.removed.length > 0;
}
