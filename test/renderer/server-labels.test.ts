import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountLabels } from '../../electron/shared/labels';
import { setHost } from '../../renderer/src/ipc/host';
import { idSuggestions, imagesSeen, matchSuggestions, serverSuggestions } from '../../renderer/src/logic/id-suggestions';
import { toCsv, toJson } from '../../renderer/src/logic/table-export';
import { columnValue, type ColumnContext } from '../../renderer/src/logic/volume-columns';
import { filterRows } from '../../renderer/src/logic/volume-filter';
import { EMPTY_FILTERS } from '../../renderer/src/stores/navigation';
import { shortId, useLabelsStore } from '../../renderer/src/stores/labels';
import { fakeHost, type FakeHost } from './fake-host';
import { row } from './fixtures';

const SERVER = '86c41ff0-d169-46b2-8f98-02932a90106a';
const labelled = (server: Record<string, string>, image: Record<string, string> = {}): AccountLabels => ({ server, image });

describe('what attach and create suggest', () => {
  const rows = [
    row('acc', 1, { userid: 101, attachments: [{ serverId: 'srv-b', device: '/dev/vdb', attachedAt: null }], imageId: 'img-1' }),
    row('acc', 2, { userid: 101, attachments: [{ serverId: 'srv-a', device: '', attachedAt: null }], imageId: 'img-1' }),
    row('acc', 3, { userid: 102, attachments: [{ serverId: 'srv-other', device: '', attachedAt: null }], imageId: 'img-2' }),
    row('elsewhere', 4, { userid: 101, attachments: [{ serverId: 'srv-far', device: '', attachedAt: null }], imageId: 'img-9' }),
  ];

  it('suggests the servers the tenant uses and the labelled ones no other tenant uses, labelled first', () => {
    const labels = { 'srv-b': 'Web', 'srv-other': 'Not ours', 'srv-new': 'Spare' };
    expect(serverSuggestions(rows, 'acc', 101, labels)).toEqual([
      { value: 'srv-new', label: 'Spare', seen: false },
      { value: 'srv-b', label: 'Web', seen: true },
      { value: 'srv-a', seen: true },
    ]);
  });

  it('matches what was typed against the id or the label', () => {
    const all = idSuggestions(['srv-a', 'srv-b'], { 'srv-b': 'Web front' });
    expect(matchSuggestions(all, ' FRONT ').map((s) => s.value)).toEqual(['srv-b']);
    expect(matchSuggestions(all, 'srv-a').map((s) => s.value)).toEqual(['srv-a']);
    expect(matchSuggestions(all, '')).toHaveLength(2);
  });

  it('suggests the image ids seen on the account, each once, with their labels', () => {
    expect(imagesSeen(rows, 'acc').sort()).toEqual(['img-1', 'img-2']);
    expect(idSuggestions(imagesSeen(rows, 'acc'), { 'img-2': 'Debian 12' })).toEqual([
      { value: 'img-2', label: 'Debian 12', seen: true },
      { value: 'img-1', seen: true },
    ]);
  });
});

describe('a server label in the table', () => {
  const attached = row('acc', 1, { name: 'db-data', attachments: [{ serverId: SERVER, device: '/dev/vdb', attachedAt: null }] });
  const other = row('acc', 2, { name: 'web-data', attachments: [{ serverId: 'srv-2', device: '', attachedAt: null }] });
  const sameIdElsewhere = row('acc-2', 3, { name: 'other-cloud', attachments: [{ serverId: SERVER, device: '', attachedAt: null }] });
  const byAccount = { acc: labelled({ [SERVER]: 'Build box 7' }) };
  const context: ColumnContext = {
    tenantLabel: () => '',
    accountName: (r) => r.accountId,
    serverName: (r, serverId) => byAccount[r.accountId as 'acc']?.server[serverId] ?? serverId,
  };

  it("finds a volume by its server's label in its own account only", () => {
    const rows = [attached, other, sameIdElsewhere];
    expect(filterRows(rows, { ...EMPTY_FILTERS, keyword: 'build BOX' }, byAccount)).toEqual([attached]);
    expect(filterRows(rows, { ...EMPTY_FILTERS, keyword: 'data' }, byAccount)).toEqual([attached, other]);
    expect(filterRows(rows, { ...EMPTY_FILTERS, keyword: 'build' })).toEqual([]);
  });

  it('exports the label in the CSV column and keeps the raw id in JSON beside it', () => {
    expect(columnValue('attachedTo', attached, context)).toBe('Build box 7 (/dev/vdb)');
    expect(
      toCsv([attached], ['name', 'attachedTo'], { name: 'Name', attachedTo: 'Attached to' } as never, context, {
        enabled: String,
        state: String,
        stuck: 'Stuck',
        yes: 'Yes',
        no: 'No',
      }),
    ).toBe('Name,Attached to\r\ndb-data,Build box 7 (/dev/vdb)\r\n');
    const [json] = JSON.parse(toJson([attached], context)) as { attachments: { serverId: string }[]; attachedTo: string }[];
    expect(json!.attachments[0]!.serverId).toBe(SERVER);
    expect(json!.attachedTo).toBe('Build box 7 (/dev/vdb)');
  });
});

describe('labels store', () => {
  let host: FakeHost;
  beforeEach(() => {
    setActivePinia(createPinia());
    host = fakeHost({
      'labels:list': () => ({ acc: labelled({ [SERVER]: 'Build box 7' }) }),
      'labels:set': ({ label }) => labelled(label === null ? {} : { [SERVER]: label }),
    });
    setHost(host);
  });

  it("reads the labels, follows the core's changes, and takes a label away when set empty", async () => {
    const labels = useLabelsStore();
    await labels.start();
    expect(labels.label('acc', 'server', SERVER)).toBe('Build box 7');
    expect(labels.nameOf('acc', 'server', 'srv-x')).toBe('srv-x');
    expect(shortId(SERVER)).toBe('86c41ff0…');
    host.emit('labels:changed', { accountId: 'acc', labels: labelled({}, { 'img-1': 'Debian' }) });
    expect(labels.label('acc', 'server', SERVER)).toBeUndefined();
    expect(labels.label('acc', 'image', 'img-1')).toBe('Debian');
    await labels.set('acc', 'server', SERVER, '   ');
    expect(host.calls.at(-1)).toEqual({ channel: 'labels:set', payload: { accountId: 'acc', kind: 'server', id: SERVER, label: null } });
    expect(labels.byAccount).toEqual({});
  });
});
