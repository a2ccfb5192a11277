import { functionStatements, type Statement } from '../../../../infra/aws/iam';
import { functions } from '../../../../infra/topology';
import { cfnText, isWildcard, resourceTexts } from '../../../integration/packaging/cfnText';

const statementsOf = (name: string) =>
  functionStatements(
    functions.find((spec) => spec.name === name)!,
    `svc-dev-${name}`,
  );

const grants = (statements: Statement[], action: string) =>
  statements
    .filter((statement) => statement.Action.includes(action))
    .flatMap((s) => resourceTexts(s.Resource));

const tableOf = (resource: unknown) => JSON.stringify(resource);

describe('functionStatements', () => {
  it('gives a query function its log group and key reads on its view table and the versions record, nothing else', () => {
    const statements = statementsOf('listOrders');
    expect(statements.flatMap((s) => s.Action).sort()).toEqual(
      [
        'dynamodb:BatchGetItem',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ].sort(),
    );
    const reads = statements.find((s) => s.Action.includes('dynamodb:GetItem'))!;
    expect(tableOf(reads.Resource)).toBe(
      JSON.stringify([
        { 'Fn::GetAtt': ['OrderViewsTable', 'Arn'] },
        { 'Fn::GetAtt': ['ProjectionVersionsTable', 'Arn'] },
      ]),
    );
  });

  it('lets a time-travelling query read its topic back by offset, with no group to join or write', () => {
    const statements = statementsOf('getOrder');
    expect(grants(statements, 'kafka-cluster:ReadData')).toEqual([
      'arn:{…}:kafka:{…}:{…}:topic/{…}/{…}/orders',
    ]);
    expect(grants(statements, 'kafka-cluster:AlterGroup')).toEqual([]);
    expect(grants(statements, 'kafka-cluster:WriteData')).toEqual([]);
    expect(grants(statements, 'dynamodb:Query')).toEqual(['{…}']);
  });

  it('allows Query only on the named index the function queries', () => {
    expect(grants(statementsOf('listOrders'), 'dynamodb:Query')).toEqual(['{…}/index/by-customer']);
    expect(grants(statementsOf('placeOrder'), 'dynamodb:Query')).toEqual([]);
    expect(grants(statementsOf('recoverPending'), 'dynamodb:Query')).toEqual([
      '{…}/index/pending-by-shard',
      '{…}/index/pending-by-shard',
      '{…}/index/pending-by-shard',
    ]);
  });

  it('lets a command write its topic in transactions under its own id prefix', () => {
    const statements = statementsOf('placeOrder');
    expect(grants(statements, 'kafka-cluster:WriteData')).toEqual([
      'arn:{…}:kafka:{…}:{…}:topic/{…}/{…}/orders',
    ]);
    expect(grants(statements, 'kafka-cluster:AlterTransactionalId')).toEqual([
      'arn:{…}:kafka:{…}:{…}:transactional-id/{…}/{…}/kes-svc-dev-placeOrder-*',
    ]);
    expect(grants(statements, 'kafka-cluster:ReadData')).toEqual([]);
  });

  it('lets a projection read its topic in its group, dead-letter, fail over to lambda-failures and redrive', () => {
    const statements = statementsOf('projectOrders');
    expect(grants(statements, 'kafka-cluster:ReadData').sort()).toEqual([
      'arn:{…}:kafka:{…}:{…}:topic/{…}/{…}/lambda-failures',
      'arn:{…}:kafka:{…}:{…}:topic/{…}/{…}/orders',
      'arn:{…}:kafka:{…}:{…}:topic/{…}/{…}/orders',
    ]);
    expect(grants(statements, 'kafka-cluster:AlterGroup')).toEqual([
      'arn:{…}:kafka:{…}:{…}:group/{…}/{…}/order-views',
      'arn:{…}:kafka:{…}:{…}:group/{…}/{…}/order-views-redrive',
    ]);
    expect(grants(statements, 'kafka-cluster:WriteData').sort()).toEqual([
      'arn:{…}:kafka:{…}:{…}:topic/{…}/{…}/dead-letters',
      'arn:{…}:kafka:{…}:{…}:topic/{…}/{…}/lambda-failures',
    ]);
    expect(grants(statements, 'kafka-cluster:AlterTransactionalId')).toEqual([]);
  });

  it('never grants a DynamoDB or Kafka data-plane action on a wildcard', () => {
    for (const spec of functions) {
      for (const statement of functionStatements(spec, `svc-dev-${spec.name}`)) {
        const scoped = statement.Action.some(
          (a) => a.startsWith('dynamodb:') || a.startsWith('kafka-cluster:'),
        );
        if (!scoped) continue;
        expect(resourceTexts(statement.Resource).filter(isWildcard)).toEqual([]);
      }
    }
  });

  it('scopes the log statement to the function’s own log group', () => {
    const [logs] = statementsOf('health');
    expect(cfnText((logs!.Resource as unknown[])[0])).toBe(
      'arn:{…}:logs:{…}:{…}:log-group:/aws/lambda/svc-dev-health:*',
    );
  });
});
