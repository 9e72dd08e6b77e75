/**
 * taosim: the public library API (notebooks and the CLI import only this).
 *
 *   loadScenario(file) → runScenario(loaded, {seed, horizonDays}) → result.network (DataFrame),
 *   result.tables (columnar), plots.*(result) → plotly figure specs, writeRunFolder(result, "runs"),
 *   await loadRun(folder) → manifest and tables read back from a run folder.
 */
export { loadScenario, runScenario, type RunResult, type RunScenarioOptions } from "./engine/run.js";
export { writeRunFolder, runId, writeTable, type RunFolderInput, type RunManifest } from "./runs/write.js";
export { loadRun, readTable, type LoadedRun } from "./runs/load.js";
export { simulate, type SimulateOptions, type SimulateOutput } from "./engine/simulate.js";
export { loadScenarioFile, type LoadedScenario } from "./scenario/load.js";
export { compileScenario, type CompiledScenario } from "./scenario/compile.js";
export { withOverrides, type Overrides } from "./scenario/override.js";
export { scenarioSchema, scenarioJsonSchema, type Scenario } from "./scenario/schema.js";
export { ScenarioError, formatIssue, type Issue } from "./scenario/issues.js";
export { blockEmissionRao, blockEmissionTao, halvingIndex, halvingThresholdTao, TOTAL_SUPPLY_TAO } from "./supply/block-emission.js";
export { SupplyClock } from "./supply/supply.js";
export { whitepaperTrust, type WhitepaperTrustOptions, type WhitepaperTrustResult } from "./legacy/whitepaper-trust.js";
export { halvingSchedule, type HalvingSchedule, type HalvingEvent } from "./supply/halvings.js";
export { AlphaClock, alphaHalvingSchedule, type AlphaHalvingSchedule, type AlphaHalvingEvent, type AlphaYearRow, type AlphaSupplyParams } from "./supply/alpha.js";
export { supplyPath, type SupplyPath, type SupplyPathQuery } from "./supply/projection.js";
export { supplyTargets, readSpecCsv, type TargetRow } from "./experiments/supply-targets.js";
export { aprRuleOfThumb, stakingReturns, validatorAprs, type StakingReturns, type ValidatorApr } from "./metrics/apr.js";
export { cartelEmissionCurve, type CartelCurveOptions, type CartelCurvePoint } from "./experiments/cartel-share.js";
export { NETWORK_COLUMNS } from "./network-columns.js";
export { column, numericColumn, textColumn, hasColumn, findColumn, type Table, type Column, type ColumnDef, type RunTables } from "./table.js";
export { tableToFrame, danfo, type DataFrame } from "./io/frame.js";
export { tableToCsv } from "./io/csv.js";
export {
  collusionRetention,
  honestEmissionShare,
  CollusionNetwork,
  readRetentionBaseline,
  retentionBaselinePath,
  findBaseline,
  type CollusionRetentionOptions,
  type CollusionRetentionResult,
  type CollusionRetentionSettings,
  type CollusionNetworkOptions,
  type RetentionPoint,
  type HonestEmission,
  type RetentionBaselineRow,
} from "./experiments/collusion-retention.js";
export { defaultScenarioPath, packageRoot } from "./paths.js";
export { VERSION } from "./version.js";
import * as plots from "./plots/figures.js";
export { plots };
