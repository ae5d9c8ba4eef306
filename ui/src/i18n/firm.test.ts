import { CAPABILITY_NAMES } from '../../../domain/policy';
import { en, zh } from './firm';

/** The firm settings page shows each capability of the policy as a switch with a sentence: both languages have one. */
describe('capability sentences', () => {
  it.each(CAPABILITY_NAMES)('%s has a sentence in zh-CN and en', (name) => {
    const at = (messages: unknown) => name.split('.').reduce<unknown>((m, k) => (m as Record<string, unknown> | undefined)?.[k], messages);
    expect(typeof at(zh.capability)).toBe('string');
    expect(typeof at(en.capability)).toBe('string');
  });
});
