import { commandKey } from '../../../../lib/commands/commandKey';
import { packCommands, unpackCommands } from '../../../../lib/heads/commandList';

const remembered = (count: number, from = 1) =>
  Array.from({ length: count }, (_, n) => ({
    id: commandKey(`idem-${'f'.repeat(60)}${n}`),
    version: from + n * 2,
    events: n % 3 === 0 ? 0 : 2,
  }));

describe('remembered commands packed as bytes', () => {
  it('reads back exactly what it wrote', () => {
    const commands = remembered(32, 1_000_000);
    expect(unpackCommands(packCommands(commands)!)).toEqual(commands);
  });

  it('takes 14 bytes a command where JSON triples took about 26', () => {
    const commands = remembered(32);
    const json = JSON.stringify(commands.map((c) => [c.id, c.version, c.events]));
    expect(packCommands(commands)!.length).toBeLessThanOrEqual(32 * 14 + 4);
    expect(json.length).toBeGreaterThan(32 * 25);
  });

  it('reads an empty list', () => {
    expect(unpackCommands(packCommands([])!)).toEqual([]);
  });

  it('declines what it cannot pack: ids that are not command keys, versions going backwards', () => {
    expect(packCommands([{ id: 'not-a-key', version: 1, events: 1 }])).toBeUndefined();
    const [a, b] = remembered(2);
    expect(packCommands([b!, a!])).toBeUndefined();
  });

  it('refuses truncated bytes instead of inventing commands', () => {
    const packed = packCommands(remembered(2))!;
    expect(() => unpackCommands(packed.subarray(0, packed.length - 3))).toThrow(/truncated/);
  });
});
