import * as path from "path";
import { loadStackConfig } from "../../config/load-config";
import { LakehousePlatform } from "../../components/platform/lakehouse-platform";
import { RecordingMocks, optionRecorder, settle, useMocks } from "./mocks";

/** Repository root (glue-jobs/ is read from here). */
export const REPO_ROOT = path.join(__dirname, "..", "..");
/** A source root whose athena/views/ holds fixture views; glue-jobs/ is linked from the repo. */
export const FIXTURE_ROOT = path.join(__dirname, "fixtures", "repo");

/** The whole stack built under fresh mocks, with resource options recorded. */
export interface MockedStack {
  readonly mocks: RecordingMocks;
  readonly platform: LakehousePlatform;
}

const built = new Map<string, Promise<MockedStack>>();

/**
 * Builds dev or prod from config/<stack>.json under mocks and waits for every registration. Built once per
 * process and shared: tests only read the records, and each build takes a second or two.
 */
export function buildStack(stack: "dev" | "prod", viewsRoot: string = FIXTURE_ROOT): Promise<MockedStack> {
  const key = `${stack}::${viewsRoot}`;
  if (!built.has(key)) built.set(key, build(stack, viewsRoot));
  return built.get(key)!;
}

async function build(stack: "dev" | "prod", viewsRoot: string): Promise<MockedStack> {
  const mocks = await useMocks(stack);
  const config = loadStackConfig(stack);
  const platform = new LakehousePlatform(
    config.prefix,
    { config, sourceRoot: REPO_ROOT, viewsDir: path.join(viewsRoot, "athena", "views") },
    { transformations: [optionRecorder(mocks)] },
  );
  await settle(mocks);
  return { mocks, platform };
}
