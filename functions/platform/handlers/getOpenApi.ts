import { httpHandler } from '../../../lib/http/httpHandler';
import { jsonResponse } from '../../../lib/http/response';
import { openApiDocument } from '../openApiDocument';

const body = openApiDocument;

/** GET /openapi.json → the OpenAPI 3.1 document. */
export const handler = httpHandler(() =>
  Promise.resolve(jsonResponse(200, body, { headers: { 'cache-control': 'public, max-age=300' } })),
);
