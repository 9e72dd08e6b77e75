/** TEMPORARY (replaced by the dtao-math branch). */
import { halvingThresholdTao } from "../../supply/block-emission.js";
export function alphaBlockEmission(issuance_alpha: number): number {
  if (issuance_alpha >= 21e6) return 0;
  let k = 0;
  while (issuance_alpha >= halvingThresholdTao(k + 1)) k++;
  return Math.pow(2, -k);
}
export function alphaHalvingThreshold(issuance_alpha: number): number {
  if (issuance_alpha >= 21e6) return Infinity;
  let k = 0;
  while (issuance_alpha >= halvingThresholdTao(k + 1)) k++;
  return halvingThresholdTao(k + 1);
}
