import type { TemplateResult } from 'lit';

/** What one drawer section renders: a one-line summary for its header, and its body. */
export interface SectionView {
  summary: string;
  body: TemplateResult;
}
