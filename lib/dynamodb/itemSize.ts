import type { AttributeValue } from '@aws-sdk/client-dynamodb';

type Item = Record<string, AttributeValue>;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** Bytes of a number the DynamoDB way: 1 byte per two significant digits, plus 1. */
function numberBytes(text: string): number {
  const digits = text
    .replace(/^[-+]/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '');
  const significant = digits.replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, significant.length) / 2) + 1;
}

/**
 * The size DynamoDB bills for a value (not counting its attribute name), following "DynamoDB item
 * sizes and formats": strings and binaries by their bytes, numbers by significant digits, lists and
 * maps 3 bytes plus 1 byte per element plus their contents.
 */
export function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberBytes(value.N);
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((total, s) => total + utf8(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((total, n) => total + numberBytes(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((total, b) => total + b.length, 0);
  if (value.L !== undefined)
    return 3 + value.L.reduce((total, element) => total + 1 + valueBytes(element), 0);
  if (value.M !== undefined) {
    return (
      3 + Object.entries(value.M).reduce((total, [name, v]) => total + 1 + utf8(name) + valueBytes(v), 0)
    );
  }
  return 0;
}

/** The size of an item: attribute names plus values. */
export function itemBytes(item: Item | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((total, [name, value]) => total + utf8(name) + valueBytes(value), 0);
}

/** Write units of a write that replaces `before` with `after`: the larger item, per started KB. */
export function writeUnits(before: Item | undefined, after: Item | undefined): number {
  return Math.max(1, Math.ceil(Math.max(itemBytes(before), itemBytes(after)) / 1024));
}

/** Read units of a read of `item`: per started 4 KB; strongly consistent reads cost twice as much. */
export function readUnits(item: Item | undefined, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(itemBytes(item) / 4096));
  return consistent ? units : units / 2;
}
