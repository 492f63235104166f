/** Small builders of accounts and volumes for renderer tests. */
import type { AccountView } from '../../electron/shared/contract';
import type { Volume } from '../../electron/shared/volume';
import { toRow, type VolumeRow } from '../../renderer/src/stores/volumes';

export function account(id: string, patch: Partial<AccountView> = {}): AccountView {
  return {
    id,
    name: `Account ${id}`,
    endpoint: `http://127.0.0.1/${id}`,
    colour: '#409eff',
    tenants: [],
    kind: 'cloud',
    secretsIn: 'keychain',
    hasCredentials: true,
    state: 'online',
    ...patch,
  };
}

export function volume(unique: number, patch: Partial<Volume> = {}): Volume {
  return {
    unique,
    userid: 101,
    name: `vol-${unique}`,
    description: '',
    status: 'ACTIVED',
    volumeId: `uuid-${unique}`,
    volumeStatus: 'AVAILABLE',
    size: 10,
    zone: 'nova',
    volumeType: 'ssd',
    sourceVolid: null,
    snapshotId: null,
    imageId: null,
    bootable: false,
    attachments: [],
    migrateStatus: null,
    created: Date.UTC(2024, 0, 1) + unique * 60_000,
    updated: Date.UTC(2024, 0, 2) + unique * 60_000,
    ...patch,
  };
}

export function row(accountId: string, unique: number, patch: Partial<Volume> = {}, stuck = false): VolumeRow {
  return toRow(accountId, volume(unique, patch), stuck);
}
