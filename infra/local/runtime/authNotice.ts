import { Scope } from '../../../functions/platform/scopes';

/** What `npm start` says when it verifies nothing. */
export const OPEN_WARNING =
  'every route is open and nobody is checked: set LOCAL_JWT_SECRET (32+ bytes) to verify JWTs as API Gateway does';

/** What `npm start` says when its JWT authorizer is on: how to make a token for each role. */
export function tokenHelp(): string {
  const roles: [string, string][] = [
    ['npm run -s kes -- token alice', 'a customer: her own orders and account'],
    [`npm run -s kes -- token clerk --scope ${Scope.InventoryWrite}`, 'restocks any sku'],
    [`npm run -s kes -- token support --scope ${Scope.OrdersAdmin}`, "any customer's orders and accounts"],
    [`npm run -s kes -- token operator --scope ${Scope.Ops}`, 'history and operating tools'],
  ];
  const width = Math.max(...roles.map(([command]) => command.length));
  return [
    'JWT authorizer on: every route but /health and /openapi.json needs "authorization: Bearer <token>". Tokens:',
    ...roles.map(([command, what]) => `  ${command.padEnd(width)}  # ${what}`),
  ].join('\n');
}
