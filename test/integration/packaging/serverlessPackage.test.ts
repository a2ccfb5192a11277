import { readFile, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  lambdaLogicalId,
  mskEventSourceMappingLogicalId,
  roleLogicalId,
} from '../../../infra/aws/logicalIds';
import { tableLogicalId } from '../../../infra/aws/tables';
import {
  functions,
  serviceEnvironment,
  tables,
  topics,
  appendTimeoutMs,
  transactionTimeoutMs,
  type TableKey,
} from '../../../infra/topology';
import { isWildcard, resourceTexts } from './cfnText';
import { packageOffline } from './packageOffline';
import { zipEntry } from './zipEntry';

// One `serverless package` per file: it bundles every function with esbuild, which takes a while.
// Offline and without credentials, as CI runs it: every AWS_* variable is removed for the child.

interface Resource {
  Type: string;
  Condition?: string;
  DependsOn?: string | string[];
  Properties: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const environmentOf = (functionName: string) =>
  (resource(lambdaLogicalId(functionName)).Properties.Environment as { Variables: Record<string, unknown> })
    .Variables;

const root = resolve(__dirname, '../../..');
const PACKAGE_TIMEOUT_MS = 300_000;
let outDir: string;
let resources: Record<string, Resource>;
let template: { Resources: Record<string, Resource>; Parameters?: object; Conditions?: object };
let artifacts: string[];

const byType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const resource = (id: string) => {
  const found = resources[id];
  if (!found) throw new Error(`${id} is not in the template`);
  return found;
};
const msk = functions.filter((spec) => spec.msk);

beforeAll(async () => {
  outDir = await packageOffline(root, 'sls-package-', PACKAGE_TIMEOUT_MS);
  template = JSON.parse(
    await readFile(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as typeof template;
  resources = template.Resources;
  artifacts = await readdir(outDir);
}, PACKAGE_TIMEOUT_MS);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('serverless package: functions', () => {
  it('packages every topology function (and the topics custom resource) on nodejs22.x arm64', () => {
    const lambdas = byType('AWS::Lambda::Function');
    expect(lambdas).toHaveLength(functions.length + 1);
    for (const [, fn] of lambdas) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
    }
    for (const spec of functions) {
      expect(resource(lambdaLogicalId(spec.name)).Properties).toMatchObject({
        Handler: spec.handler,
        Timeout: spec.timeout,
      });
      expect(artifacts).toContain(`${spec.name}.zip`);
    }
  });

  it('runs each function under its own role, and creates no shared one', () => {
    for (const spec of functions) {
      expect(resource(lambdaLogicalId(spec.name)).Properties.Role).toEqual({
        'Fn::GetAtt': [roleLogicalId(spec.name), 'Arn'],
      });
    }
    expect(resources).not.toHaveProperty('IamRoleLambdaExecution');
  });

  it('gives every function the topic and table names and the cluster; Kafka clients their timeouts', () => {
    const names = Object.keys(serviceEnvironment(() => 'x'));
    for (const spec of functions) {
      const env = environmentOf(spec.name);
      expect(Object.keys(env)).toEqual(expect.arrayContaining([...names, 'MSK_CLUSTER_ARN']));
      expect(env.KAFKA_AUTH).toBe('iam');
      if (spec.produces.length === 0) continue;
      expect(Number(env.KAFKA_TRANSACTION_TIMEOUT_MS)).toBe(transactionTimeoutMs(spec));
      expect(Number(env.KAFKA_TRANSACTION_TIMEOUT_MS)).toBeGreaterThan(spec.timeout * 1000);
      expect(Number(env.KAFKA_APPEND_TIMEOUT_MS)).toBe(appendTimeoutMs(spec));
      expect(Number(env.KAFKA_APPEND_TIMEOUT_MS)).toBeLessThan(spec.timeout * 1000);
    }
    const placeOrder = environmentOf('placeOrder');
    expect(placeOrder.KAFKA_TRANSACTION_TIMEOUT_MS).toBe('30000');
    expect(placeOrder.KAFKA_APPEND_TIMEOUT_MS).toBe('7000');
    expect(placeOrder.KAFKA_CLIENT).toBe('kafkajs'); // the kafkaClient param's default
    expect(placeOrder.ORDER_HEADS_TABLE).toEqual({ Ref: tableLogicalId('orderHeads') });
  });

  it('deploys version 1 of each projection only, unless a `<projection>Versions` param says more', () => {
    expect(Object.keys(resources).filter((id) => /V\d+(Table|LambdaFunction|IamRole)$/.test(id))).toEqual([]);
    for (const spec of functions) {
      const env = environmentOf(spec.name);
      expect([spec.name, Object.keys(env).filter((name) => /_V\d+$/.test(name))]).toEqual([spec.name, []]);
      expect([spec.name, env.PROJECTION_VERSION ?? '1']).toEqual([spec.name, '1']);
    }
    expect(environmentOf('projectOrders').PROJECTION_VERSION).toBe('1');
  });

  it('places the Kafka clients in the VPC and nothing else', () => {
    for (const spec of functions) {
      const vpc = resource(lambdaLogicalId(spec.name)).Properties.VpcConfig as unknown;
      if (spec.produces.length > 0 || spec.msk || spec.readsLog) expect(vpc).toBeDefined();
      else expect(vpc).toBeUndefined();
    }
  });
});

describe('serverless package: bundles', () => {
  // The runtime's SDK may differ in version from ours: the code imports only long-stable parts of it
  // (zipLimits.test.ts loads every bundle with nothing else resolvable).
  const RUNTIME_PROVIDED = [
    '@aws-sdk/client-dynamodb',
    '@aws-sdk/client-kafka',
    '@aws-sdk/util-dynamodb',
    '@aws-sdk/credential-provider-node',
    '@smithy/signature-v4',
  ];

  it('bundles everything but the parts of the SDK the nodejs22.x runtime provides', async () => {
    const zip = await readFile(join(outDir, 'placeOrder.zip'));
    const bundle = zipEntry(zip, 'functions/order/handlers/placeOrder.js')?.toString('utf8');
    expect(bundle).toBeDefined();
    const scoped = [...bundle!.matchAll(/require\("(@[^"/]+\/[^"/]+)[^"]*"\)/g)].map((m) => m[1]!);
    const external = [...new Set(scoped)];
    // …and the second Kafka client, left out while the kafkaClient param is kafkajs (its adapter
    // loads it only when KAFKA_CLIENT, set from the same param, names it: infra/aws/kafkaClient.ts).
    expect(external.filter((name) => !RUNTIME_PROVIDED.includes(name))).toEqual(['@platformatic/kafka']);
    // A command reads no view, so util-dynamodb (the view store's marshalling) is not among them.
    expect(external).toEqual(
      expect.arrayContaining(['@aws-sdk/client-dynamodb', '@aws-sdk/client-kafka', '@smithy/signature-v4']),
    );
    expect(bundle).toContain('kafka-cluster:Connect'); // the MSK IAM token is made inside
    expect(bundle).not.toContain('aws-msk-iam-sasl-signer-js/'); // by our code, not the library
    expect(zipEntry(zip, 'functions/order/handlers/placeOrder.js.map')).toBeDefined();
  });
});

describe('serverless package: HTTP API', () => {
  const routeOf = (key: string) =>
    byType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === key);

  it('routes every HTTP function, all but the public ones behind the JWT authorizer', () => {
    const routed = functions.filter((spec) => spec.http);
    expect(byType('AWS::ApiGatewayV2::Route')).toHaveLength(routed.length);
    for (const spec of routed) {
      const route = routeOf(`${spec.http!.method} ${spec.http!.path}`);
      expect(route).toBeDefined();
      const [, { Properties: props }] = route!;
      if (!spec.public) {
        expect(props).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: 'HttpApiAuthorizerJwt' },
        });
      } else {
        expect(props.AuthorizationType).toBeUndefined();
      }
      const integration = (props.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })[
        'Fn::Join'
      ][1][1].Ref;
      expect(resource(integration).Properties.IntegrationUri).toEqual({
        'Fn::GetAtt': [lambdaLogicalId(spec.name), 'Arn'],
      });
    }
  });

