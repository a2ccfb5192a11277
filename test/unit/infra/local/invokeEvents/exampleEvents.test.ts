import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { exampleEvents } from '../../../../../infra/local/invokeEvents';
import { EVENTS_DIR } from '../../../../../infra/local/invokeEvents/write';
import { oslsFunctions } from '../../../../../infra/aws/serverlessFunctions';

const examples = exampleEvents();
const files = readdirSync(EVENTS_DIR).filter((name) => name.endsWith('.json'));
const read = (name: string) => JSON.parse(readFileSync(path.join(EVENTS_DIR, name), 'utf8')) as unknown;

describe('events/, the example events of serverless invoke local', () => {
  it('holds one event for every function serverless.yml deploys, and nothing else', () => {
    const functions = Object.keys(oslsFunctions()).sort();
    expect(files.map((name) => name.replace(/\.json$/, '')).sort()).toEqual(functions);
  });

  it.each(files)('%s is what the generator makes (npx tsx infra/local/invokeEvents/write.ts)', (name) => {
    expect(read(name)).toEqual(examples[name.replace(/\.json$/, '')]);
  });

  it('signs every HTTP example as the route requires: a bearer token unless the route is public', () => {
    const events = examples as Record<string, { requestContext?: { authorizer?: unknown } }>;
    expect(events.getOpenApi?.requestContext?.authorizer).toBeUndefined();
    expect(events.restockInventory?.requestContext?.authorizer).toEqual({
      jwt: { claims: { sub: 'clerk-1', scope: 'inventory:write' }, scopes: ['inventory:write'] },
    });
  });
});
