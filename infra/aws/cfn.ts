/** CloudFormation values and the few intrinsic functions the generators use. */
export type CfnValue = string | number | boolean | CfnValue[] | { [key: string]: CfnValue };

export interface CfnResource {
  readonly Type: string;
  readonly Condition?: string;
  readonly DependsOn?: string | string[];
  readonly DeletionPolicy?: 'Delete' | 'Retain' | 'Snapshot';
  readonly UpdateReplacePolicy?: 'Delete' | 'Retain' | 'Snapshot';
  readonly Properties: Record<string, CfnValue>;
}

export type Resources = Record<string, CfnResource>;

export const ref = (logicalId: string) => ({ Ref: logicalId });

export const getAtt = (logicalId: string, attribute: string) => ({
  'Fn::GetAtt': [logicalId, attribute],
});

export const sub = (template: string) => ({ 'Fn::Sub': template });

export const join = (parts: CfnValue[], separator = '') => ({ 'Fn::Join': [separator, parts] });

export const select = (index: number, list: CfnValue) => ({ 'Fn::Select': [String(index), list] });

export const split = (separator: string, value: CfnValue) => ({ 'Fn::Split': [separator, value] });

export const ifCondition = (condition: string, whenTrue: CfnValue, whenFalse: CfnValue) => ({
  'Fn::If': [condition, whenTrue, whenFalse],
});

/** The partition-aware ARN of an AWS managed resource, e.g. `arn(':logs:${AWS::Region}:…')`. */
export const arn = (rest: string) => sub(`arn:\${AWS::Partition}${rest}`);

/** `[{ Key, Value }]`, the tag list most resource types take. */
export const tags = (values: Record<string, CfnValue>) =>
  Object.entries(values).map(([Key, Value]) => ({ Key, Value }));
