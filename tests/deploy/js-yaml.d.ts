// js-yaml ships no types and @types/js-yaml is not a dependency: the one function the workflow test uses.
declare module "js-yaml" {
  export function load(text: string): unknown;
}
