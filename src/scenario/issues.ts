/**
 * Issues of scenario input (the type and printer live in ../issues.ts, re-exported here) and the
 * error library entry points throw when a scenario cannot proceed.
 */
import { formatIssue, type Issue } from "../issues.js";

export { formatIssue, pathToString, type Issue, type PathSegment } from "../issues.js";

/** Thrown by library entry points that cannot proceed; carries every issue found. */
export class ScenarioError extends Error {
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "ScenarioError";
    this.issues = issues;
  }
}
