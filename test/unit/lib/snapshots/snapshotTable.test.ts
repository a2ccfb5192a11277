import {
  SnapshotKeys,
  assertWritable,
  snapshotTableDefinition,
} from '../../../../lib/snapshots/snapshotTable';

describe('snapshotTableDefinition', () => {
  it('keys the table on id and declares each index attribute once', () => {
    expect(
      snapshotTableDefinition([
        { name: 'by-owner', partitionKey: 'owner', sortKey: 'openedAt' },
        { name: 'by-status', partitionKey: 'status', sortKey: 'openedAt' },
        { name: 'by-version', partitionKey: 'owner', sortKey: 'version' },
      ]),
    ).toEqual({
      attributes: [
        { name: 'id', type: 'S' },
        { name: 'owner', type: 'S' },
        { name: 'openedAt', type: 'S' },
        { name: 'status', type: 'S' },
        { name: 'version', type: 'N' },
      ],
      partitionKey: SnapshotKeys.id,
      indexes: [
        { name: 'by-owner', partitionKey: 'owner', sortKey: 'openedAt' },
        { name: 'by-status', partitionKey: 'status', sortKey: 'openedAt' },
        { name: 'by-version', partitionKey: 'owner', sortKey: 'version' },
      ],
    });
  });

  it('has no indexes unless given', () => {
    expect(snapshotTableDefinition()).toEqual({
      attributes: [{ name: 'id', type: 'S' }],
      partitionKey: 'id',
      indexes: [],
    });
  });
});

describe('assertWritable', () => {
  it('accepts a document moving the version forward', () => {
    expect(() => assertWritable({ id: 'a', version: 3, doc: { x: 1 } }, 1)).not.toThrow();
  });

  it.each(['id', 'version'])('rejects a document using the reserved key %s', (key) => {
    expect(() => assertWritable({ id: 'a', version: 1, doc: { [key]: 'x' } }, 0)).toThrow(
      `snapshot a: document keys ${key} are reserved for the table key and version`,
    );
  });

  it.each([
    ['an empty id', { id: '', version: 1, doc: {} }, 0, /non-empty/],
    ['an array document', { id: 'a', version: 1, doc: [] }, 0, /must be an object/],
    ['a version not above the expected one', { id: 'a', version: 2, doc: {} }, 2, /above the expected/],
    ['a fractional version', { id: 'a', version: 1.5, doc: {} }, 0, /integer/],
    ['a negative expected version', { id: 'a', version: 1, doc: {} }, -1, /non-negative/],
  ])('rejects %s', (_, snapshot, expected, message) => {
    expect(() => assertWritable(snapshot, expected)).toThrow(message);
  });
});
