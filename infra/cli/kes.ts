import { Command } from 'commander';
import { closePlatform } from '../../functions/platform/platform';
import { dlqCommand } from './dlq';
import { historyCommand } from './history';
import { projectionsCommand } from './projections';
import { tokenCommand } from './token';
import { verifyCommand } from './verify';

/**
 * `npm run kes -- <command>`: the operating tools, thin over lib/ (one file per command group).
 * Errors are printed as one line, without a stack: they are meant for a person at a terminal.
 */
const program = new Command('kes')
  .description('operate the event-sourced order system')
  .showHelpAfterError()
  .addCommand(tokenCommand())
  .addCommand(historyCommand())
  .addCommand(verifyCommand())
  .addCommand(dlqCommand())
  .addCommand(projectionsCommand());

program
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`kes: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  })
  // Kafka and DynamoDB clients would keep the process alive.
  .finally(() => closePlatform());
