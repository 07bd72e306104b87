import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { loadStackConfig } from "../../config/load-config";
import { roleNames } from "../../components/shared/role-names";
import { buildStack, REPO_ROOT } from "../pulumi/stack";
import { WORKFLOW_FILES, allUses, workflowJobs } from "./workflow";

const WORKFLOW = WORKFLOW_FILES(REPO_ROOT)[0];
const STACKS = ["dev", "prod"] as const;

/** actionlint's exit code and output on some files, installed first by the project's own script. */
function actionlint(files: readonly string[]): { status: number | null; output: string } {
  const bin = execFileSync("bash", [path.join(REPO_ROOT, "scripts", "setup-actionlint.sh")])
    .toString()
    .trim();
  const r = spawnSync(bin, ["-no-color", ...files], { cwd: REPO_ROOT });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("the deploy workflow (.github/workflows/deploy.yml)", () => {
  const repository = loadStackConfig("dev").deploy.githubRepository;
  const jobs = workflowJobs(WORKFLOW, repository);

  it("passes actionlint", () => {
    const r = actionlint([WORKFLOW]);
    assert.equal(r.status, 0, r.output);
  });

  it("actionlint rejects a broken workflow (unknown event, missing job, undefined context)", () => {
    const r = actionlint([path.join(__dirname, "fixtures", "bad-workflow.yml")]);
    assert.equal(r.status, 1, r.output);
    for (const problem of ['unknown Webhook event "pull_reqest"', 'job "build"', 'undefined variable "secret"'])
      assert.ok(r.output.includes(problem), `${problem}\n${r.output}`);
  });

  it("previews dev and prod on pull requests and deploys dev, then prod in its environment, on main", () => {
    const run = (id: string) => jobs.find((j) => j.id === id)?.raw.steps.at(-1).run as string;
    assert.match(run("preview(dev)"), /^pulumi preview --stack "\$\{\{ matrix.stack \}\}"/);
    assert.match(run("deploy-dev"), /^pulumi up --stack dev /);
    assert.match(run("deploy-prod"), /^pulumi up --stack prod /);
    const prod = jobs.find((j) => j.id === "deploy-prod")!;
    assert.equal(prod.raw.needs, "deploy-dev");
    assert.equal(prod.environment, loadStackConfig("prod").deploy.githubEnvironment);
    const test = jobs.find((j) => j.id === "test")!.raw.steps.map((s: { run?: string }) => s.run);
    assert.deepEqual(test.filter(Boolean), ["npm run lint", "npm test"]);
  });

  it("assumes each stack's roles with a subject their trust names; no other job gets an OIDC token", async () => {
    const assuming = jobs.filter((j) => j.role !== undefined);
    assert.deepEqual(
      assuming.map((j) => `${j.id} ${j.role}`),
      [
        "preview(dev) fhirlake-dev-preview",
        "preview(prod) fhirlake-prod-preview",
        "deploy-dev fhirlake-dev-deploy",
        "deploy-prod fhirlake-prod-deploy",
      ],
    );
    for (const stack of STACKS) {
      const names = roleNames(loadStackConfig(stack).prefix);
      const { mocks } = await buildStack(stack);
      for (const job of assuming.filter((j) => j.role === names.deploy || j.role === names.preview)) {
        const role = mocks.ofType("aws:iam/role:Role").find((r) => r.inputs.name === job.role);
        assert.ok(role, `${stack} has no role ${job.role}`);
        const trust = JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Condition.StringEquals;
        assert.deepEqual(trust["token.actions.githubusercontent.com:sub"], [job.subject], job.id);
      }
    }
    for (const j of jobs) assert.equal(j.raw.permissions?.["id-token"] === "write", j.role !== undefined, j.id);
  });

  it("pins every action to an exact version, and the Pulumi CLI to the SDK's version", () => {
    const uses = allUses(WORKFLOW_FILES(REPO_ROOT)).filter((u) => !u.startsWith("./"));
    assert.ok(uses.length >= 6);
    for (const u of uses) assert.match(u, /^[\w.-]+\/[\w.-]+@v\d+\.\d+\.\d+$/, u);
    const sdk = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).dependencies[
      "@pulumi/pulumi"
    ];
    assert.ok(fs.readFileSync(WORKFLOW_FILES(REPO_ROOT)[1], "utf8").includes(`pulumi-version: ${sdk}`));
  });
});
