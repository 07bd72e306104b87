import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

/* eslint-disable @typescript-eslint/no-explicit-any */
/** A job of the workflow, with its AWS role (when it assumes one) and the OIDC subject GitHub gives it. */
export interface WorkflowJob {
  readonly id: string;
  readonly role: string | undefined;
  readonly subject: string | undefined;
  readonly environment: string | undefined;
  readonly raw: any;
}

/** The role name an ARN like arn:aws:iam::${{ vars.X }}:role/<name> ends with. */
const roleName = (arn: string) => /:role\/([A-Za-z0-9+=,.@_-]+)$/.exec(arn)?.[1];

/**
 * The `sub` claim GitHub sends for a job's run: its environment's when it has one, else the pull request's or the
 * pushed branch's, read from the job's `if` (github.event_name / github.ref).
 */
export function jobSubject(repository: string, job: any): string | undefined {
  if (job.environment !== undefined) return `repo:${repository}:environment:${job.environment.name ?? job.environment}`;
  const cond = String(job.if ?? "");
  if (cond.includes("github.event_name == 'pull_request'")) return `repo:${repository}:pull_request`;
  const ref = /github\.ref == '(refs\/heads\/[^']+)'/.exec(cond)?.[1];
  return ref === undefined ? undefined : `repo:${repository}:ref:${ref}`;
}

/** One entry per job and matrix row: the roles passed to aws-actions/configure-aws-credentials. */
export function workflowJobs(file: string, repository: string): WorkflowJob[] {
  const doc = yaml.load(fs.readFileSync(file, "utf8")) as any;
  return Object.entries<any>(doc.jobs).flatMap(([id, job]) => {
    const rows: Record<string, string>[] = job.strategy?.matrix?.include ?? [{}];
    const step = (job.steps ?? []).find((s: any) => String(s.uses).startsWith("aws-actions/configure-aws-credentials"));
    return rows.map((row) => {
      const arn = step?.with?.["role-to-assume"]?.replace(
        /\$\{\{ matrix\.(\w+) \}\}/g,
        (_: string, k: string) => row[k],
      );
      return {
        id: rows.length > 1 ? `${id}(${row.stack})` : id,
        role: arn === undefined ? undefined : roleName(arn),
        subject: jobSubject(repository, job),
        environment: job.environment,
        raw: job,
      };
    });
  });
}

/** Every `uses:` of the workflow and the local actions it calls. */
export function allUses(files: readonly string[]): string[] {
  return files.flatMap((f) => {
    const doc = yaml.load(fs.readFileSync(f, "utf8")) as any;
    const steps = doc.runs?.steps ?? Object.values<any>(doc.jobs ?? {}).flatMap((j) => j.steps ?? []);
    return steps.map((s: any) => s.uses).filter((u: unknown): u is string => typeof u === "string");
  });
}

/** The workflow and its local actions, from the repository root. */
export const WORKFLOW_FILES = (root: string) => [
  path.join(root, ".github", "workflows", "deploy.yml"),
  path.join(root, ".github", "actions", "setup", "action.yml"),
];
