import {
  createPlatformaticConnection,
  type PlatformaticConnection,
} from '../../lib/kafka/platformaticConnection';
import { getConfig } from './config';
import { perEnvironment, sharedUntilFailure } from './platform';

// Apart from kafka.ts, which queries import too (history): only the event log needs this.
const connection = perEnvironment(() => {
  const config = getConfig();
  return sharedUntilFailure(() => createPlatformaticConnection(config));
});

/** The @platformatic/kafka connection options of the event log when `KAFKA_CLIENT=platformatic`. */
export const getPlatformaticConnection = (): Promise<PlatformaticConnection> => connection()();
