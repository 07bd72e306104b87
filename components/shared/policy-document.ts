/** An IAM policy statement as AWS reads it (Action and Resource always arrays here). */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Readonly<Record<string, string | readonly string[]>> | "*";
  readonly Action: readonly string[];
  /** Absent only in trust policies. */
  readonly Resource?: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** An IAM policy document (identity, resource or key policy). */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** Wraps statements into a document, dropping statements with an empty resource list (no zone to grant, say). */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: statements.filter((s) => s.Resource === undefined || s.Resource.length > 0),
  };
}

/** Trust policy letting one AWS service assume a role, limited to this account. */
export function assumeRolePolicy(service: string, accountId: string): PolicyDocument {
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: service },
      Action: ["sts:AssumeRole"],
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}

/** Encrypt and decrypt with the lake key (jobs writing zones, break-glass repairing them). */
export function lakeKeyReadWrite(kmsKeyArn: string): PolicyStatement {
  return {
    Sid: "UseLakeKey",
    Effect: "Allow",
    Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
    Resource: [kmsKeyArn],
  };
}
