import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { InfraConfig } from '../config/infraConfig';

/**
 * The DynamoDB client for the configured endpoint: AWS by default; `DYNAMODB_ENDPOINT` (or the
 * SDK's own `AWS_ENDPOINT_URL_DYNAMODB`) for dynalite, LocalStack and the like.
 * Create one per execution environment, at module scope, and reuse it across invocations.
 */
export function createDynamoClient(
  settings: Pick<InfraConfig, 'AWS_REGION' | 'DYNAMODB_ENDPOINT'>,
  overrides: DynamoDBClientConfig = {},
): DynamoDBClient {
  return new DynamoDBClient({
    region: settings.AWS_REGION,
    ...(settings.DYNAMODB_ENDPOINT ? { endpoint: settings.DYNAMODB_ENDPOINT } : {}),
    // Bounded retries: a throttled command should answer 503 within the API's 30 s, not hang.
    maxAttempts: 4,
    ...overrides,
  });
}

/** True when a DynamoDB call failed only because its condition did not hold. */
export function isConditionFailure(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'ConditionalCheckFailedException';
}

/**
 * Runs a conditional write: true if it was applied, false if its condition did not hold; any other
 * failure is thrown.
 *
 * @example
 * if (!(await conditionalWrite(client.send(new PutItemCommand({ ..., ConditionExpression }))))) return false;
 */
export async function conditionalWrite(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
