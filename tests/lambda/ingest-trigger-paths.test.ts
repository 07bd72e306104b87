import { strict as assert } from "assert";
import { ConcurrentRunsExceededException, GlueClient } from "@aws-sdk/client-glue";
import { handle } from "../../lambda/ingest-trigger";

/**
 * A scripted Glue client for the paths moto cannot reach (its runs never complete, and it does not enforce
 * MaxConcurrentRuns): it answers GetWorkflowRuns from a list and records every command sent.
 */
class ScriptedGlue {
  readonly sent: string[] = [];
  constructor(
    private runs: {
      WorkflowRunId: string;
      Status: string;
      StartedOn: Date;
      WorkflowRunProperties?: Record<string, string>;
    }[],
    private readonly startFails = false,
  ) {}
  async send(command: { constructor: { name: string }; input: Record<string, unknown> }): Promise<unknown> {
    const name = command.constructor.name;
    this.sent.push(name);
    if (name === "GetWorkflowRunsCommand") return { Runs: this.runs };
    if (name === "StartWorkflowRunCommand") {
      if (this.startFails) {
        this.runs = [...this.runs, { WorkflowRunId: "other", Status: "RUNNING", StartedOn: new Date(9000) }];
        throw new ConcurrentRunsExceededException({ message: "one at a time", $metadata: {} });
      }
      return { RunId: "new-run" };
    }
    if (name === "PutWorkflowRunPropertiesCommand") return {};
    throw new Error(`unexpected ${name}`);
  }
}

const deps = (glue: ScriptedGlue) => ({ glue: glue as unknown as GlueClient, workflowName: "wf", rawPrefix: "fhir/" });

describe("ingest trigger paths beyond moto", () => {
  it("a re-check after a finished run that was marked pending starts one more run", async () => {
    const glue = new ScriptedGlue([
      {
        WorkflowRunId: "r2",
        Status: "COMPLETED",
        StartedOn: new Date(2000),
        WorkflowRunProperties: { ingest_pending: "true" },
      },
      { WorkflowRunId: "r1", Status: "COMPLETED", StartedOn: new Date(1000) },
    ]);
    const result = await handle({ "detail-type": "Glue Job State Change" }, deps(glue));
    assert.deepEqual([result.action, result.runId], ["start", "new-run"]);
  });

  it("a pending marker on an older run does not start again once a newer run exists", async () => {
    const glue = new ScriptedGlue([
      {
        WorkflowRunId: "r1",
        Status: "COMPLETED",
        StartedOn: new Date(1000),
        WorkflowRunProperties: { ingest_pending: "true" },
      },
      { WorkflowRunId: "r2", Status: "COMPLETED", StartedOn: new Date(2000) },
    ]);
    assert.equal((await handle({ action: "recheck" }, deps(glue))).action, "nothing");
    assert.deepEqual(glue.sent, ["GetWorkflowRunsCommand"]);
  });

  it(
    "losing the start race to another invocation marks " + "the winner's run pending, so the files are not lost",
    async () => {
      const glue = new ScriptedGlue([{ WorkflowRunId: "r1", Status: "COMPLETED", StartedOn: new Date(1000) }], true);
      const result = await handle(
        { Records: [{ eventSource: "aws:s3", s3: { object: { key: "fhir/a.json" } } }] },
        deps(glue),
      );
      assert.deepEqual([result.action, result.runId], ["mark-pending", "other"]);
      assert.deepEqual(glue.sent, [
        "GetWorkflowRunsCommand",
        "StartWorkflowRunCommand",
        "GetWorkflowRunsCommand",
        "PutWorkflowRunPropertiesCommand",
      ]);
    },
  );
});
