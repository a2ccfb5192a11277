// Runs in every integration worker before its tests. The global setup exported KAFKA_BROKERS and
// DYNAMODB_ENDPOINT; the SDK additionally needs a region and (any) credentials for the local endpoint.
process.env.AWS_REGION ??= 'eu-west-1';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
