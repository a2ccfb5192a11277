import * as z from 'zod';

/** Thrown at cold start when the environment lacks or garbles a setting: fail fast, name them all. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates environment variables against a zod object schema (keys are variable names).
 * Every problem is reported at once, so a misconfigured deployment shows its whole list on first call.
 *
 * @example
 * const config = readEnv(z.object({ ORDERS_TOPIC: z.string().min(1) }));
 */
export function readEnv<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<Shape>> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      return env[name] === undefined ? `${name} is not set` : `${name}: ${issue.message}`;
    }),
  );
}

/** A comma-separated list of non-empty strings. */
export const commaList = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()))
  .pipe(z.array(z.string().min(1)).min(1));

/** A positive integer given as a string. */
export const positiveInt = z.coerce.number().int().positive();
