import { createIndexHandler } from '../../../lib/history/indexHandler';
import { getEventIndex } from '../history';
import { withRedrive } from '../redrive';

/** Any event topic → the index of where each aggregate's events sit (one mapping per topic). */
export const handler = withRedrive(createIndexHandler({ index: getEventIndex() }));
