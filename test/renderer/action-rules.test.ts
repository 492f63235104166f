import { describe, expect, it } from 'vitest';
import {
  actionBlocker,
  partitionByAction,
  VOLUME_ACTIONS,
  type RuleSubject,
  type VolumeAction,
} from '../../renderer/src/logic/action-rules';
import rules from '../../renderer/src/i18n/messages/rules';
import { LOCALES, setLocale, translate } from '../../renderer/src/i18n';
import { PASSING_STATES, VOLUME_STATES, type EnabledStatus, type VolumeState } from '../../electron/shared/volume';

function volume(volumeStatus: VolumeState, status: EnabledStatus = 'ACTIVED', attached = volumeStatus === 'IN_USE'): RuleSubject {
  return { volumeStatus, status, attachments: attached ? [{ serverId: 'srv-1', device: '/dev/vdb', attachedAt: 1 }] : [] };
}

const STABLE = VOLUME_STATES.filter((s) => !PASSING_STATES.includes(s));

/** Spec section 4, restated as the states each action is allowed from (enabled, then disabled volumes). */
const ALLOWED: Record<VolumeAction, { ACTIVED: readonly VolumeState[]; DISABLED: readonly VolumeState[] }> = {
  clone: { ACTIVED: ['AVAILABLE', 'IN_USE'], DISABLED: [] },
  extend: { ACTIVED: ['AVAILABLE'], DISABLED: [] },
  attach: { ACTIVED: ['AVAILABLE'], DISABLED: [] },
  detach: { ACTIVED: ['IN_USE'], DISABLED: ['IN_USE'] },
  delete: { ACTIVED: ['AVAILABLE', 'ERROR', 'ERROR_RESTORING'], DISABLED: ['AVAILABLE', 'ERROR', 'ERROR_RESTORING'] },
  disable: { ACTIVED: STABLE, DISABLED: [] },
  enable: { ACTIVED: [], DISABLED: VOLUME_STATES },
  rename: { ACTIVED: VOLUME_STATES, DISABLED: VOLUME_STATES },
};

