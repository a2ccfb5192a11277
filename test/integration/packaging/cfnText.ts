/**
 * A CloudFormation value as text, intrinsic functions reduced to what they contribute: literal
 * parts of `Fn::Sub` and `Fn::Join` are kept, anything resolved at deploy time becomes `{…}`. Enough
 * to judge how wide an IAM resource is: `arn:…:table/{…}` is one table, `*` is everything.
 */
export function cfnText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || typeof value !== 'object') return '';
  const record = value as Record<string, unknown>;
  if ('Fn::Sub' in record) {
    const template = Array.isArray(record['Fn::Sub']) ? record['Fn::Sub'][0] : record['Fn::Sub'];
    return String(template).replace(/\$\{[^}]+\}/g, '{…}');
  }
  if ('Fn::Join' in record) {
    const [separator, parts] = record['Fn::Join'] as [string, unknown[]];
    return Array.isArray(parts) ? parts.map(cfnText).join(separator) : '{…}';
  }
  return '{…}';
}

/** The resources of a statement as text, one entry per resource. */
export function resourceTexts(resource: unknown): string[] {
  return (Array.isArray(resource) ? resource : [resource]).map(cfnText);
}

/**
 * A resource that reaches past one named thing: `*` itself, or an ARN ending in a bare `*` segment
 * (`…:*`, `…/*`). A named prefix followed by a wildcard (`…/kes-fn-*`) is not: it stays within
 * what that prefix names.
 */
export const isWildcard = (resource: string) => resource === '*' || /[:/]\*$/.test(resource);
