import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { lambdaLogicalId, roleLogicalId } from '../../../infra/aws/logicalIds';
import { functions } from '../../../infra/topology';
import { recordResult } from '../../reliability/scenarios/scenarioResult';
import { cfnText, isWildcard, resourceTexts } from './cfnText';
import { packageOffline } from './packageOffline';

// Security checks over what would be deployed (the packaged CloudFormation template, offline) and
// over the production dependencies (npm audit). Scenario 11 of the reliability issue.

interface Resource {
  Type: string;
  Properties: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}
interface Statement {
  role: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const root = resolve(__dirname, '../../..');
const PACKAGE_TIMEOUT_MS = 300_000;
// Lambda creates the ENIs of VPC functions itself; AWS documents these actions with Resource "*"
// (they do not support resource-level permissions for this use).
const VPC_ACCESS_ACTIONS = new Set([
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  'ec2:DescribeVpcs',
  'ec2:DescribeSubnets',
  'ec2:DescribeSecurityGroups',
]);

let outDir: string;
let resources: Record<string, Resource>;
/** What held, for test/reliability/results/security.json. */
const passed: string[] = [];
let auditOutcome = 'not run';

const byType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const statements = (): Statement[] =>
  byType('AWS::IAM::Role').flatMap(([role, r]) =>
    (r.Properties.Policies as { PolicyDocument: { Statement: Omit<Statement, 'role'>[] } }[]).flatMap((p) =>
      p.PolicyDocument.Statement.map((s) => ({ role, ...s })),
    ),
  );
const actions = (s: Statement) => [s.Action].flat();
const properties = <T>(id: string) => resources[id]!.Properties as T;

beforeAll(async () => {
  outDir = await packageOffline(root, 'sls-security-', PACKAGE_TIMEOUT_MS);
  const template = JSON.parse(
    await readFile(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as {
    Resources: Record<string, Resource>;
  };
  resources = template.Resources;
}, PACKAGE_TIMEOUT_MS);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
  recordResult('11-security', {
    scenario: '11. Security of the packaged template and dependencies',
    load: `serverless package (offline) of ${functions.length} functions: ${Object.keys(resources ?? {}).length} resources; npm audit --omit=dev`,
    faults: 'none: static checks of the template and the dependency tree',
    acknowledged: 0,
    lost: 0,
    duplicated: 0,
    recoverySeconds: null,
    verify: 'not applicable: a static check, nothing runs',
    notes: `held: ${passed.join('; ') || 'nothing'}. npm audit: ${auditOutcome}.`,
  });
});

describe('security: the HTTP API', () => {
  it('puts every route but /health and /openapi.json behind the JWT authorizer, with the route’s scopes', () => {
    const routes = new Map(
      byType('AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey as string, r.Properties]),
    );
    const http = functions.filter((spec) => spec.http);
    const protectedRoutes = http.filter((spec) => !spec.public);
    expect(
      http
        .filter((spec) => spec.public)
        .map((spec) => spec.http!.path)
        .sort(),
    ).toEqual(['/health', '/openapi.json']);
    for (const spec of http) {
      const route = routes.get(`${spec.http!.method} ${spec.http!.path}`);
      const expected = spec.public
        ? [spec.name, undefined, undefined, undefined]
        : [spec.name, 'JWT', { Ref: 'HttpApiAuthorizerJwt' }, spec.scopes ? [...spec.scopes] : undefined];
      expect([spec.name, route?.AuthorizationType, route?.AuthorizerId, route?.AuthorizationScopes]).toEqual(
        expected,
      );
    }
    expect(routes.get('POST /inventory/{sku}/restocks')?.AuthorizationScopes).toEqual(['inventory:write']);
    const authorizer = properties<{
      IdentitySource: string[];
      JwtConfiguration: { Issuer: string; Audience: string[] };
    }>('HttpApiAuthorizerJwt');
    expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(authorizer.JwtConfiguration.Issuer).toMatch(/^https:\/\//);
    expect(authorizer.JwtConfiguration.Audience).toEqual([expect.stringMatching(/\S/)]);
    passed.push(
      `JWT authorizer on all ${protectedRoutes.length} non-public routes (scopes on the restock route)`,
    );
  });

  it('lets only API Gateway (this API) and EventBridge (this rule) invoke the functions', () => {
    for (const [id, permission] of byType('AWS::Lambda::Permission')) {
      expect([id, permission.Properties.SourceArn]).toEqual([id, expect.anything()]);
      expect(['apigateway.amazonaws.com', 'events.amazonaws.com']).toContain(permission.Properties.Principal);
    }
    passed.push('invoke permissions scoped to their source');
  });
});

describe('security: IAM', () => {
  it('runs each function under a role of its own that only Lambda can assume', () => {
    for (const spec of functions) {
      expect(resources[lambdaLogicalId(spec.name)]!.Properties.Role).toEqual({
        'Fn::GetAtt': [roleLogicalId(spec.name), 'Arn'],
      });
    }
    for (const [, role] of byType('AWS::IAM::Role')) {
      const document = role.Properties.AssumeRolePolicyDocument as {
        Statement: { Principal: unknown; Action: string }[];
      };
      const trust = document.Statement;
      expect(trust.map((s) => [s.Principal, s.Action])).toEqual(
        trust.map(() => [{ Service: 'lambda.amazonaws.com' }, 'sts:AssumeRole']),
      );
      expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
    }
    passed.push('one role per function');
  });

  it('grants no dynamodb or kafka-cluster action on a wildcard resource, and no wildcard action at all', () => {
    const all = statements();
    const scoped = all.filter((s) => actions(s).some((a) => /^(dynamodb|kafka-cluster):/.test(a)));
    expect(scoped.length).toBeGreaterThan(0);
    expect(
      scoped
        .filter((s) => resourceTexts(s.Resource).some(isWildcard))
        .map((s) => `${s.role}: ${actions(s).join()}`),
    ).toEqual([]);
    expect(
      all.filter((s) => actions(s).some((a) => a === '*' || a.endsWith(':*'))).map((s) => s.role),
    ).toEqual([]);
    expect(all.filter((s) => s.Effect !== 'Allow')).toEqual([]);
    passed.push(`no wildcard resource on dynamodb/kafka-cluster actions (${scoped.length} statements)`);
  });

  it('uses "*" resources only for the VPC network-interface actions Lambda needs', () => {
    // (A log group's `…:log-group:/aws/lambda/<function>:*` names its own streams: not "*".)
    const wide = statements().filter((s) => resourceTexts(s.Resource).includes('*'));
    expect(wide.flatMap(actions).filter((a) => !VPC_ACCESS_ACTIONS.has(a))).toEqual([]);
    passed.push('"*" only for VPC network-interface actions');
  });

  it('scopes transactional ids to the function: `<prefix>-<function>-*` on this cluster', () => {
    const grants = statements().filter((s) => actions(s).includes('kafka-cluster:AlterTransactionalId'));
    expect(grants.length).toBe(functions.filter((spec) => spec.transactional).length);
    for (const grant of grants) {
      expect(
        resourceTexts(grant.Resource).every((r) => /:transactional-id\/\{…\}\/\{…\}\/kes-[^*]+-\*$/.test(r)),
      ).toBe(true);
    }
    passed.push('transactional ids scoped per function');
  });
});

describe('security: Kafka and the network', () => {
  it('creates an MSK cluster that takes IAM authentication over TLS only, encrypted at rest with its own key', () => {
    const cluster = properties<{
      ClientAuthentication: unknown;
      EncryptionInfo: { EncryptionInTransit: unknown; EncryptionAtRest: { DataVolumeKMSKeyId: unknown } };
    }>('KafkaCluster');
    expect(cluster.ClientAuthentication).toEqual({
      Sasl: { Iam: { Enabled: true } },
      Unauthenticated: { Enabled: false },
    });
    expect(cluster.EncryptionInfo.EncryptionInTransit).toEqual({ ClientBroker: 'TLS', InCluster: true });
    expect(cfnText(cluster.EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId)).toBe('{…}');
    passed.push('MSK: IAM auth only, TLS in transit, KMS at rest');
  });

  it('makes every Kafka client use IAM, and hands no credentials to any function', () => {
    for (const spec of functions) {
      const variables = (
        resources[lambdaLogicalId(spec.name)]!.Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
      expect([spec.name, variables.KAFKA_AUTH]).toEqual([spec.name, 'iam']);
      expect(
        Object.keys(variables).filter((name) => /SECRET|PASSWORD|CREDENTIAL|ACCESS_KEY/i.test(name)),
      ).toEqual([]);
    }
    passed.push('KAFKA_AUTH=iam everywhere, no credentials in environments');
  });

  it('opens the brokers (9098) and endpoints (443) only to the functions and the event source pollers', () => {
    const ingress = byType('AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties);
    expect(ingress.length).toBeGreaterThan(0);
    for (const rule of ingress) {
      expect(rule.CidrIp ?? rule.CidrIpv6).toBeUndefined();
      expect(rule.SourceSecurityGroupId).toBeDefined();
      expect([9098, 443]).toContain(rule.FromPort);
      expect(rule.ToPort).toBe(rule.FromPort);
    }
    for (const [, group] of byType('AWS::EC2::SecurityGroup')) {
      expect(group.Properties.SecurityGroupIngress ?? []).toEqual([]);
    }
    passed.push('ingress only from security groups, ports 9098/443');
  });

  it('encrypts every table and keeps point-in-time recovery on', () => {
    for (const [id, table] of byType('AWS::DynamoDB::Table')) {
      const { SSESpecification: sse, PointInTimeRecoverySpecification: pitr } = table.Properties as {
        SSESpecification?: { SSEEnabled?: boolean };
        PointInTimeRecoverySpecification?: { PointInTimeRecoveryEnabled?: boolean };
      };
      expect([id, sse?.SSEEnabled, pitr?.PointInTimeRecoveryEnabled]).toEqual([id, true, true]);
    }
    passed.push('tables encrypted');
  });
});

describe('security: production dependencies', () => {
  it('has no high or critical advisory in npm audit, or explains each in docs/SECURITY.md', async () => {
    const audit = await runAudit();
    if ('unreachable' in audit) {
      auditOutcome = `skipped, the registry's audit endpoint could not be used (${audit.unreachable})`;
      console.warn(`npm audit ${auditOutcome}.`);
      return;
    }
    const explained = await readFile(join(root, 'docs/SECURITY.md'), 'utf8').catch(() => '');
    const serious = Object.values(audit.vulnerabilities ?? {}).filter(
      (v) => v.severity === 'high' || v.severity === 'critical',
    );
    const unexplained = serious.filter(
      (v) => !new RegExp(`^\\|\\s*\`?${v.name}\`?\\s*\\|`, 'm').test(explained),
    );
    auditOutcome = `${serious.length} high/critical, ${unexplained.length} not explained in docs/SECURITY.md`;
    expect(unexplained.map((v) => `${v.name} (${v.severity})`)).toEqual([]);
  }, 120_000);
});

type AuditReport = { vulnerabilities?: Record<string, { name: string; severity: string }> };

/** `npm audit --omit=dev --json`; npm exits 1 when it finds anything, so the JSON decides. */
async function runAudit(): Promise<AuditReport | { unreachable: string }> {
  const output = await promisify(execFile)('npm', ['audit', '--omit=dev', '--json'], {
    cwd: root,
    timeout: 90_000,
    maxBuffer: 32 * 1024 * 1024,
  }).then(
    (result) => result.stdout,
    (error: { stdout?: string; message: string }) =>
      error.stdout || JSON.stringify({ error: { summary: error.message } }),
  );
  let report: AuditReport & { error?: { summary?: string }; message?: string; statusCode?: number };
  try {
    report = JSON.parse(output) as typeof report;
  } catch {
    return { unreachable: 'npm audit printed no JSON' };
  }
  if (report.vulnerabilities) return report;
  return {
    unreachable: report.message ?? report.error?.summary ?? `status ${report.statusCode ?? 'unknown'}`,
  };
}
