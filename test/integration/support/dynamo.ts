import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { uniqueName } from './names';

export function testDynamo(): DynamoDBClient {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set: run integration tests through jest');
  return new DynamoDBClient({ endpoint });
}

/** Creates a uniquely named on-demand table with a string partition key `pk`. */
export async function createKeyValueTable(client: DynamoDBClient, prefix: string): Promise<string> {
  const TableName = uniqueName(prefix);
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
  return TableName;
}
