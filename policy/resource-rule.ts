import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Props = Record<string, any>;

/** A mandatory rule on one resource type; `check` returns the problems it finds, each reported with the name. */
export function resourceRule(
  name: string,
  description: string,
  type: string,
  check: (props: Props, name: string) => string[],
): ResourceValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      if (args.type !== type) return;
      for (const problem of check(args.props, args.name)) report(`${args.name}: ${problem}`);
    },
  };
}
