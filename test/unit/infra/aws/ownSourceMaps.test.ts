import { decode, encode } from '@jridgewell/sourcemap-codec';
import { ownSourceMap } from '../../../../infra/aws/ownSourceMaps';

// A bundle of two lines: line 0 mixes kafkajs and lib/ code, line 1 is zod only.
const map = {
  version: 3 as const,
  sources: [
    '../node_modules/kafkajs/src/index.js',
    '../lib/kafka/kafkaConnection.ts',
    '../node_modules/zod/v4/core.js',
  ],
  names: ['Kafka', 'createKafka', 'parse'],
  mappings: encode([
    [[0, 0, 10, 2, 0], [40, 1, 3, 0, 1], [52, 1, 4, 6], [60, 0, 11, 0], [70, 0, 12, 0], [80]],
    [[0, 2, 1, 1, 2]],
  ]),
};

describe('ownSourceMap', () => {
  it("keeps the mappings of this repository's code, renumbering sources and names", () => {
    const own = ownSourceMap(map);
    expect(own.sources).toEqual(['../lib/kafka/kafkaConnection.ts']);
    expect(own.names).toEqual(['createKafka']);
    expect(decode(own.mappings)[0]).toEqual([
      [40, 0, 3, 0, 0],
      [52, 0, 4, 6],
      [60], // kafkajs again from column 60: mapped to nothing, not to kafkaConnection.ts line 4
    ]);
    expect(decode(own.mappings)[1]).toEqual([]);
  });

  it('keeps the bundle line of every mapping it keeps, so frames still resolve', () => {
    const own = ownSourceMap({ ...map, sourcesContent: ['k', 'l', 'z'] });
    expect(own.sourcesContent).toEqual(['l']);
    expect(decode(own.mappings)).toHaveLength(2);
  });

  it('gives the same map when applied twice', () => {
    expect(ownSourceMap(ownSourceMap(map))).toEqual(ownSourceMap(map));
  });
});
