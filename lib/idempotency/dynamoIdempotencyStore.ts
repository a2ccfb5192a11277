import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { conditionalWrite } from '../dynamodb/dynamoClient';
import type { TableDefinition } from '../dynamodb/tableDefinition';
import type { BeginOutcome, BeginRequest, IdempotencyStore, StoredResponse } from './idempotencyStore';

export const idempotencyTableDefinition: TableDefinition = {
  attributes: [{ name: 'key', type: 'S' }],
  partitionKey: 'key',
  indexes: [],
};

/**
 * DynamoDB adapter of {@link IdempotencyStore}. `expiresAt` (epoch seconds) is the table's TTL
 * attribute on AWS; expiry is also checked in every condition, so correctness never waits for TTL
 * (and dynalite, which has none, behaves the same).
 */
export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async begin(request: BeginRequest): Promise<BeginOutcome> {
    // Marks this attempt's item: if the put succeeded but its answer was lost, the SDK's retry fails
    // the condition on our own item, and the read below recognises it instead of answering 409.
    const attempt = randomUUID();
    const started = await conditionalWrite(
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            key: { S: request.key },
            fingerprint: { S: request.fingerprint },
            status: { S: 'IN_PROGRESS' },
            attempt: { S: attempt },
            lockedUntil: { N: String(request.now + request.lockMs) },
            expiresAt: { N: String(Math.ceil((request.now + request.retentionMs) / 1000)) },
          },
          ConditionExpression:
            'attribute_not_exists(#key) OR expiresAt < :nowSeconds OR (#status = :inProgress AND lockedUntil < :now)',
          ExpressionAttributeNames: { '#key': 'key', '#status': 'status' },
          ExpressionAttributeValues: {
            ':now': { N: String(request.now) },
            ':nowSeconds': { N: String(Math.floor(request.now / 1000)) },
            ':inProgress': { S: 'IN_PROGRESS' },
          },
        }),
      ),
    );
    if (started) return { status: 'started' };
    return this.existing(request, attempt);
  }

  async complete(
    key: string,
    fingerprint: string,
    response: StoredResponse,
    expiresAt: number,
  ): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: {
          key: { S: key },
          fingerprint: { S: fingerprint },
          status: { S: 'COMPLETED' },
          response: { S: JSON.stringify(response) },
          expiresAt: { N: String(Math.ceil(expiresAt / 1000)) },
        },
      }),
    );
  }

  async release(key: string, fingerprint: string): Promise<void> {
    await conditionalWrite(
      this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: { key: { S: key } },
          ConditionExpression: 'fingerprint = :fingerprint AND #status = :inProgress',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':fingerprint': { S: fingerprint },
            ':inProgress': { S: 'IN_PROGRESS' },
          },
        }),
      ),
    );
  }

  private async existing(request: BeginRequest, attempt: string): Promise<BeginOutcome> {
    const out = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { key: { S: request.key } },
        ConsistentRead: true,
      }),
    );
    // Gone between our put and this read (released by its owner): the caller may simply retry.
    if (!out.Item) return { status: 'in_progress' };
    if (out.Item.attempt?.S === attempt) return { status: 'started' };
    return outcomeOf(out.Item, request.fingerprint);
  }
}

function outcomeOf(item: Record<string, AttributeValue>, fingerprint: string): BeginOutcome {
  if (item.fingerprint?.S !== fingerprint) return { status: 'mismatch' };
  if (item.status?.S === 'COMPLETED' && item.response?.S) {
    return { status: 'completed', response: JSON.parse(item.response.S) as StoredResponse };
  }
  return { status: 'in_progress' };
}
