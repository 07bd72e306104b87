import { strict as assert } from "assert";
import { loadStackConfig } from "../../config/load-config";

describe("the dev and prod stack configs", () => {
  const dev = loadStackConfig("dev");
  const prod = loadStackConfig("prod");

  it("both load and validate", () => {
    assert.equal(dev.environment, "dev");
    assert.equal(prod.environment, "prod");
  });

  it("prod retains data on destroy and dev does not", () => {
    assert.equal(prod.storage.retainOnDestroy, true);
    assert.equal(dev.storage.retainOnDestroy, false);
  });

  it("prod keeps raw files and old versions longer than dev", () => {
    assert.equal(prod.storage.rawExpirationDays, null);
    assert.ok(prod.storage.noncurrentVersionExpirationDays > dev.storage.noncurrentVersionExpirationDays);
  });

  it("prod runs bigger Glue jobs on a schedule; dev only on new files", () => {
    assert.ok(prod.glue.numberOfWorkers > dev.glue.numberOfWorkers);
    assert.ok(prod.glue.schedule);
    assert.equal(dev.glue.schedule, null);
  });

  it("QuickSight is on in prod and off in dev", () => {
    assert.equal(prod.dashboards.quicksightEnabled, true);
    assert.equal(dev.dashboards.quicksightEnabled, false);
  });

  it("the stacks alert different subscribers and use distinct name prefixes", () => {
    assert.notDeepEqual(prod.alerting.emails, dev.alerting.emails);
    assert.notEqual(prod.prefix, dev.prefix);
  });

  it("prod runs in the private network with Object Lock on its trail; dev uses public endpoints and no lock", () => {
    assert.equal(prod.network.enabled, true);
    assert.equal(dev.network.enabled, false);
    assert.ok((prod.auditTrail.objectLockRetentionDays ?? 0) > 0);
    assert.equal(dev.auditTrail.objectLockRetentionDays, null);
    assert.ok(prod.auditTrail.logExpirationDays >= (prod.auditTrail.objectLockRetentionDays ?? 0));
  });
});
