import { functionArn, lambdaContext } from '../../../../../lib/local/mskEventSource/lambdaContext';

const clusterArn = 'arn:aws:kafka:us-east-2:123456789012:cluster/orders/abc-1';

describe('lambdaContext', () => {
  it('names the function like Lambda would, in the cluster region and account', () => {
    const context = lambdaContext({ functionName: 'projectOrders', clusterArn, timeoutSeconds: 30 });
    expect(context).toMatchObject({
      functionName: 'projectOrders',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-2:123456789012:function:projectOrders',
      logGroupName: '/aws/lambda/projectOrders',
    });
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it('gives every invocation its own request id', () => {
    const options = { functionName: 'f', clusterArn, timeoutSeconds: 30 };
    expect(lambdaContext(options).awsRequestId).not.toBe(lambdaContext(options).awsRequestId);
  });

  it('counts the remaining time down from the timeout, never below zero', () => {
    let now = 1_000;
    const context = lambdaContext({ functionName: 'f', clusterArn, timeoutSeconds: 2, now: () => now });
    now += 500;
    expect(context.getRemainingTimeInMillis()).toBe(1_500);
    now += 5_000;
    expect(context.getRemainingTimeInMillis()).toBe(0);
  });

  it('refuses the callback-style methods', () => {
    const context = lambdaContext({ functionName: 'f', clusterArn, timeoutSeconds: 2 });
    expect(() => context.succeed('x')).toThrow(/not supported/);
  });

  it('falls back to a default region and account for a malformed cluster ARN', () => {
    expect(functionArn('f', 'local')).toBe('arn:aws:lambda:eu-west-1:000000000000:function:f');
  });
});
