import type { Context, MSKEvent } from 'aws-lambda';
import * as eventSource from '../../../../lib/local/mskEventSource/startMskEventSource';

/**
 * Records `partition@offset` of every record the MSK event source emulator hands to `functionName`,
 * i.e. exactly what the deployed function would receive. Call before the runtime starts.
 */
export function recordDeliveries(functionName: string): { delivered: Set<string>; restore: () => void } {
  const delivered = new Set<string>();
  const start = eventSource.startMskEventSource;
  const spy = jest.spyOn(eventSource, 'startMskEventSource').mockImplementation((options) => {
    if (options.functionName !== functionName) return start(options);
    const handler = (event: MSKEvent, context: Context) => {
      for (const records of Object.values(event.records)) {
        for (const record of records) delivered.add(`${record.partition}@${record.offset}`);
      }
      return options.handler(event, context);
    };
    return start({ ...options, handler });
  });
  return { delivered, restore: () => spy.mockRestore() };
}
