import { createDynamoClient } from '../../lib/dynamodb/dynamoClient';
import { getConfig } from './config';
import { perEnvironment } from './platform';

/** The DynamoDB client every store of the function shares. */
export const getDynamo = perEnvironment(
  () => createDynamoClient(getConfig()),
  (client) => client.destroy(),
);
