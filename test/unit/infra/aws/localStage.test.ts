import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { localStageEnvironment, localStageFunctions, runningStack } from '../../../../infra/aws/localStage';
import { oslsFunctions } from '../../../../infra/aws/serverlessFunctions';
import { DEFAULT_VERSIONS } from '../../../../infra/aws/versionParams';
import { localEnvironment, localNames } from '../../../../infra/local/runtime/localNames';
import { versionTableName } from '../../../../infra/topology';

const stack: Record<string, string> = {
  ...localEnvironment(localNames('dev'), {
    kafkaBrokers: ['127.0.0.1:9092'],
    dynamoEndpoint: 'http://127.0.0.1:8000',
  }),
  AUTH_MODE: 'open',
};
const twoOrderVersions = { ...DEFAULT_VERSIONS, orderViews: [1, 2] };

const plain = (variables: unknown) =>
  Object.values(variables as Record<string, unknown>).every((value) => typeof value === 'string');

describe('the local stage (serverless invoke local --stage local)', () => {
  it("gives every function npm start's variables, all plain values, with one producer as on Lambda", () => {
    expect(localStageEnvironment(stack)).toEqual({ ...stack, KAFKA_PRODUCER_POOL_SIZE: '1' });
    expect(plain(localStageEnvironment(stack))).toBe(true);
  });

  it('lists the functions the AWS stages deploy, their own variables plain too', () => {
    const functions = localStageFunctions(twoOrderVersions, stack);
    expect(Object.keys(functions)).toEqual(Object.keys(oslsFunctions(twoOrderVersions)));
    for (const fn of Object.values(functions))
      expect(plain((fn as { environment: unknown }).environment)).toBe(true);
  });

  it('points a projection version at the table npm start gives that version', () => {
    const functions = localStageFunctions(twoOrderVersions, stack) as Record<
      string,
      { environment: Record<string, string> }
    >;
    expect(functions.projectOrders?.environment.ORDER_VIEWS_TABLE).toBe(stack.ORDER_VIEWS_TABLE);
    expect(functions.projectOrdersV2?.environment).toMatchObject({
      PROJECTION_VERSION: '2',
      ORDER_VIEWS_TABLE: versionTableName(stack.ORDER_VIEWS_TABLE!, 2),
    });
  });

  it('refuses to resolve, naming npm start, when no npm start has left its record', () => {
    expect(() => runningStack(join(tmpdir(), 'no-such-stack-record.json'))).toThrow(/npm start/);
  });
});
