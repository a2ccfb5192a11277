import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { handlerModule, type FunctionSpec } from '../../topology';

type AnyHandler = (event: never, context: never) => Promise<unknown>;

const root = resolve(__dirname, '../../..');
// require, not import(): the handlers are CommonJS, and jest runs without ESM support.
const load = createRequire(__filename);

/**
 * Loads a function's exported handler from its source file, exactly the export Lambda would call:
 * no local-only entry points exist in functions/.
 */
export function loadHandler(spec: FunctionSpec): AnyHandler {
  const { file, exportName } = handlerModule(spec);
  const module = load(resolve(root, file)) as Record<string, unknown>;
  const handler = module[exportName];
  if (typeof handler !== 'function') throw new Error(`${spec.handler}: no exported function ${exportName}`);
  return handler as AnyHandler;
}
