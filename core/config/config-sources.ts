/** Where each value of the merged configuration came from, so errors can name the file. */
export class ConfigSources {
  private readonly layers: { label: string; value: unknown }[] = [];

  /** Adds a layer; later layers win, as in the merge. */
  add(label: string, value: unknown): void {
    this.layers.push({ label, value });
  }

  /**
   * The label of the last layer that sets `path`, e.g. `config/local.json`; when no layer sets it
   * (a missing required key), the last layer that sets its nearest parent.
   */
  describe(path: readonly (string | number)[]): string {
    for (let depth = path.length; depth >= 1; depth--) {
      const prefix = path.slice(0, depth);
      for (let i = this.layers.length - 1; i >= 0; i--) {
        if (hasPath(this.layers[i]!.value, prefix)) return this.layers[i]!.label;
      }
    }
    return this.layers[0]?.label ?? 'config';
  }
}

function hasPath(value: unknown, path: readonly (string | number)[]): boolean {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, key)) return false;
    current = (current as Record<string | number, unknown>)[key];
  }
  return true;
}
