import { pick, randomInt, uuidFrom, type Random } from './random';
import type { Image, SandboxState, Server, StoredVolume, Tenant, VolumeStatus } from './types';

export type SeedSpec = { kind: 'demo' } | { kind: 'empty' } | { kind: 'scale'; count: number };

/** The admin session's user id: a tenant of its own ("Platform Admin"), so it can own volumes. */
export const ADMIN_USER_ID = 100;

const DAY_MS = 24 * 3600 * 1000;

export function parseSeed(text: string): SeedSpec {
  if (text === 'demo' || text === 'empty') return { kind: text };
  const match = /^scale:(\d{1,7})$/.exec(text);
  if (match) return { kind: 'scale', count: Number(match[1]) };
  throw new Error(`unknown seed "${text}" (expected demo, empty or scale:N)`);
}

/** A fresh state for a seed. Ids and data come from the seeded PRNG. */
export function buildSeed(spec: SeedSpec, rng: Random, now: number): SandboxState {
  const images = seedImages(rng);
  const state: SandboxState = {
    version: 1,
    nextUnique: 1,
    tenants: [],
    servers: [],
    images,
    volumes: [],
  };
  if (spec.kind === 'scale') {
    seedScale(state, rng, now, spec.count);
  } else {
    state.tenants = [
      { userId: ADMIN_USER_ID, name: 'Platform Admin', quotaGb: 2000 },
      { userId: 101, name: 'Finance', quotaGb: 3000 },
      { userId: 102, name: 'R&D', quotaGb: 5000 },
      { userId: 103, name: 'Ops', quotaGb: 4000 },
    ];
    state.servers = [
      server(rng, 'admin-bastion', ADMIN_USER_ID),
      server(rng, 'fin-db-01', 101),
      server(rng, 'fin-app-01', 101),
      server(rng, 'rnd-build-01', 102),
      server(rng, 'rnd-gpu-02', 102),
      server(rng, 'ops-web-03', 103),
      server(rng, 'ops-monitor-01', 103),
    ];
    if (spec.kind === 'demo') seedDemoVolumes(state, rng, now);
  }
  ensureHeadroom(state);
  return state;
}

/** Raises a quota that the seeded volumes would nearly fill, so every tenant can still create. */
function ensureHeadroom(state: SandboxState): void {
  for (const tenant of state.tenants) {
    let used = 0;
    for (const v of state.volumes) {
      if (v.userid === tenant.userId) used += v.pending?.kind === 'extend' ? v.pending.newSize : v.size;
    }
    tenant.quotaGb = Math.max(tenant.quotaGb, Math.ceil((used + 1000) / 1000) * 1000);
  }
}

function seedImages(rng: Random): Image[] {
  return [
    { id: uuidFrom(rng), name: 'ubuntu-22.04', minSizeGb: 10 },
    { id: uuidFrom(rng), name: 'centos-7', minSizeGb: 8 },
    { id: uuidFrom(rng), name: 'windows-2022', minSizeGb: 40 },
    { id: uuidFrom(rng), name: 'debian-12', minSizeGb: 8 },
  ];
}

function server(rng: Random, name: string, userId: number): Server {
  return { id: uuidFrom(rng), name, userId };
}

const DEMO_NAMES: Record<number, string[]> = {
  101: [
    'pg-primary-data',
    'pg-replica-data',
    'pg-wal-archive',
    'erp-app-01-root',
    'erp-app-02-root',
    'ledger-archive-2023',
    'ledger-archive-2024',
    'reports-scratch',
    'backup-staging',
    'payroll-db-data',
    'invoice-export',
    'fin-app-01-logs',
    'audit-trail',
    'budget-model-tmp',
    'fin-db-01-swap',
    'tax-filings',
    'treasury-data',
    'fin-old-root',
    'fin-sftp-drop',
    'fin-bi-cache',
  ],
  102: [
    'build-cache-01',
    'build-cache-02',
    'gpu-datasets',
    'gpu-checkpoints',
    'artifact-store',
    'gitlab-data',
    'gitlab-registry',
    'ci-runner-01-root',
    'ci-runner-02-root',
    'ml-feature-store',
    'rnd-scratch-alice',
    'rnd-scratch-bob',
    'sim-results-q3',
    'jupyter-home',
    'docs-site-data',
    'rnd-build-01-logs',
    'mirror-debian',
    'mirror-pypi',
    'perf-lab-tmp',
    'win-test-root',
  ],
  103: [
    'web-01-logs',
    'web-02-logs',
    'web-03-logs',
    'web-03-root',
    'nginx-cache',
    'prometheus-tsdb',
    'grafana-data',
    'loki-chunks',
    'elastic-data-01',
    'elastic-data-02',
    'redis-aof',
    'kafka-broker-01',
    'kafka-broker-02',
    'vault-data',
    'ops-monitor-01-root',
    'backup-offsite',
    'dns-zone-data',
    'bastion-home',
    'ops-runbooks',
    'mail-relay-spool',
  ],
};

