/**
 * The headers of a signed call (signing.ts), in a module of their own that imports
 * nothing: tracing's SDK (tracing/sdk.ts) needs the signature's name before
 * graphql, express or pg may load.
 */
export const IDENTITY_HEADER = 'x-civic-identity';
export const TIMESTAMP_HEADER = 'x-civic-timestamp';
export const REQUEST_ID_HEADER = 'x-civic-request-id';
export const SIGNATURE_HEADER = 'x-civic-signature';
export const TRACE_HEADER = 'x-civic-trace';
