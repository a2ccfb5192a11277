/**
 * A depositFunds execution environment that dies between send and commit: run as a child process
 * (`node --import tsx`) by hangingTransaction.test.ts, with the runtime's environment plus
 * `HANGING_COMMAND` = `{"customerId","amount","key"}`. It serves the real handler behind the API
 * Gateway emulator and posts the deposit to itself; its Kafka transaction sends the records, reports
 * them on stdout (`{"sent":[…]}`), announces the commit (`{"committing":true}`) and then never sends
 * it. The parent SIGKILLs it there, leaving an open transaction on the partition.
 *
 * The handler module builds its clients when imported, but its transactional producer only on the
 * first command: by then the tap below is in place.
 */
import { handler } from '../../../../functions/payment/handlers/depositFunds';
import { functions } from '../../../../infra/topology';
import { startHttpApi } from '../../../../lib/local/httpApi';
import { tapTransactions } from './transactionTap';

const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

tapTransactions({
  afterSend: (records) =>
    say({ sent: records.map(({ partition, baseOffset }) => ({ partition, baseOffset })) }),
  beforeCommit: () => {
    say({ committing: true });
    return new Promise<void>(() => undefined);
  },
});

async function main(): Promise<void> {
  const command = JSON.parse(process.env.HANGING_COMMAND ?? '') as {
    customerId: string;
    amount: number;
    key: string;
  };
  const api = await startHttpApi({
    routes: [
      {
        method: 'POST',
        path: '/accounts/{customerId}/deposits',
        functionName: 'depositFunds',
        // As deployed (and as the local runtime runs it): the Idempotency-Key lock follows it.
        timeoutSeconds: functions.find((spec) => spec.name === 'depositFunds')!.timeout,
        handler,
      },
    ],
    log: () => undefined,
  });
  await fetch(`${api.url}/accounts/${command.customerId}/deposits`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': command.key,
      'x-correlation-id': command.key,
    },
    body: JSON.stringify({ amount: command.amount }),
  });
  say({ unexpected: 'the deposit was answered' });
}

main().catch((error: unknown) => {
  say({ error: String(error) });
  process.exitCode = 1;
});
