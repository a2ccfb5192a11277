export { startHttpApi, withClaims, type HttpApi, type HttpApiOptions } from './startHttpApi';
export { compileRoutes, matchRoute, type HttpMethod, type JwtClaims, type RouteDefinition } from './routes';
export { buildEvent, clfTime, isText, type ApiIdentity, type IncomingRequest } from './lambdaEvent';
export { createLambdaContext, type LambdaContextOptions } from './lambdaContext';
export { toHttpResponse, MalformedLambdaResponse, MAX_RESPONSE_BYTES } from './lambdaResponse';
export { MAX_REQUEST_BYTES } from './requestBody';
export * from './jwtAuthorizer';
