import { ConditionalCheckFailedException, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createKeyValueTable, testDynamo } from '../support/dynamo';

describe('the local DynamoDB endpoint', () => {
  const client = testDynamo();
  afterAll(() => client.destroy());

  it('accepts a conditional put once and rejects the second with ConditionalCheckFailedException', async () => {
    const TableName = await createKeyValueTable(client, 'conditional');
    const put = new PutItemCommand({
      TableName,
      Item: { pk: { S: 'order-1' }, version: { N: '1' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });

    await expect(client.send(put)).resolves.toBeDefined();
    await expect(client.send(put)).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });
});
