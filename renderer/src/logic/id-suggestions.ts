/**
 * What the attach and create dialogs suggest for a server or image id: the ids the user labelled
 * and the ids already seen on the account's volumes, each with its label, matched by id or label.
 */
import type { VolumeRow } from '@/stores/volumes';
import { serversSeen } from './attachments-index';

export interface IdSuggestion {
  /** The id the field takes. */
  value: string;
  /** The user's label of it, if any. */
  label?: string;
  /** Seen on a volume of the account (else only labelled). */
  seen: boolean;
}

/** Labelled ids first (by label), then the others (by id); `seen` ids and labelled ones, each once. */
export function idSuggestions(seen: readonly string[], labels: Readonly<Record<string, string>>): IdSuggestion[] {
  const seenSet = new Set(seen);
  const ids = new Set([...Object.keys(labels), ...seen]);
  const compare = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });
  return [...ids]
    .map((value): IdSuggestion => ({ value, seen: seenSet.has(value), ...(labels[value] === undefined ? {} : { label: labels[value] }) }))
    .sort((a, b) =>
      (a.label === undefined) === (b.label === undefined)
        ? compare(a.label ?? a.value, b.label ?? b.value)
        : a.label === undefined
          ? 1
          : -1,
    );
}

/** The suggestions whose id or label holds what was typed (all of them for nothing typed). */
export function matchSuggestions(suggestions: readonly IdSuggestion[], query: string): IdSuggestion[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...suggestions];
  return suggestions.filter((s) => s.value.toLowerCase().includes(q) || (s.label?.toLowerCase().includes(q) ?? false));
}

/**
 * The servers attach suggests for a volume: those its tenant already uses, and the labelled ones
 * no other tenant of the account is seen using (a server of another tenant would be refused).
 */
export function serverSuggestions(
  rows: readonly VolumeRow[],
  accountId: string,
  userId: number | null,
  labels: Readonly<Record<string, string>>,
): IdSuggestion[] {
  const own = serversSeen(rows, accountId, userId);
  const others = new Set(
    rows.filter((r) => r.accountId === accountId && r.userid !== userId).flatMap((r) => r.attachments.map((a) => a.serverId)),
  );
  const labelled = Object.fromEntries(Object.entries(labels).filter(([serverId]) => own.includes(serverId) || !others.has(serverId)));
  return idSuggestions(own, labelled);
}

/** Image ids volumes of the account were created from. */
export function imagesSeen(rows: readonly VolumeRow[], accountId: string): string[] {
  const seen = new Set<string>();
  for (const row of rows) if (row.accountId === accountId && row.imageId) seen.add(row.imageId);
  return [...seen];
}