  it('configures the JWT authorizer from the params', () => {
    expect(resource('HttpApiAuthorizerJwt').Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: expect.stringMatching(/^https:\/\//) as unknown,
        Audience: [expect.any(String)],
      },
    });
  });
});

describe('serverless package: event source mappings', () => {
  it('maps each consumer to its topic with the topology settings and a failure topic', () => {
    const redriven = msk.filter((spec) => spec.redrive);
    expect(byType('AWS::Lambda::EventSourceMapping')).toHaveLength(msk.length + redriven.length);
    for (const spec of msk) {
      const source = spec.msk!;
      const mapping = resource(
        mskEventSourceMappingLogicalId(spec.name, 'KafkaCluster', topics[source.topic].name),
      );
      expect(mapping.Properties).toMatchObject({
        FunctionName: { 'Fn::GetAtt': [lambdaLogicalId(spec.name), 'Arn'] },
        Topics: [topics[source.topic].name],
        BatchSize: source.batchSize,
        MaximumBatchingWindowInSeconds: source.maximumBatchingWindow,
        StartingPosition: 'TRIM_HORIZON',
        AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: source.consumerGroupId },
        MaximumRetryAttempts: source.maximumRetryAttempts,
        BisectBatchOnFunctionError: true,
        DestinationConfig: { OnFailure: { Destination: 'kafka://lambda-failures' } },
        ProvisionedPollerConfig: { MinimumPollers: expect.any(Number) as unknown },
      });
      expect(mapping.Properties.EventSourceArn).toEqual({
        'Fn::If': ['CreateCluster', { Ref: 'KafkaCluster' }, { Ref: 'ExistingKafkaClusterArn' }],
      });
      expect(mapping.DependsOn).toEqual(expect.arrayContaining(['KafkaTopics', roleLogicalId(spec.name)]));
    }
  });

  it('gives every consumer a second, on-demand mapping that runs its failed batches again', () => {
    expect(msk.filter((spec) => !spec.redrive)).toEqual([]);
    for (const spec of msk) {
      const redrive = spec.redrive!;
      const mapping = resource(
        mskEventSourceMappingLogicalId(spec.name, 'KafkaCluster', topics.lambdaFailures.name),
      );
      expect(mapping.Properties).toMatchObject({
        FunctionName: { 'Fn::GetAtt': [lambdaLogicalId(spec.name), 'Arn'] },
        Topics: [topics.lambdaFailures.name],
        StartingPosition: 'TRIM_HORIZON',
        AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: redrive.consumerGroupId },
      });
      // Retried until it succeeds: no destination, no retry limit, no provisioned pollers.
      expect(mapping.Properties.DestinationConfig).toBeUndefined();
      expect(mapping.Properties.MaximumRetryAttempts).toBeUndefined();
      expect(mapping.Properties.ProvisionedPollerConfig).toBeUndefined();
    }
  });

  it('runs recovery on a one-minute schedule', () => {
    const rules = byType('AWS::Events::Rule').map(([, r]) => r.Properties);
    expect(rules).toEqual([
      expect.objectContaining({
        ScheduleExpression: 'rate(1 minute)',
        Targets: [
          expect.objectContaining({ Arn: { 'Fn::GetAtt': [lambdaLogicalId('recoverPending'), 'Arn'] } }),
        ],
      }),
    ]);
  });
});

