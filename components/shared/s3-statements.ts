import { PolicyStatement } from "./policy-document";

/** S3 read (objects and listing) on buckets. */
export function s3ReadStatements(bucketArns: readonly string[]): PolicyStatement[] {
  return [
    { Sid: "ListInput", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:ListBucket"], Resource: [...bucketArns] },
    {
      Sid: "ReadInput",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:GetObjectVersion"],
      Resource: bucketArns.map((a) => `${a}/*`),
    },
  ];
}
