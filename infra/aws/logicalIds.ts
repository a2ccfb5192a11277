/**
 * The logical ids osls generates (lib/plugins/aws/lib/naming.js of osls 4.x), reproduced so that
 * resources and extensions can refer to them. The packaging test checks them against the template.
 */
const normalized = (name: string) => {
  const safe = name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${safe.charAt(0).toUpperCase()}${safe.slice(1)}`;
};

const alphanumeric = (name: string) => normalized(name.replace(/[^0-9A-Za-z]/g, '')).slice(0, 79);

export const lambdaLogicalId = (functionName: string) => `${normalized(functionName)}LambdaFunction`;

export const logGroupLogicalId = (functionName: string) => `${normalized(functionName)}LogGroup`;

/** Not an osls name: the per-function role the stack defines itself (see iam.ts). */
export const roleLogicalId = (functionName: string) => `${normalized(functionName)}IamRole`;

/**
 * `<Function>EventSourceMappingMSK<Cluster><Topic>`, where `<Cluster>` is the logical id the `msk`
 * event's `arn: { Ref }` names.
 */
export const mskEventSourceMappingLogicalId = (functionName: string, clusterRef: string, topic: string) =>
  `${normalized(functionName)}EventSourceMappingMSK${alphanumeric(clusterRef)}${alphanumeric(topic)}`;
