import { conditionalWrite } from '../../../../lib/dynamodb/dynamoClient';

const failure = (name: string) => Object.assign(new Error(name), { name });

describe('conditionalWrite', () => {
  it('is true when the write was applied and false when its condition did not hold', async () => {
    await expect(conditionalWrite(Promise.resolve({}))).resolves.toBe(true);
    await expect(conditionalWrite(Promise.reject(failure('ConditionalCheckFailedException')))).resolves.toBe(
      false,
    );
  });

  it('passes every other failure on', async () => {
    const throttled = failure('ProvisionedThroughputExceededException');
    await expect(conditionalWrite(Promise.reject(throttled))).rejects.toBe(throttled);
  });
});
