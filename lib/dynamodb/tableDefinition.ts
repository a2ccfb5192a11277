/**
 * A table as both the local runtime (CreateTable) and CloudFormation (AWS::DynamoDB::Table) need it.
 * Adapters export their definitions, so table schema and the code that reads it cannot drift.
 */
export interface TableDefinition {
  readonly attributes: readonly { readonly name: string; readonly type: 'S' | 'N' }[];
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly indexes: readonly {
    readonly name: string;
    readonly partitionKey: string;
    readonly sortKey?: string;
    /** What the index copies of an item besides the keys: everything (default) or nothing. */
    readonly projection?: 'ALL' | 'KEYS_ONLY';
  }[];
}
