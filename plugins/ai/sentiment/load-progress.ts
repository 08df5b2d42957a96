/** One progress event of transformers.js `progress_callback` (the fields this plugin reads). */
export interface TransformersProgressEvent {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
}

/**
 * Sums transformers.js per-file progress events into one figure for a model: bytes read so far
 * and the percentage of the bytes announced so far (files announce their size as they start).
 */
export class LoadProgress {
  private readonly files = new Map<string, { loaded: number; total: number }>();

  /** Records one event; returns the model's progress after it. */
  update(event: TransformersProgressEvent): { percent: number; bytes: number } {
    if (event.file !== undefined) {
      const file = this.files.get(event.file) ?? { loaded: 0, total: 0 };
      if (event.status === 'progress') {
        file.loaded = event.loaded ?? file.loaded;
        file.total = event.total ?? file.total;
      } else if (event.status === 'done') {
        file.loaded = Math.max(file.loaded, file.total);
        file.total = file.loaded;
      }
      this.files.set(event.file, file);
    }
    return this.current();
  }

  /** Progress so far. */
  current(): { percent: number; bytes: number } {
    let loaded = 0;
    let total = 0;
    for (const file of this.files.values()) {
      loaded += file.loaded;
      total += file.total;
    }
    return { percent: total === 0 ? 0 : Math.min(100, Math.round((loaded / total) * 1000) / 10), bytes: loaded };
  }
}
