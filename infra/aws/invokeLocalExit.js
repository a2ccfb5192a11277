// An osls plugin (serverless.yml `plugins:`) for `serverless invoke local`, which otherwise waits
// for Node's event loop to empty before it exits. Lambda ends an invocation when the handler's
// promise settles and freezes whatever is still open; our handlers keep their Kafka producer and
// DynamoDB client open at module scope on purpose (one per execution environment), so a command
// invoked locally would print its result and then never return. Nothing else is changed: package
// and deploy do not run this hook.
class InvokeLocalExit {
  constructor() {
    this.hooks = {
      // After serverless-esbuild's own after-hook; the timer lets osls finish its lifecycle first,
      // and being unref'd it never delays an exit that happens anyway.
      'after:invoke:local:invoke': () => {
        setTimeout(() => process.exit(), 100).unref();
      },
    };
  }
}

module.exports = InvokeLocalExit;
