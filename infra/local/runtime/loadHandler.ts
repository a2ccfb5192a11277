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
  return loadExport(spec, handlerModule(spec).exportName) as AnyHandler;
}

/**
 * Another function exported by a handler's module: `forVersion` of a projection, which builds the
 * handler of one version (on AWS each version is its own function, told its version by variables).
 */
export function loadExport(spec: FunctionSpec, exportName: string): (...args: never[]) => unknown {
  const module = load(resolve(root, handlerModule(spec).file)) as Record<string, unknown>;
  const exported = module[exportName];
  if (typeof exported !== 'function') throw new Error(`${spec.handler}: no exported function ${exportName}`);
  return exported as (...args: never[]) => unknown;
}

type VersionHandler = (event: never, context: never) => Promise<unknown>;

/**
 * The handler of version `version` of a projection on `table`: its module's `forVersion`, what a
 * deployed version's function runs with `PROJECTION_VERSION` and its table in the environment.
 */
export function loadVersionHandler(spec: FunctionSpec, version: number, table: string): VersionHandler {
  const forVersion = loadExport(spec, 'forVersion') as (version: number, table: string) => VersionHandler;
  return forVersion(version, table);
}
