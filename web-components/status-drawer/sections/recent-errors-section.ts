import { html } from 'lit';
import { formatAge } from '../format.js';
import type { RecentErrorView } from '../system-status.js';
import type { SectionView } from './section-view.js';

/** Recent Errors: grouped, with their count and the action the router took. Messages are text, never markup. */
export function recentErrorsSection(errors: readonly RecentErrorView[], now: number): SectionView {
  const total = errors.reduce((sum, group) => sum + group.count, 0);
  return {
    summary: errors.length === 0 ? 'none' : `${total} in ${errors.length} group${errors.length === 1 ? '' : 's'}`,
    body:
      errors.length === 0
        ? html`<p class="empty">No errors recorded.</p>`
        : html`<ul class="errors">
            ${errors.map((group) => html`<li class="error-group" data-provider=${group.provider}>
              <div class="row">
                <span class="name">${group.provider} · ${group.type}</span>
                <span part="badge" class="badge tone-error" title="occurrences">×${group.count}</span>
              </div>
              <p class="message">${group.message}</p>
              <p class="note">Action: ${group.action} · last ${formatAge(group.last_seen, now)}</p>
            </li>`)}
          </ul>`,
  };
}
