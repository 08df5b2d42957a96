import { html, type TemplateResult } from 'lit';
import { formatPercent } from '../format.js';
import type { AiModelView, AiModelsView } from '../system-status.js';
import type { SectionView } from './section-view.js';

/** AI Models: whether transformers.js is loaded, and each model's state, progress or failure. */
export function aiModelsSection(section: AiModelsView): SectionView {
  const loaded = section.models.filter((model) => model.state === 'loaded').length;
  return {
    summary: `${loaded}/${section.models.length} loaded`,
    body: html`<p class="row">
        <span>Runtime</span>
        <span>${section.transformers_loaded ? `transformers.js loaded (${section.mode.toUpperCase()} mode)` : 'transformers.js not loaded'}</span>
      </p>
      ${section.models.length === 0
        ? html`<p class="empty">No models are configured.</p>`
        : html`<ul class="models">
            ${section.models.map((model) => html`<li class="model" data-model=${model.id} data-state=${model.state}>
              <div class="row"><span class="name">${model.id}${model.default ? ' (default)' : ''}</span></div>
              ${modelState(model, section.mode)}
            </li>`)}
          </ul>`}`,
  };
}

function modelState(model: AiModelView, mode: string): TemplateResult {
  switch (model.state) {
    case 'loaded':
      return html`<p class="state tone-ok"><span aria-hidden="true">●</span> Loaded (${mode.toUpperCase()} mode)${model.load_time_ms === null ? '' : ` in ${Math.round(model.load_time_ms)} ms`}</p>`;
    case 'loading': {
      const percent = model.progress_percent ?? 0;
      return html`<p class="state tone-info">Loading ${formatPercent(model.progress_percent)}</p>
        <div part="bar" class="bar" role="progressbar" aria-label="loading ${model.id}" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent}>
          <div class="bar-fill" style="width: ${percent}%"></div>
        </div>`;
    }
    case 'failed':
      return html`<p class="state tone-error"><span aria-hidden="true">✕</span> Failed: <span class="message">${model.failure_reason ?? 'no reason given'}</span></p>`;
    case 'unavailable':
      return html`<p class="state tone-muted"><span aria-hidden="true">○</span> Unavailable: <span class="message">${model.failure_reason ?? 'no reason given'}</span></p>`;
    default:
      return html`<p class="state tone-muted"><span aria-hidden="true">○</span> Not loaded</p>`;
  }
}
