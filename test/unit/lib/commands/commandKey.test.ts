import { commandKey } from '../../../../lib/commands/commandKey';

describe('commandKey', () => {
  it('is 16 base64url characters, the same for the same id', () => {
    const id = `idem-${'a'.repeat(64)}`;
    expect(commandKey(id)).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(commandKey(id)).toBe(commandKey(id));
  });

  it('differs for ids that differ in one character', () => {
    const keys = new Set(Array.from({ length: 1000 }, (_, index) => commandKey(`cmd-${index}`)));
    expect(keys.size).toBe(1000);
  });
});
