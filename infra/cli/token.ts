import { Command, InvalidArgumentError } from 'commander';
import { jwtSettingsFromEnv, LOCAL_JWT_ENV, signJwt } from '../../lib/local/httpApi/jwtAuthorizer';

const seconds = (value: string) => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed <= 0)
    throw new InvalidArgumentError('a whole number of seconds');
  return parsed;
};

/**
 * `kes token <sub> [--scope …] [--ttl s]`: a token the local runtime's JWT authorizer accepts, signed
 * with LOCAL_JWT_SECRET for its issuer and audience (LOCAL_JWT_ISSUER, LOCAL_JWT_AUDIENCE).
 */
export function tokenCommand(): Command {
  return new Command('token')
    .description('print a JWT for the local runtime (HS256, LOCAL_JWT_SECRET)')
    .argument('<sub>', 'who calls: a customer id (their orders and account), or a staff member')
    .option('--scope <scope...>', 'roles: inventory:write, orders:admin, ops (space-separated or repeated)')
    .option('--ttl <seconds>', 'lifetime', seconds, 3600)
    .action((sub: string, options: { scope?: string[]; ttl: number }) => {
      const settings = jwtSettingsFromEnv(process.env);
      if (!settings?.secret) {
        throw new Error(
          `set ${LOCAL_JWT_ENV.secret} (the same 32+ bytes npm start was given) to sign tokens`,
        );
      }
      const scopes = (options.scope ?? []).flatMap((scope) => scope.split(/[\s,]+/)).filter(Boolean);
      const now = Date.now();
      const claims = {
        sub,
        iss: settings.issuer,
        aud: settings.audience[0],
        exp: Math.floor(now / 1000) + options.ttl,
        ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}),
      };
      process.stdout.write(`${signJwt(claims, settings.secret, now)}\n`);
    });
}
