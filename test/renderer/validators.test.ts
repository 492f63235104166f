import { describe, expect, it } from 'vitest';
import {
  bulkNames,
  lengthCounter,
  showsAtOnce,
  validateCount,
  validateCreate,
  validateDeleteConfirmation,
  validateDescription,
  validateExtendSize,
  validateLength,
  validateName,
  validateServerId,
  validateSize,
  validateUserId,
  type CreateInput,
} from '../../renderer/src/logic/validators';
import { opParamsSchemas } from '../../electron/shared/queue';
import dialogs from '../../renderer/src/i18n/messages/dialogs';
import { i18n, translate, type KeyedMessage } from '../../renderer/src/i18n';

function i18nText(locale: 'en' | 'zh-CN', message: KeyedMessage): string {
  i18n.global.locale.value = locale;
  return translate(message);
}

const keyOf = (p: { key: string } | null) => p?.key.replace('dialogs.invalid.', '') ?? null;

describe('validators', () => {
  it('requires a name, trimmed, of at most 255 characters', () => {
    expect(keyOf(validateName(''))).toBe('nameRequired');
    expect(keyOf(validateName('   '))).toBe('nameRequired');
    expect(validateName('data-01')).toBeNull();
    expect(validateName('x'.repeat(255))).toBeNull();
    expect(validateName('x'.repeat(256))).toEqual({ key: 'dialogs.invalid.tooLong', params: { n: 256, max: 255 } });
    // Bulk numbering adds "-01": the base name must leave room for it.
    expect(validateName('x'.repeat(253), 3)).toEqual({ key: 'dialogs.invalid.tooLong', params: { n: 253, max: 252 } });
  });

  it('limits a description to 1000 characters', () => {
    expect(validateDescription('x'.repeat(1000))).toBeNull();
    expect(keyOf(validateDescription('x'.repeat(1001)))).toBe('tooLong');
  });

  it('refuses a text over its limit with its length and the limit, instead of cutting it', () => {
    expect(validateLength('x'.repeat(100), 100)).toBeNull();
    const pasted = validateLength('x'.repeat(300), 255);
    expect(pasted).toEqual({ key: 'dialogs.invalid.tooLong', params: { n: 300, max: 255 } });
    expect(showsAtOnce(pasted!)).toBe(true); // seen while typing, not only after leaving the field
    expect(showsAtOnce(validateName('')!)).toBe(false);
    expect(i18nText('en', pasted!)).toBe('Too long: 300 characters, at most 255 are allowed. Shorten it; nothing is cut for you.');
    expect(i18nText('zh-CN', pasted!)).toBe('太长：300 个字符，最多允许 255 个。请缩短，不会替你截断。');
  });

  it('shows a counter from 80 % of a limit on, marked once over it', () => {
    expect(lengthCounter(203, 255)).toBeNull();
    expect(lengthCounter(204, 255)).toEqual({ length: 204, max: 255, over: false });
    expect(lengthCounter(255, 255)).toEqual({ length: 255, max: 255, over: false });
    expect(lengthCounter(300, 255)).toEqual({ length: 300, max: 255, over: true });
    expect(lengthCounter(79, 100)).toBeNull();
    expect(lengthCounter(80, 100)?.over).toBe(false);
  });

  it('takes a size as a positive whole number of GB up to 65536', () => {
    expect(validateSize(1)).toBeNull();
    expect(validateSize('40')).toBeNull();
    expect(validateSize(65_536)).toBeNull();
    expect(keyOf(validateSize(65_537))).toBe('sizeTooLarge');
    expect(keyOf(validateSize(0))).toBe('sizePositive');
    expect(keyOf(validateSize(-5))).toBe('sizePositive');
    expect(keyOf(validateSize(1.5))).toBe('sizeInteger');
    expect(keyOf(validateSize('ten'))).toBe('sizeInteger');
    expect(keyOf(validateSize(null))).toBe('sizeRequired');
    expect(validateSize('', false)).toBeNull();
  });

  it('requires an extend to a size larger than the current one', () => {
    expect(validateExtendSize(20, 10)).toBeNull();
    expect(validateExtendSize(10, 10)).toEqual({ key: 'dialogs.invalid.sizeNotLarger', params: { current: 10 } });
    expect(keyOf(validateExtendSize(5, 10))).toBe('sizeNotLarger');
    expect(keyOf(validateExtendSize(70_000, 10))).toBe('sizeTooLarge');
  });

  it('takes a bulk count from 1 to 100', () => {
    expect(validateCount(1)).toBeNull();
    expect(validateCount(100)).toBeNull();
    expect(keyOf(validateCount(0))).toBe('countRange');
    expect(keyOf(validateCount(101))).toBe('countRange');
    expect(keyOf(validateCount(2.5))).toBe('countRange');
    expect(keyOf(validateCount(''))).toBe('countRequired');
  });

  it('numbers bulk names zero-padded to the width of the count, at least two digits', () => {
    expect(bulkNames(' data ', 1)).toEqual(['data']);
    expect(bulkNames('data', 5)).toEqual(['data-01', 'data-02', 'data-03', 'data-04', 'data-05']);
    const hundred = bulkNames('d', 100);
    expect(hundred).toHaveLength(100);
    expect(hundred[0]).toBe('d-001');
    expect(hundred[99]).toBe('d-100');
    expect(new Set(hundred).size).toBe(100);
  });

  it('requires a server id and an owner that is a positive whole number', () => {
    expect(keyOf(validateServerId(' '))).toBe('serverRequired');
    expect(validateServerId('srv-101-a')).toBeNull();
    expect(keyOf(validateServerId('s'.repeat(101)))).toBe('tooLong');
    expect(validateUserId(101)).toBeNull();
    expect(keyOf(validateUserId(''))).toBe('ownerRequired');
    expect(keyOf(validateUserId(-1))).toBe('ownerInvalid');
  });

  it('confirms deleting one volume only when its name is typed exactly', () => {
    expect(validateDeleteConfirmation('data-01', 'data-01')).toBeNull();
    expect(validateDeleteConfirmation('data-0', 'data-01')).toEqual({
      key: 'dialogs.invalid.confirmMismatch',
      params: { name: 'data-01' },
    });
    expect(keyOf(validateDeleteConfirmation('Data-01', 'data-01'))).toBe('confirmMismatch');
    expect(keyOf(validateDeleteConfirmation(' data-01', 'data-01'))).toBe('confirmMismatch');
  });

  describe('create', () => {
    const base: CreateInput = { accountId: 'a1', userId: 101, name: 'data', description: '', size: 10, image: '', count: 1 };

    it('needs a size unless an image is given', () => {
      expect(validateCreate(base)).toEqual({});
      expect(Object.keys(validateCreate({ ...base, size: null }))).toEqual(['size']);
      expect(validateCreate({ ...base, size: null, image: 'img-ubuntu' })).toEqual({});
    });

    it('lists every problem by field', () => {
      const problems = validateCreate({ accountId: null, userId: 0, name: '', description: '', size: 0, image: '', count: 0 });
      expect(Object.keys(problems).sort()).toEqual(['accountId', 'count', 'name', 'size', 'userId']);
    });

    it('accepts only what the queue accepts', () => {
      for (const input of [base, { ...base, size: null, image: 'img' }, { ...base, size: 65_536, count: 100 }]) {
        expect(validateCreate(input)).toEqual({});
        for (const name of bulkNames(input.name, Number(input.count))) {
          const params = { userid: 101, name, size: input.size ?? undefined, image: input.image || undefined };
          expect(opParamsSchemas.create.safeParse(params).success).toBe(true);
        }
      }
    });
  });

  it('has a message for every problem, in both languages', () => {
    const keys = [
      'nameRequired',
      'tooLong',
      'sizeRequired',
      'sizeInteger',
      'sizePositive',
      'sizeTooLarge',
      'sizeNotLarger',
      'countRequired',
      'countRange',
      'serverRequired',
      'ownerRequired',
      'ownerInvalid',
      'confirmMismatch',
      'accountRequired',
    ];
    for (const key of keys) {
      expect(dialogs.en.dialogs.invalid).toHaveProperty(key);
      expect(dialogs['zh-CN'].dialogs.invalid).toHaveProperty(key);
    }
  });
});
