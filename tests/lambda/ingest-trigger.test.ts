import { strict as assert } from "assert";
import {
  CreateWorkflowCommand,
  GetWorkflowRunPropertiesCommand,
  GetWorkflowRunsCommand,
  GlueClient,
} from "@aws-sdk/client-glue";
import { decide, isDataKey, workflowState } from "../../lambda/ingest-decision";
import { classify, handle } from "../../lambda/ingest-trigger";
import { MotoServer, TEST_CREDENTIALS, startMoto } from "../helpers/moto-server";

const s3Event = (...keys: string[]) => ({
  Records: keys.map((key) => ({ eventSource: "aws:s3", s3: { object: { key } } })),
});

describe("ingest trigger decision (pure)", () => {
  it("starts on new data when idle, marks the active run pending otherwise", () => {
    assert.equal(decide("new-data", { activeRunId: null, latestRunPending: false }), "start");
    assert.equal(decide("new-data", { activeRunId: "r1", latestRunPending: false }), "mark-pending");
    assert.equal(decide("scheduled", { activeRunId: "r1", latestRunPending: false }), "mark-pending");
  });

  it("a re-check starts a run only for a pending marker on a finished latest run", () => {
    assert.equal(decide("recheck", { activeRunId: null, latestRunPending: true }), "start");
    assert.equal(decide("recheck", { activeRunId: null, latestRunPending: false }), "nothing");
    assert.equal(decide("recheck", { activeRunId: "r1", latestRunPending: true }), "nothing");
  });

  it("reads the latest run by StartedOn, whatever the API's order", () => {
    const state = workflowState(
      [
        {
          WorkflowRunId: "new",
          Status: "COMPLETED",
          StartedOn: new Date(2000),
          WorkflowRunProperties: { ingest_pending: "true" },
        },
        { WorkflowRunId: "old", Status: "COMPLETED", StartedOn: new Date(1000) },
      ].reverse(),
    );
    assert.deepEqual(state, { activeRunId: null, latestRunPending: true });
  });

  it("counts only data files under the prefix (no folders, nothing in or named _ or .)", () => {
    const keys = ["fhir/a.json", "fhir/x/_manifest.json", "fhir/.hidden", "other/b.json", "fhir/dir/"];
    const more = ["fhir/_temporary/0/a.json", "fhir/.staging/a.ndjson", "fhir/d/x_y.json", "fhir/a/b/c.ndjson.gz"];
    assert.deepEqual(
      [...keys, ...more].map((k) => isDataKey(k, "fhir/")),
      [true, false, false, false, false, false, false, true, true],
    );
    assert.deepEqual(classify(s3Event("fhir/my+file.ndjson.gz", "fhir/_manifest.json"), "fhir/"), {
      reason: "new-data",
      dataFiles: 1,
    });
    assert.deepEqual(classify({ "detail-type": "Glue Job State Change" }, "fhir/"), {
      reason: "recheck",
      dataFiles: 0,
    });
    assert.throws(() => classify({ surprise: 1 }, "fhir/"), /unrecognised event \(keys: surprise\)/);
  });
});

describe("ingest trigger against moto's Glue (server mode)", function () {
  this.timeout(30000);
  let server: MotoServer;
  let glue: GlueClient;

  before(async () => {
    server = await startMoto();
    glue = new GlueClient({ region: "us-east-1", endpoint: server.endpoint, credentials: TEST_CREDENTIALS });
  });
  after(() => {
    server?.stop();
  });

  const runsOf = async (name: string) => (await glue.send(new GetWorkflowRunsCommand({ Name: name }))).Runs ?? [];

  it(
    "starts a run for new raw files, and a second event during " +
      "the run marks it pending instead of starting another",
    async () => {
      await glue.send(new CreateWorkflowCommand({ Name: "wf-a", MaxConcurrentRuns: 1 }));
      const deps = { glue, workflowName: "wf-a", rawPrefix: "fhir/" };
      const first = await handle(s3Event("fhir/b1.json"), deps);
      assert.equal(first.action, "start");
      assert.equal((await runsOf("wf-a")).length, 1);
      const second = await handle(s3Event("fhir/b2.json"), deps);
      assert.deepEqual([second.action, second.runId], ["mark-pending", first.runId]);
      assert.equal((await runsOf("wf-a")).length, 1);
      const props = await glue.send(new GetWorkflowRunPropertiesCommand({ Name: "wf-a", RunId: first.runId! }));
      assert.equal(props.RunProperties?.ingest_pending, "true");
    },
  );

  it("a re-check while a run is active does nothing; an upload of only a manifest starts nothing", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "wf-b", MaxConcurrentRuns: 1 }));
    const deps = { glue, workflowName: "wf-b", rawPrefix: "fhir/" };
    assert.equal((await handle(s3Event("fhir/_manifest.json"), deps)).action, "nothing");
    assert.equal((await handle({ action: "recheck" }, deps)).action, "nothing");
    assert.equal((await runsOf("wf-b")).length, 0);
    await handle({ action: "scheduled-run" }, deps);
    assert.equal((await handle({ action: "recheck" }, deps)).action, "nothing");
    assert.equal((await runsOf("wf-b")).length, 1);
  });

  it("fails loudly for a workflow that does not exist", async () => {
    await assert.rejects(
      handle(s3Event("fhir/x.json"), { glue, workflowName: "missing", rawPrefix: "fhir/" }),
      /EntityNotFound|not found/i,
    );
  });
});
