import type { AppliedCommand } from './headStore';

// A command key is 96 bits written as 16 base64url characters (lib/commands/commandKey.ts).
const KEY_BYTES = 12;

/**
 * The remembered commands as bytes: the first version, then per command its 12-byte key and two
 * varints, the version step from the command before and its number of events. 32 commands take
 * about 450 bytes instead of 900 as JSON triples — the difference between a head write of one write
 * unit and one of two, on both writes of every command. Undefined when a list cannot be packed
 * (keys that are not command keys, versions going backwards): it is then stored as JSON.
 */
export function packCommands(commands: readonly AppliedCommand[]): Buffer | undefined {
  const bytes: number[] = [];
  let previous = commands[0]?.version ?? 0;
  varint(bytes, previous);
  for (const command of commands) {
    const key = Buffer.from(command.id, 'base64url');
    if (key.length !== KEY_BYTES || key.toString('base64url') !== command.id) return undefined;
    if (command.version < previous || !Number.isSafeInteger(command.version) || command.events < 0) {
      return undefined;
    }
    bytes.push(...key);
    varint(bytes, command.version - previous);
    varint(bytes, command.events);
    previous = command.version;
  }
  return Buffer.from(bytes);
}

/** Reads what {@link packCommands} wrote; throws on bytes it did not write. */
export function unpackCommands(packed: Uint8Array): AppliedCommand[] {
  const reader = { bytes: packed, at: 0 };
  let version = readVarint(reader);
  const commands: AppliedCommand[] = [];
  while (reader.at < packed.length) {
    if (reader.at + KEY_BYTES > packed.length) throw new Error('truncated remembered commands');
    const id = Buffer.from(packed.subarray(reader.at, reader.at + KEY_BYTES)).toString('base64url');
    reader.at += KEY_BYTES;
    version += readVarint(reader);
    commands.push({ id, version, events: readVarint(reader) });
  }
  return commands;
}

function varint(out: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

function readVarint(reader: { bytes: Uint8Array; at: number }): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = reader.bytes[reader.at];
    if (byte === undefined) throw new Error('truncated remembered commands');
    reader.at += 1;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 0x80;
  }
}
