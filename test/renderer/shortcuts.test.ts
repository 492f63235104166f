import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyPress } from '../../renderer/src/logic/shortcuts';
import { validateAccount, tenantsOf, type AccountDraft } from '../../renderer/src/logic/account-form';

function press(key: string, mods: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods };
}

describe('keyboard shortcuts', () => {
  it('Ctrl or Cmd with F searches and with R refreshes; F5 refreshes', () => {
    expect(shortcutFor(press('f', { ctrlKey: true }), false)).toBe('search');
    expect(shortcutFor(press('F', { metaKey: true }), true)).toBe('search');
    expect(shortcutFor(press('r', { ctrlKey: true }), true)).toBe('refresh');
    expect(shortcutFor(press('F5'), false)).toBe('refresh');
  });

  it('select all and Delete act on rows only outside text fields', () => {
    expect(shortcutFor(press('a', { metaKey: true }), false)).toBe('selectAll');
    expect(shortcutFor(press('a', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(press('Delete'), false)).toBe('delete');
    expect(shortcutFor(press('Delete'), true)).toBeNull();
  });

  it('leaves other keys alone', () => {
    expect(shortcutFor(press('a'), false)).toBeNull();
    expect(shortcutFor(press('r', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(shortcutFor(press('f', { ctrlKey: true, altKey: true }), false)).toBeNull();
  });
});

describe('account form', () => {
  const good: AccountDraft = {
    name: 'Prod',
    endpoint: 'https://api.example.com',
    colour: '#409eff',
    tenants: [
      { userId: 7, label: ' Finance ' },
      { userId: 8, label: '' },
    ],
    accessToken: 'a',
    sessionToken: 'b',
    sessionSecret: 'c',
    sessionOnly: false,
    plainHttpConfirmed: false,
  };

  it('accepts a complete draft and gives tenants as the contract takes them', () => {
    expect(validateAccount(good, true)).toEqual({});
    expect(tenantsOf(good)).toEqual([{ userId: 7, label: 'Finance' }, { userId: 8 }]);
  });

  it('says what is wrong: name, endpoint, each missing credential, bad or repeated tenants', () => {
    const problems = validateAccount(
      {
        ...good,
        name: ' ',
        endpoint: 'ftp://x',
        sessionSecret: '',
        tenants: [
          { userId: 7, label: '' },
          { userId: 7, label: '' },
          { userId: null, label: '' },
        ],
      },
      true,
    );
    expect(Object.keys(problems).sort()).toEqual(['endpoint', 'name', 'sessionSecret', 'tenant-1', 'tenant-2']);
    expect(problems['tenant-1']).toEqual({ key: 'accounts.invalid.duplicateTenant', params: { id: 7 } });
  });

  it('takes plain http:// to another machine only once the user confirms it, and loopback without asking', () => {
    expect(validateAccount({ ...good, endpoint: 'http://cloud.example.com:8080' }, true)).toEqual({
      endpoint: { key: 'accounts.invalid.plainHttp' },
    });
    expect(validateAccount({ ...good, endpoint: 'http://cloud.example.com:8080', plainHttpConfirmed: true }, true)).toEqual({});
    for (const endpoint of ['http://127.0.0.1:8787', 'http://localhost:1', 'http://[::1]:9', 'https://10.0.0.1'])
      expect(validateAccount({ ...good, endpoint }, true)).toEqual({});
  });

  it('does not ask for credentials when editing', () => {
    expect(validateAccount({ ...good, accessToken: '', sessionToken: '', sessionSecret: '' }, false)).toEqual({});
  });
});
