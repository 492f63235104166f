import { describe, expect, it } from 'vitest';
import { LOCALES, messageModules, type MessageTree } from '../../renderer/src/i18n';

function keys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

describe('translations', () => {
  it('every message module has exactly the same keys in English and Chinese', () => {
    expect(messageModules.length).toBeGreaterThanOrEqual(6);
    for (const module of messageModules) {
      const english = keys(module.en).sort();
      expect(english.length).toBeGreaterThan(0);
      expect(keys(module['zh-CN']).sort()).toEqual(english);
    }
  });

  it('each module holds one namespace, and no two modules share one', () => {
    const namespaces = messageModules.map((module) => {
      const names = LOCALES.map((locale) => Object.keys(module[locale]));
      expect(names[0]).toHaveLength(1);
      expect(names[1]).toEqual(names[0]);
      return names[0]?.[0];
    });
    expect(new Set(namespaces).size).toBe(namespaces.length);
  });

  it('no message is left empty or untranslated in Chinese', () => {
    for (const module of messageModules) {
      const zh = keys(module['zh-CN']);
      for (const key of zh) {
        const text = key
          .split('.')
          .reduce<MessageTree | string | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), module['zh-CN']);
        expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true);
      }
    }
  });
});
