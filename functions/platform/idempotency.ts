import { DynamoIdempotencyStore } from '../../lib/idempotency/dynamoIdempotencyStore';
import { getConfig } from './config';
import { getDynamo } from './dynamo';
import { perEnvironment } from './platform';

/** The Idempotency-Key store of the command routes. */
export const getIdempotency = perEnvironment(
  () => new DynamoIdempotencyStore(getDynamo(), getConfig().IDEMPOTENCY_TABLE),
);