/** The special states of the demo fleet, by position in each tenant's list; the rest are stable. */
const DEMO_STATES: Record<number, VolumeStatus | 'DISABLED'> = {
  2: 'ERROR',
  5: 'DISABLED',
  7: 'CREATING',
  9: 'DELETING',
  11: 'ERROR',
  13: 'DISABLED',
  14: 'ERROR_DELETING',
  16: 'ATTACHING',
  18: 'UNRECOGNIZED',
  19: 'DETACHING',
};

function seedDemoVolumes(state: SandboxState, rng: Random, now: number): void {
  const devices = new Map<string, number>();
  const nextDevice = (serverId: string): string => {
    const n = devices.get(serverId) ?? 0;
    devices.set(serverId, n + 1);
    return `/dev/vd${String.fromCharCode('b'.charCodeAt(0) + n)}`;
  };
  const ubuntu = state.images[0];
  const windows = state.images[2];
  for (const [tenantText, names] of Object.entries(DEMO_NAMES)) {
    const userid = Number(tenantText);
    const servers = state.servers.filter((s) => s.userId === userid);
    names.forEach((name, i) => {
      const created = now - randomInt(rng, 1, 400) * DAY_MS + randomInt(rng, 0, DAY_MS);
      const fromImage = name.endsWith('-root') ? (name.startsWith('win') ? windows : ubuntu) : undefined;
      const size = fromImage ? Math.max(fromImage.minSizeGb, pick(rng, [20, 40, 50])) : pick(rng, [10, 20, 50, 100, 100, 200, 250, 500]);
      const v: StoredVolume = {
        unique: state.nextUnique++,
        userid,
        name,
        description: demoDescription(name),
        status: 'ACTIVED',
        volumeId: uuidFrom(rng),
        volumeStatus: 'AVAILABLE',
        size,
        zone: 'nova',
        volumeType: rng() < 0.6 ? 'SSD' : 'SATA',
        sourceVolid: null,
        snapshotId: null,
        imageId: fromImage?.id ?? null,
        bootable: fromImage !== undefined,
        attachments: [],
        migrateStatus: null,
        created,
        updated: Math.min(now, created + randomInt(rng, 0, 30) * DAY_MS),
      };
      const special = DEMO_STATES[i];
      const target = pick(rng, servers);
      // Passing states end within a minute or two at speed 1, so a demo shows them moving.
      const deadline = now + randomInt(rng, 20, 120) * 1000;
      if (special === 'DISABLED') v.status = 'DISABLED';
      else if (special === 'ERROR') v.volumeStatus = 'ERROR';
      else if (special === 'ERROR_DELETING') v.volumeStatus = 'ERROR_DELETING';
      else if (special === 'CREATING') {
        v.volumeStatus = fromImage ? 'DOWNLOADING' : 'CREATING';
        v.pending = { kind: 'create', deadline, fails: false };
      } else if (special === 'DELETING') {
        v.volumeStatus = 'DELETING';
        v.pending = { kind: 'delete', deadline, fails: false };
      } else if (special === 'DETACHING') {
        v.volumeStatus = 'DETACHING';
        v.attachments = [{ serverId: target.id, device: nextDevice(target.id), attachedAt: v.updated }];
        v.pending = { kind: 'detach', deadline, fails: false, serverId: target.id };
      } else if (special === 'ATTACHING') {
        v.volumeStatus = 'ATTACHING';
        v.pending = { kind: 'attach', deadline, fails: false, serverId: target.id, device: nextDevice(target.id) };
      } else if (special === 'UNRECOGNIZED') {
        v.volumeStatus = 'UNRECOGNIZED';
        v.pending = { kind: 'extend', deadline, fails: false, newSize: v.size * 2 };
      } else if (i % 3 === 0 || fromImage) {
        v.volumeStatus = 'IN_USE';
        v.attachments = [{ serverId: target.id, device: nextDevice(target.id), attachedAt: v.updated }];
      }
      state.volumes.push(v);
    });
  }
}