describe('serverless package: data', () => {
  it('creates every table on demand, with point-in-time recovery and encryption', () => {
    expect(byType('AWS::DynamoDB::Table')).toHaveLength(Object.keys(tables).length);
    for (const key of Object.keys(tables) as TableKey[]) {
      expect(resource(tableLogicalId(key)).Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      });
    }
    expect(resource(tableLogicalId('idempotency')).Properties.TimeToLiveSpecification).toEqual({
      AttributeName: 'expiresAt',
      Enabled: true,
    });
  });

  it('creates an IAM-authenticated, TLS-only, encrypted MSK cluster unless one is given', () => {
    const cluster = resource('KafkaCluster');
    expect(cluster.Condition).toBe('CreateCluster');
    expect(cluster.Properties).toMatchObject({
      KafkaVersion: expect.stringMatching(/^3\.9\.x/) as unknown,
      NumberOfBrokerNodes: 3,
      ClientAuthentication: { Sasl: { Iam: { Enabled: true } } },
      EncryptionInfo: {
        EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true },
        EncryptionAtRest: { DataVolumeKMSKeyId: expect.anything() as unknown },
      },
    });
    expect(resource('KafkaClusterConfiguration').Properties.ServerProperties).toContain(
      'auto.create.topics.enable=false',
    );
    expect(resource('DynamodbVpcEndpoint').Properties.VpcEndpointType).toBe('Gateway');
  });

  it('creates the topics through the custom resource before any mapping', () => {
    const topicsResource = resource('KafkaTopics');
    expect(topicsResource.Type).toBe('Custom::KafkaTopics');
    const declared = JSON.parse(topicsResource.Properties.Topics as string) as { topic: string }[];
    expect(declared.map((t) => t.topic)).toEqual(Object.values(topics).map((t) => t.name));
  });
});

