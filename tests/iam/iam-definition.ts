import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** The project's Python (scripts/setup-python.sh installs parliament into it). */
export const VENV_PYTHON = path.join(__dirname, "..", "..", ".venv", "bin", "python");

/** One action of AWS's IAM reference as parliament ships it. */
interface Privilege {
  readonly privilege: string;
  readonly access_level: string;
  readonly resource_types: readonly { readonly resource_type: string }[];
}

let cached: { prefix: string; privileges: Privilege[] }[] | undefined;

/** parliament's copy of AWS's service authorization reference (every action, its access level, its resources). */
function definition(): { prefix: string; privileges: Privilege[] }[] {
  if (cached === undefined) {
    const dir = execFileSync(VENV_PYTHON, ["-c", "import os, parliament; print(os.path.dirname(parliament.__file__))"])
      .toString()
      .trim();
    cached = JSON.parse(fs.readFileSync(path.join(dir, "iam_definition.json"), "utf8"));
  }
  return cached!;
}

/** `service:Action` for each action of a service at an access level that requires one of these resource types. */
export function actionsOn(service: string, accessLevel: string, resourceTypes: readonly string[]): string[] {
  const svc = definition().find((s) => s.prefix === service);
  if (svc === undefined) throw new Error(`parliament knows no service ${service}`);
  return svc.privileges
    .filter((p) => p.access_level === accessLevel)
    .filter((p) => p.resource_types.some((r) => resourceTypes.map((t) => `${t}*`).includes(r.resource_type)))
    .map((p) => `${service}:${p.privilege}`)
    .sort();
}

/** The resource types an action may name (required ones end with *); [] for an action granted on "*" only. */
export function resourceTypesOf(action: string): string[] {
  const [service, name] = action.split(":");
  const privilege = definition()
    .find((s) => s.prefix === service)
    ?.privileges.find((p) => p.privilege.toLowerCase() === name.toLowerCase());
  if (privilege === undefined) throw new Error(`parliament knows no action ${action}`);
  return privilege.resource_types.map((r) => r.resource_type).filter((t) => t !== "");
}
