import {
  createPlatformaticConnection,
  type PlatformaticConnection,
} from '../../lib/kafka/platformaticConnection';
import { getConfig } from './config';
import { perEnvironment } from './platform';

// Apart from kafka.ts, which queries import too (history): only the event log needs this.
const connection = perEnvironment(() => {
  const config = getConfig();
  let options: Promise<PlatformaticConnection> | undefined;
  return () =>
    (options ??= createPlatformaticConnection(config).catch((error: unknown) => {
      options = undefined; // a failed MSK broker lookup must not poison the environment
      throw error;
    }));
});

/** The @platformatic/kafka connection options of the event log when `KAFKA_CLIENT=platformatic`. */
export const getPlatformaticConnection = (): Promise<PlatformaticConnection> => connection()();
