// Local Kafka broker for development and CI:
//   npx tsx infra/local/kafka/cli.ts start       start a broker, stay in the foreground until Ctrl-C
//   npx tsx infra/local/kafka/cli.ts fetch       preflight + download the jars (CI pre-install step)
//   npx tsx infra/local/kafka/cli.ts stop-stale  stop brokers whose starting process died
//   npx tsx infra/local/kafka/cli.ts stop        stop every recorded broker (npm run kafka:stop)
import { kafkaCachePaths } from './cachePaths';
import { LocalKafkaError } from './errors';
import { ensureKafkaJars } from './jars';
import { startLocalKafka } from './localKafka';
import { preflight, systemProbes } from './preflight';
import { stopStaleBrokers } from './processRegistry';
import { KAFKA_VERSION } from './version';

const commands: Record<string, () => Promise<number>> = {
  start,
  fetch,
  'stop-stale': () => stop(false),
  stop: () => stop(true),
};

async function start(): Promise<number> {
  if (process.env.KAFKA_BROKERS) {
    console.log(
      `KAFKA_BROKERS is set; using the Kafka cluster at ${process.env.KAFKA_BROKERS}, starting nothing.`,
    );
    return 0;
  }
  // Listen before starting: a Ctrl-C during start-up must still stop the (detached) broker afterwards.
  let interrupted = false;
  const signalled = new Promise<undefined>((resolve) => {
    const onSignal = () => resolve(void (interrupted = true));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  // Signal listeners do not keep Node alive, and the broker child is unref'd: hold the loop open.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    // Ctrl-C also reaches StorageTool (same process group), failing the start: report it as what it is.
    const kafka = await startLocalKafka().catch((error: unknown) => {
      throw interrupted
        ? new LocalKafkaError('Interrupted while starting Kafka; nothing left running.')
        : error;
    });
    console.log(`Kafka ready at ${kafka.brokers.join(',')} (log: ${kafka.logFile})`);
    const unexpectedExit = await Promise.race([signalled, kafka.exited]);
    if (unexpectedExit !== undefined)
      console.error(`Kafka stopped unexpectedly (${unexpectedExit}); see ${kafka.logFile}`);
    else console.log('Stopping Kafka...');
    await kafka.stop();
    return unexpectedExit === undefined ? 0 : 1;
  } finally {
    clearInterval(keepAlive);
  }
}

async function fetch(): Promise<number> {
  const paths = kafkaCachePaths();
  preflight(systemProbes(paths.completeMarker));
  console.log(`Kafka ${KAFKA_VERSION} jars ready in ${await ensureKafkaJars(paths)}`);
  return 0;
}

async function stop(all: boolean): Promise<number> {
  const stopped = await stopStaleBrokers({ all });
  console.log(
    stopped.length ? `Stopped Kafka broker pid(s) ${stopped.join(', ')}` : 'No Kafka brokers to stop.',
  );
  return 0;
}

async function main(): Promise<number> {
  const command = commands[process.argv[2] ?? ''];
  if (!command) {
    console.error(`Usage: cli.ts <${Object.keys(commands).join('|')}>`);
    return 2;
  }
  try {
    return await command();
  } catch (error) {
    // Our errors carry a complete human message; a stack trace would only bury it.
    if (!(error instanceof LocalKafkaError)) throw error;
    console.error(error.message);
    return 1;
  }
}

void main().then((code) => process.exit(code));
