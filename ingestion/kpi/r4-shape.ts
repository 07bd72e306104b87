/**
 * The R4 shape check bronze applies before a resource may enter (glue-jobs/lakehouse/bronze/shape.py), over the
 * same data files: every element must have the JSON shape R4 gives it, in a name R4 defines, nested at most
 * json_limits.json's maxDepth levels.
 */
import SHAPES from "../../glue-jobs/lakehouse/data/fhir_r4_shapes.json";
import LIMITS from "../../glue-jobs/lakehouse/data/json_limits.json";
import RESOURCE_TYPES from "../../glue-jobs/lakehouse/data/fhir_r4_resource_types.json";

type Json = Record<string, unknown>;

const TYPES: Record<string, Record<string, string>> = SHAPES.types;
const MAX_DEPTH: number = LIMITS.maxDepth;
// The resource types themselves: a type with a resourceType element is not always one (ExampleScenario_Instance).
const RESOURCES = new Set<string>(RESOURCE_TYPES.resourceTypes);
const PRIMITIVE: Record<string, string> = { s: "string", n: "number", b: "boolean" };

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isResource(v: unknown): v is Json {
  if (!isObject(v) || typeof v.resourceType !== "string") return false;
  return RESOURCES.has(v.resourceType);
}

/** true when `r` (a resource object) has R4's shape everywhere, as bronze's shape_problem finds no problem. */
export function hasR4Shape(r: Json): boolean {
  if (!isResource(r)) return false;
  const stack: [Json, string, number][] = [[r, r.resourceType as string, 1]];
  while (stack.length > 0) {
    const [value, typeName, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) return false;
    const spec = TYPES[typeName];
    for (const [name, child] of Object.entries(value)) {
      if (!Object.hasOwn(spec, name)) return false;
      if (child === null) continue;
      let shape = spec[name];
      let items: unknown[];
      if (shape.startsWith("[")) {
        if (!Array.isArray(child)) return false;
        items = child;
        shape = shape.slice(1);
      } else {
        if (Array.isArray(child)) return false;
        items = [child];
      }
      for (const item of items) {
        if (item === null) continue;
        const kind = PRIMITIVE[shape];
        if (kind !== undefined) {
          if (typeof item !== kind) return false;
        } else if (shape === "Resource") {
          if (!isResource(item)) return false;
          stack.push([item, item.resourceType as string, depth + 1]);
        } else {
          if (!isObject(item)) return false;
          stack.push([item, shape, depth + 1]);
        }
      }
    }
  }
  return true;
}