/** Every `Ref`, `Fn::GetAtt` and `Fn::If` condition in a value, as [kind, target]. */
function references(value: unknown): [string, string][] {
  if (Array.isArray(value)) return value.flatMap(references);
  if (value === null || typeof value !== 'object') return [];
  const found: [string, string][] = [];
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' && typeof inner === 'string') found.push(['Ref', inner]);
    else if (key === 'Fn::GetAtt' && Array.isArray(inner)) found.push(['GetAtt', String(inner[0])]);
    else if (key === 'Fn::If' && Array.isArray(inner)) found.push(['Condition', String(inner[0])]);
    found.push(...references(inner));
  }
  return found;
}

/** Like {@link references}, but not looking inside `Fn::If`: what is referred to unconditionally. */
function unguardedTargets(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(unguardedTargets);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    if (key === 'Fn::If') return [];
    if (key === 'Ref' && typeof inner === 'string') return [inner];
    if (key === 'Fn::GetAtt' && Array.isArray(inner)) return [String(inner[0])];
    return unguardedTargets(inner);
  });
}

describe('serverless package: template integrity', () => {
  it('reaches the conditional cluster and network only through Fn::If from unconditional resources', () => {
    const conditional = new Set(Object.keys(resources).filter((id) => resources[id]!.Condition));
    const leaks = Object.entries(resources)
      .filter(([, r]) => !r.Condition)
      .flatMap(([id, r]) => [
        ...unguardedTargets(r.Properties).map((target) => [id, target]),
        ...[r.DependsOn ?? []].flat().map((target) => [id, target]),
      ])
      .filter(([, target]) => conditional.has(target!));
    expect(leaks).toEqual([]);
  });

  it('refers only to resources, parameters and conditions it declares', () => {
    const declared = new Set([...Object.keys(resources), ...Object.keys(template.Parameters ?? {})]);
    const conditions = new Set(Object.keys(template.Conditions ?? {}));
    const dangling = references(template).filter(([kind, target]) =>
      kind === 'Condition' ? !conditions.has(target) : !declared.has(target) && !target.startsWith('AWS::'),
    );
    expect(dangling).toEqual([]);
    const conditional = Object.values(resources).flatMap((r) => (r.Condition ? [r.Condition] : []));
    expect(conditional.filter((c) => !conditions.has(c))).toEqual([]);
  });
});

describe('serverless package: least privilege', () => {
  const statements = () =>
    byType('AWS::IAM::Role').flatMap(([id, role]) =>
      (
        role.Properties.Policies as {
          PolicyDocument: { Statement: { Action: string[]; Resource: unknown }[] };
        }[]
      )
        .flatMap((policy) => policy.PolicyDocument.Statement)
        .map((statement) => ({ id, ...statement })),
    );

  it('grants no DynamoDB or kafka-cluster action on a wildcard resource', () => {
    const scoped = statements().filter((s) =>
      [s.Action].flat().some((a) => a.startsWith('dynamodb:') || a.startsWith('kafka-cluster:')),
    );
    expect(scoped.length).toBeGreaterThan(0);
    const wide = scoped.filter((s) => resourceTexts(s.Resource).some(isWildcard));
    expect(wide).toEqual([]);
  });

  it('grants a table only to the functions the topology says touch it', () => {
    for (const spec of functions) {
      const role = resource(roleLogicalId(spec.name));
      const text = JSON.stringify(role.Properties.Policies);
      const touched = new Set([...spec.reads, ...(spec.queries ?? []), ...spec.writes]);
      for (const key of Object.keys(tables) as TableKey[]) {
        expect([key, text.includes(`"${tableLogicalId(key)}"`)]).toEqual([key, touched.has(key)]);
      }
    }
  });
});
