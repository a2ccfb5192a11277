import {
  startRuntime,
  type LocalRuntime,
  type RuntimeOptions,
} from '../../../infra/local/runtime/startRuntime';
import { brokers } from './kafka';
import { uniqueName } from './names';

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

/**
 * The whole system on the test broker and dynalite, with its own topics and tables, served over real
 * HTTP. Batching windows are 0 so a flow settles in well under a second per hop.
 */
export async function startLocalSystem(overrides: Partial<RuntimeOptions> = {}) {
  const runtime: LocalRuntime = await startRuntime({
    kafkaBrokers: brokers(),
    dynamoEndpoint: process.env.DYNAMODB_ENDPOINT!,
    namePrefix: uniqueName('e2e'),
    batchingWindowSeconds: 0,
    log: () => undefined,
    ...overrides,
  });
  const request = async (
    method: string,
    path: string,
    init: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ) => {
    const hasBody = init.body !== undefined || init.raw !== undefined;
    const response = await fetch(`${runtime.url}${path}`, {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...init.headers },
      ...(hasBody ? { body: init.raw ?? JSON.stringify(init.body) } : {}),
    });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = {};
    }
    return { status: response.status, headers: response.headers, body, text } satisfies Reply;
  };
  return {
    runtime,
    get: (path: string, headers: Record<string, string> = {}) => request('GET', path, { headers }),
    post: (path: string, body?: unknown, headers: Record<string, string> = {}) =>
      request('POST', path, { ...(body === undefined ? {} : { body }), headers }),
    postRaw: (path: string, raw: string, headers: Record<string, string>) =>
      request('POST', path, { raw, headers }),
    settle: () => runtime.waitUntilIdle(30_000),
    stop: () => runtime.stop(),
  };
}

export type LocalSystem = Awaited<ReturnType<typeof startLocalSystem>>;
