// Runs in every reliability worker. The global setup exported KAFKA_BROKERS (the shared broker, which
// no fault scenario uses) and DYNAMODB_ENDPOINT; the SDK needs a region and (any) credentials.
process.env.AWS_REGION ??= 'eu-west-1';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
