import type { ITopicConfig } from 'kafkajs';
import { ensureTopics } from '../../../../infra/aws/ensureTopics';

function fakeAdmin(existing: string[]) {
  const created: ITopicConfig[][] = [];
  return {
    created,
    admin: {
      listTopics: () => Promise.resolve(existing),
      createTopics: ({ topics }: { topics: ITopicConfig[] }) => {
        created.push(topics);
        return Promise.resolve(true);
      },
    },
  };
}

const config = (topic: string): ITopicConfig => ({ topic, numPartitions: 6, replicationFactor: 3 });

describe('ensureTopics', () => {
  it('creates only the missing topics, in one request', async () => {
    const { admin, created } = fakeAdmin(['orders']);
    const result = await ensureTopics(admin, [config('orders'), config('payments'), config('inventory')]);
    expect(result).toEqual({ created: ['payments', 'inventory'], existing: ['orders'] });
    expect(created).toEqual([[config('payments'), config('inventory')]]);
  });

  it('changes nothing when every topic exists', async () => {
    const { admin, created } = fakeAdmin(['orders', 'payments']);
    const result = await ensureTopics(admin, [config('orders'), config('payments')]);
    expect(result).toEqual({ created: [], existing: ['orders', 'payments'] });
    expect(created).toEqual([]);
  });
});
