import { PolicyPack } from "@pulumi/policy";
import { policies } from "./rules";

// `pulumi preview --policy-pack policy` (or `pulumi up --policy-pack policy`) runs these rules on the real stack.
new PolicyPack("fhirlake-security", { policies });
