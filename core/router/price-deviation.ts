/** True when `price` is further than `maxDeviationPercent` from `reference`. */
export function deviates(price: number, reference: number, maxDeviationPercent: number): boolean {
  return (Math.abs(price - reference) / reference) * 100 > maxDeviationPercent;
}