function lookup(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe('actionBlocker', () => {
  for (const action of VOLUME_ACTIONS) {
    for (const enabled of ['ACTIVED', 'DISABLED'] as const) {
      it(`${action} of a ${enabled} volume is allowed exactly from ${ALLOWED[action][enabled].join(', ') || 'no state'}`, () => {
        const allowed = VOLUME_STATES.filter((state) => actionBlocker(action, volume(state, enabled)) === null);
        expect(allowed).toEqual(VOLUME_STATES.filter((s) => ALLOWED[action][enabled].includes(s)));
      });
    }
  }

  it('explains every refusal with a key translated in both languages', () => {
    for (const action of VOLUME_ACTIONS)
      for (const enabled of ['ACTIVED', 'DISABLED'] as const)
        for (const state of VOLUME_STATES) {
          const blocker = actionBlocker(action, volume(state, enabled));
          if (!blocker) continue;
          expect(typeof lookup(rules.en, blocker.key), blocker.key).toBe('string');
          expect(typeof lookup(rules['zh-CN'], blocker.key), blocker.key).toBe('string');
        }
  });

  it('words every state as the table does, never as the API spells it, in both languages', () => {
    const raw = new RegExp(`\\b(${VOLUME_STATES.join('|')})\\b`);
    try {
      for (const locale of LOCALES) {
        setLocale(locale);
        for (const action of VOLUME_ACTIONS)
          for (const enabled of ['ACTIVED', 'DISABLED'] as const)
            for (const state of VOLUME_STATES) {
              const blocker = actionBlocker(action, volume(state, enabled));
              if (!blocker) continue;
              const text = translate(blocker);
              expect(text, `${locale} ${action} ${state}`).not.toMatch(raw);
              expect(text, `${locale} ${action} ${state}`).not.toContain('volumes.states');
            }
      }
      setLocale('en');
      expect(translate(actionBlocker('extend', volume('IN_USE'))!)).toBe(
        'Detach it first: extend needs the state “Available” and the volume is “In use”',
      );
      expect(translate(actionBlocker('delete', volume('ERROR_DELETING'))!)).toBe(
        'Delete needs the state “Available”, “Error” or “Error restoring”: the volume is “Error deleting”',
      );
      setLocale('zh-CN');
      expect(translate(actionBlocker('extend', volume('ERROR'))!)).toBe('扩容需要磁盘处于“可用”状态：当前为“错误”');
      expect(translate(actionBlocker('delete', volume('DELETING'))!)).toBe('请稍候：磁盘正处于“删除中”状态');
    } finally {
      setLocale('en');
    }
  });

  it('says to detach first when an attached volume is deleted or extended', () => {
    expect(actionBlocker('delete', volume('IN_USE'))).toEqual({ key: 'rules.inUse.delete' });
    expect(rules.en.rules.inUse.delete).toBe('Detach it first: the volume is in use');
    expect(actionBlocker('extend', volume('IN_USE'))?.key).toBe('rules.inUse.extend');
  });

  it('says to enable a disabled volume before attaching, extending or cloning', () => {
    expect(actionBlocker('attach', volume('AVAILABLE', 'DISABLED'))).toEqual({ key: 'rules.disabled.attach' });
    expect(actionBlocker('extend', volume('AVAILABLE', 'DISABLED'))).toEqual({ key: 'rules.disabled.extend' });
    expect(actionBlocker('clone', volume('IN_USE', 'DISABLED'))).toEqual({ key: 'rules.disabled.clone' });
  });

  it('asks to wait while the volume passes through a transitional state, naming it', () => {
    expect(actionBlocker('delete', volume('DELETING'))).toEqual({
      key: 'rules.wait',
      params: { state: { key: 'volumes.states.DELETING' } },
    });
    expect(actionBlocker('disable', volume('UNRECOGNIZED'))).toEqual({
      key: 'rules.wait',
      params: { state: { key: 'volumes.states.UNRECOGNIZED' } },
    });
    expect(actionBlocker('attach', volume('CREATING'))?.key).toBe('rules.wait');
  });

  it('names the state an action needs when the volume is stable but wrong', () => {
    expect(actionBlocker('extend', volume('ERROR'))).toEqual({
      key: 'rules.needs.extend',
      params: { state: { key: 'volumes.states.ERROR' } },
    });
    expect(actionBlocker('delete', volume('ERROR_DELETING'))).toEqual({
      key: 'rules.needs.delete',
      params: { state: { key: 'volumes.states.ERROR_DELETING' } },
    });
    expect(actionBlocker('detach', volume('AVAILABLE'))).toEqual({ key: 'rules.notAttached' });
    expect(actionBlocker('attach', volume('IN_USE'))).toEqual({ key: 'rules.alreadyAttached', params: { server: 'srv-1' } });
  });

  it('names the server an attached volume is on as the window names it (its label, else its id)', () => {
    const named = actionBlocker(
      'attach',
      { ...volume('IN_USE'), accountId: 'acc' },
      (accountId, serverId) => `${serverId} of ${accountId}`,
    );
    expect(named).toEqual({ key: 'rules.alreadyAttached', params: { server: 'srv-1 of acc' } });
    const { refused } = partitionByAction('attach', [{ ...volume('IN_USE'), accountId: 'acc' }], () => 'Build box 7');
    expect(translate(refused[0]!.blocker)).toBe('Already attached to server Build box 7');
  });

  it('refuses to detach or disable an in-use volume whose server is unknown', () => {
    expect(actionBlocker('detach', volume('IN_USE', 'ACTIVED', false))?.key).toBe('rules.noServer');
    expect(actionBlocker('disable', volume('IN_USE', 'ACTIVED', false))?.key).toBe('rules.noServer');
    expect(actionBlocker('disable', volume('IN_USE'))).toBeNull();
  });
});

describe('partitionByAction', () => {
  it('keeps the rows an action applies to, in order, and lists the others with why', () => {
    const rows = [
      { ...volume('AVAILABLE'), name: 'a' },
      { ...volume('IN_USE'), name: 'b' },
      { ...volume('ERROR'), name: 'c' },
    ];
    const { allowed, refused } = partitionByAction('delete', rows);
    expect(allowed.map((r) => r.name)).toEqual(['a', 'c']);
    expect(refused).toEqual([{ row: rows[1], blocker: { key: 'rules.inUse.delete' } }]);
  });
});
