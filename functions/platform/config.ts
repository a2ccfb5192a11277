import * as z from 'zod';
import { readInfraConfig, type InfraConfig } from '../../lib/config/infraConfig';
import { readEnv } from '../../lib/config/readEnv';
import { perEnvironment } from './platform';

const name = z.string().min(1);

const appSchema = z.object({
  ORDER_TOPIC: name,
  INVENTORY_TOPIC: name,
  PAYMENT_TOPIC: name,
  DEAD_LETTER_TOPIC: name,
  ORDER_HEADS_TABLE: name,
  ORDER_VIEWS_TABLE: name,
  INVENTORY_HEADS_TABLE: name,
  INVENTORY_ENTITIES_TABLE: name,
  INVENTORY_VIEWS_TABLE: name,
  ACCOUNT_HEADS_TABLE: name,
  ACCOUNT_ENTITIES_TABLE: name,
  ACCOUNT_VIEWS_TABLE: name,
  IDEMPOTENCY_TABLE: name,
  CHECKPOINTS_TABLE: name,
  EVENT_INDEX_TABLE: name,
  /** Which version of each projection is live, which are being built. */
  PROJECTION_VERSIONS_TABLE: name,
  /**
   * The version of the projection a projection function runs (its `*_VIEWS_TABLE` is that version's
   * table); 1 for the functions deployed from the start.
   */
  PROJECTION_VERSION: z.coerce.number().int().min(1).default(1),
  /** The mappings' on-failure topic, which every consumer reads back to redrive its failed batches. */
  FAILURE_TOPIC: name,
  /** Transactional ids start with this (IAM grants `<prefix>-*`); the function name follows. */
  KAFKA_TRANSACTIONAL_ID_PREFIX: name.default('kes'),
  /**
   * `jwt`: every caller is who API Gateway's JWT authorizer says (AWS; locally with an authorizer).
   * `open`: nobody is checked — only the local runtime started without an authorizer sets it.
   */
  AUTH_MODE: z.enum(['jwt', 'open']).default('jwt'),
  /** Lambda sets it; locally the runtime does. Keeps transactional ids of functions apart. */
  AWS_LAMBDA_FUNCTION_NAME: name.default('local'),
});

export type AppConfig = z.infer<typeof appSchema> & InfraConfig;

/**
 * The one place the services read the environment. It fails at cold start, naming every missing
 * or malformed variable, instead of failing later on the first request that happens to need one.
 */
export function appConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return { ...readInfraConfig(env), ...readEnv(appSchema, env) };
}

/** The configuration the shared clients and stores are built from, read once per execution environment. */
export const getConfig = perEnvironment(() => appConfig());