function demoDescription(name: string): string {
  if (name.startsWith('pg-') || name.includes('-db-')) return 'PostgreSQL data volume';
  if (name.endsWith('-logs')) return 'application logs, rotated weekly';
  if (name.endsWith('-root')) return 'boot disk';
  if (name.includes('backup')) return 'backup target';
  return '';
}

const SCALE_TENANTS = 10;
const SCALE_SERVERS_PER_TENANT = 10;
const SCALE_PASSING = 20;
const SCALE_PREFIXES = ['data', 'logs', 'cache', 'db', 'root', 'scratch', 'archive', 'backup'];
const SCALE_STABLE: VolumeStatus[] = ['AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'ERROR'];

/** N volumes over 10 tenants, built in one pass (10 000 in well under a second). */
function seedScale(state: SandboxState, rng: Random, now: number, count: number): void {
  const tenants: Tenant[] = [{ userId: ADMIN_USER_ID, name: 'Platform Admin', quotaGb: 10_000_000 }];
  for (let t = 1; t <= SCALE_TENANTS; t++) {
    tenants.push({ userId: 100 + t, name: `Tenant ${String(t).padStart(2, '0')}`, quotaGb: 100_000_000 });
  }
  state.tenants = tenants;
  for (const tenant of tenants.slice(1)) {
    for (let s = 1; s <= SCALE_SERVERS_PER_TENANT; s++) {
      state.servers.push(server(rng, `t${tenant.userId}-node-${String(s).padStart(2, '0')}`, tenant.userId));
    }
  }
  const deviceCount = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const tenant = tenants[1 + (i % SCALE_TENANTS)] ?? tenants[0];
    const userid = tenant?.userId ?? ADMIN_USER_ID;
    const created = now - randomInt(rng, 0, 700) * DAY_MS - randomInt(rng, 0, DAY_MS);
    const v: StoredVolume = {
      unique: state.nextUnique++,
      userid,
      name: `${pick(rng, SCALE_PREFIXES)}-${String(i + 1).padStart(6, '0')}`,
      description: i % 7 === 0 ? `bulk volume ${i + 1}` : '',
      status: i % 23 === 0 ? 'DISABLED' : 'ACTIVED',
      volumeId: uuidFrom(rng),
      volumeStatus: pick(rng, SCALE_STABLE),
      size: pick(rng, [10, 20, 50, 100, 200]),
      zone: 'nova',
      volumeType: i % 3 === 0 ? 'SATA' : 'SSD',
      sourceVolid: null,
      snapshotId: null,
      imageId: null,
      bootable: false,
      attachments: [],
      migrateStatus: null,
      created,
      updated: created,
    };
    if (i < SCALE_PASSING) {
      // Long deadlines: these stay passing for a whole benchmark run.
      v.status = 'ACTIVED';
      v.volumeStatus = 'CREATING';
      v.pending = { kind: 'create', deadline: now + DAY_MS, fails: false };
    } else if (Math.floor(i / 10) % 10 === 1 && v.status === 'ACTIVED') {
      // One volume in ten is attached, spread over every server of its tenant.
      const srv = state.servers[(i % SCALE_TENANTS) * SCALE_SERVERS_PER_TENANT + (Math.floor(i / 100) % SCALE_SERVERS_PER_TENANT)];
      const used = srv ? (deviceCount.get(srv.id) ?? 0) : 0;
      // At most 20 devices per server, so runtime attaches still find a free one.
      if (srv && used < 20) {
        deviceCount.set(srv.id, used + 1);
        v.volumeStatus = 'IN_USE';
        v.attachments = [{ serverId: srv.id, device: `/dev/vd${String.fromCharCode(98 + used)}`, attachedAt: created }];
      }
    }
    state.volumes.push(v);
  }
}
