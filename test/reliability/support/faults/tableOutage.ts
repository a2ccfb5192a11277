import { InternalServerError, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface TableOutage {
  /** Calls refused since the outage was attached. */
  readonly refused: () => number;
  /** Starts refusing every call that touches one of the tables. */
  begin(): void;
  /** Lets calls through again. */
  end(): void;
  detach(): void;
}

const NAME = 'reliabilityTableOutage';

/**
 * Makes some tables unavailable to one client, as a regional incident or a broken table would: while
 * on, every call naming one of them (TableName, or a key of RequestItems) fails with DynamoDB's
 * InternalServerError (HTTP 500) before it is sent — on every SDK retry too, so callers see the
 * outage, not a blip. Other tables are untouched.
 *
 * @example
 * const outage = tableOutage(getDynamo(), [process.env.ACCOUNT_VIEWS_TABLE!]);
 * outage.begin(); await sleep(30_000); outage.end();
 */
export function tableOutage(client: DynamoDBClient, tables: readonly string[]): TableOutage {
  const down = new Set(tables);
  let on = false;
  let refused = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { TableName?: string; RequestItems?: Record<string, unknown> };
      const named = [input.TableName, ...Object.keys(input.RequestItems ?? {})];
      if (on && named.some((table) => table !== undefined && down.has(table))) {
        refused += 1;
        throw new InternalServerError({ message: 'Internal server error (injected outage)', $metadata: {} });
      }
      return next(args);
    },
    // `finalizeRequest` runs inside the SDK's retry loop: each retry meets the outage again.
    { step: 'finalizeRequest', name: NAME },
  );
  return {
    refused: () => refused,
    begin: () => {
      on = true;
    },
    end: () => {
      on = false;
    },
    detach: () => {
      on = false;
      client.middlewareStack.remove(NAME);
    },
  };
}
