import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig } from "./config/load-config";

// The Pulumi program: load and validate config/<stack>.json before any resource is declared.
const config = loadStackConfig(pulumi.getStack());

export const environment = config.environment;
