import { createHash } from 'node:crypto';

/**
 * What a head remembers of a command id: 96 bits of its SHA-256, 16 base64url characters.
 *
 * Both head writes of a command are billed for the whole item, per KB. Raw ids are up to 69
 * characters (`idem-` + 64 hex digits), and a head remembering 100 of them weighed 7 KB: 16 write
 * units per command. With keys the remembered commands take about 3 KB. Two different commands
 * share a key with probability 2^-96 each; among 100 remembered ones, about 10^-27 per command.
 *
 * @example
 * head.commands.find((c) => c.id === commandKey(metadata.commandId));
 */
export function commandKey(commandId: string): string {
  return createHash('sha256').update(commandId).digest('base64url').slice(0, 16);
}
