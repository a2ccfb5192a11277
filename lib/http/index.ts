export { toAppError } from './classifyError';
export { httpHandler, type HttpFunction, type HttpHandler, type HttpHandlerOptions } from './httpHandler';
export {
  internalErrorResponse,
  problemResponse,
  problemTypes,
  PROBLEM_TYPE_BASE,
  type ProblemBody,
  type ProblemType,
} from './problemDetails';
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_JSON_DEPTH,
  headerValue,
  idempotencyKey,
  parseIfMatch,
  parseJsonBody,
  parsePathParameter,
  parseQuery,
  type ParseJsonBodyOptions,
} from './request';
export { etag, jsonResponse, type JsonResponseOptions } from './response';
export * from './commandRequest';
export * from './openApi';
