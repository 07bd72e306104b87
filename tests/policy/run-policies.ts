import {
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { Recorded } from "../pulumi/mocks";

/** A minimal resource as the policy engine would pass it. */
export interface PolicyInput {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
}

/** Turns mock-recorded custom resources into policy inputs. */
export function fromMocks(resources: readonly Recorded[]): PolicyInput[] {
  return resources.filter((r) => r.custom).map((r) => ({ type: r.type, name: r.name, props: r.inputs }));
}

/** Runs one resource policy's validateResource over resources; returns the violation messages. */
export async function runResourcePolicy(
  policy: ResourceValidationPolicy,
  resources: readonly PolicyInput[],
): Promise<string[]> {
  const out: string[] = [];
  const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
  for (const r of resources) {
    const args = {
      type: r.type,
      name: r.name,
      props: r.props,
      urn: `urn:pulumi:test::fhir-lakehouse::${r.type}::${r.name}`,
    } as unknown as ResourceValidationArgs;
    for (const v of validations) await v?.(args, (message) => out.push(`[${policy.name}] ${message}`));
  }
  return out;
}

/** Runs a stack policy over resources; returns the violation messages. */
export async function runStackPolicy(
  policy: StackValidationPolicy,
  resources: readonly PolicyInput[],
): Promise<string[]> {
  const out: string[] = [];
  const args = { resources: resources.map((r) => ({ ...r, urn: `urn:${r.name}` })) } as unknown as StackValidationArgs;
  await policy.validateStack?.(args, (message) => out.push(`[${policy.name}] ${message}`));
  return out;
}
