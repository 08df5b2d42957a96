import { css } from 'lit';

/** The dark theme's colours: for a dark system preference (unless the page asks light) and for `theme="dark"`. */
const darkPalette = css`
  --_bg: var(--status-drawer-background, #0d1117);
  --_fg: var(--status-drawer-color, #e6edf3);
  --_muted: var(--status-drawer-muted-color, #9198a1);
  --_border: var(--status-drawer-border-color, #30363d);
  --_surface: var(--status-drawer-surface, #161b22);
  --_accent: var(--status-drawer-accent, #4493f8);
  --_ok: var(--status-drawer-ok-color, #3fb950);
  --_warn: var(--status-drawer-warn-color, #d29922);
  --_error: var(--status-drawer-error-color, #f85149);
  --_info: var(--status-drawer-info-color, #4493f8);
`;

/** The drawer's styles: every colour, size and duration comes from a documented custom property. */
export const statusDrawerStyles = css`
  :host {
    --_bg: var(--status-drawer-background, #ffffff);
    --_fg: var(--status-drawer-color, #1b1f24);
    --_muted: var(--status-drawer-muted-color, #57606a);
    --_border: var(--status-drawer-border-color, #d0d7de);
    --_surface: var(--status-drawer-surface, #f6f8fa);
    --_accent: var(--status-drawer-accent, #0969da);
    --_ok: var(--status-drawer-ok-color, #1a7f37);
    --_warn: var(--status-drawer-warn-color, #9a6700);
    --_error: var(--status-drawer-error-color, #cf222e);
    --_info: var(--status-drawer-info-color, #0969da);
    --_width: var(--status-drawer-width, 400px);
    --_toggle-size: var(--status-drawer-toggle-size, 48px);
    --_duration: var(--status-drawer-duration, 280ms);
    --_z: var(--status-drawer-z-index, 2147483000);
    font-family: var(--status-drawer-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 14px;
    line-height: 1.4;
    color: var(--_fg);
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkPalette}
    }
  }

  :host([theme='dark']) {
    ${darkPalette}
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  button {
    font: inherit;
    color: inherit;
  }

  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }

  .toggle {
    position: fixed;
    top: 50%;
    right: 12px;
    transform: translateY(-50%);
    z-index: calc(var(--_z) + 1);
    width: var(--_toggle-size);
    height: var(--_toggle-size);
    border-radius: 50%;
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: 0 4px 14px rgb(0 0 0 / 25%);
    cursor: pointer;
    display: grid;
    place-items: center;
    transition: right var(--_duration) ease;
  }

  :host([open]) .toggle {
    right: calc(var(--_width) + 12px);
  }

  .toggle svg {
    width: 22px;
    height: 22px;
  }

  .health-dot {
    position: absolute;
    top: 2px;
    right: 2px;
    width: 12px;
    height: 12px;
    border-radius: 50%;
    border: 2px solid var(--_bg);
    background: var(--_muted);
  }

  .health-dot.tone-ok {
    background: var(--_ok);
  }
  .health-dot.tone-warn {
    background: var(--_warn);
  }
  .health-dot.tone-error {
    background: var(--_error);
  }

  .drawer {
    position: fixed;
    top: 0;
    right: 0;
    bottom: 0;
    z-index: var(--_z);
    width: min(var(--_width), 100vw);
    display: flex;
    flex-direction: column;
    background: var(--_bg);
    color: var(--_fg);
    border-left: 1px solid var(--_border);
    box-shadow: -8px 0 24px rgb(0 0 0 / 20%);
    transform: translateX(100%);
    visibility: hidden;
    transition:
      transform var(--_duration) ease,
      visibility 0s linear var(--_duration);
  }

  :host([open]) .drawer {
    transform: none;
    visibility: visible;
    transition:
      transform var(--_duration) ease,
      visibility 0s linear 0s;
  }

  .header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 12px 16px;
    border-bottom: 1px solid var(--_border);
  }

  .title {
    margin: 0;
    font-size: 16px;
    font-weight: 600;
    flex: 1;
  }

  .updated {
    display: block;
    font-size: 12px;
    font-weight: 400;
    color: var(--_muted);
  }

  .icon-button {
    border: 1px solid var(--_border);
    background: var(--_surface);
    border-radius: 6px;
    width: 32px;
    height: 32px;
    display: grid;
    place-items: center;
    cursor: pointer;
  }

  .icon-button svg {
    width: 16px;
    height: 16px;
  }

  .refreshing svg {
    animation: spin 0.8s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  .body {
    flex: 1;
    overflow-y: auto;
    padding: 8px 16px 24px;
  }

  .state-message {
    margin: 16px 0;
    padding: 12px;
    border-radius: 6px;
    border: 1px solid var(--_border);
    background: var(--_surface);
  }

  .state-message.error {
    border-color: var(--_error);
  }

  .state-message .message {
    word-break: break-word;
  }

  .spinner {
    display: inline-block;
    width: 14px;
    height: 14px;
    border: 2px solid var(--_border);
    border-top-color: var(--_accent);
    border-radius: 50%;
    vertical-align: -2px;
    margin-right: 6px;
    animation: spin 0.8s linear infinite;
  }

  .retry {
    margin-top: 8px;
    padding: 4px 12px;
    border-radius: 6px;
    border: 1px solid var(--_border);
    background: var(--_bg);
    cursor: pointer;
  }

  .section {
    border-bottom: 1px solid var(--_border);
  }

  .section-title {
    margin: 0;
    font-size: inherit;
  }

  .section-header {
    width: 100%;
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 10px 0;
    border: 0;
    background: none;
    cursor: pointer;
    text-align: left;
    font-weight: 600;
  }

  .section-header .summary {
    margin-left: auto;
    font-weight: 400;
    font-size: 12px;
    color: var(--_muted);
  }

  .chevron {
    width: 12px;
    height: 12px;
    flex: none;
    transition: transform var(--_duration) ease;
  }

  .section-header[aria-expanded='true'] .chevron {
    transform: rotate(90deg);
  }

  .section-body {
    display: grid;
    grid-template-rows: 0fr;
    visibility: hidden;
    transition:
      grid-template-rows var(--_duration) ease,
      visibility 0s linear var(--_duration);
  }

  .section.expanded .section-body {
    grid-template-rows: 1fr;
    visibility: visible;
    transition:
      grid-template-rows var(--_duration) ease,
      visibility 0s linear 0s;
  }

  .section-content {
    overflow: hidden;
    min-height: 0;
  }

  .section-content > :last-child {
    margin-bottom: 12px;
  }

  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  li {
    padding: 8px 0;
    border-top: 1px dashed var(--_border);
  }

  li:first-child {
    border-top: 0;
  }

  p {
    margin: 4px 0;
  }

  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 4px 12px;
  }

  .name {
    font-weight: 600;
  }

  .figures,
  .note {
    font-size: 12px;
    color: var(--_muted);
  }

  .message {
    white-space: pre-wrap;
    word-break: break-word;
  }

  .badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 1px 8px;
    border-radius: 999px;
    font-size: 12px;
    font-weight: 600;
    border: 1px solid currentColor;
  }

  .tone-ok {
    color: var(--_ok);
  }
  .tone-warn {
    color: var(--_warn);
  }
  .tone-error {
    color: var(--_error);
  }
  .tone-info {
    color: var(--_info);
  }
  .tone-muted {
    color: var(--_muted);
  }

  .share {
    display: flex;
    align-items: center;
    gap: 8px;
    margin-top: 4px;
  }

  .bar {
    flex: 1;
    height: 6px;
    border-radius: 3px;
    background: var(--_surface);
    border: 1px solid var(--_border);
    overflow: hidden;
  }

  .bar-fill {
    height: 100%;
    background: var(--_accent);
    transition: width var(--_duration) ease;
  }

  .share-value {
    font-size: 12px;
    min-width: 4.5em;
    text-align: right;
  }

  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 16px;
    margin: 4px 0;
  }

  .facts dt {
    color: var(--_muted);
  }

  .facts dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }

  .table {
    width: 100%;
    border-collapse: collapse;
    margin: 8px 0;
    font-size: 12px;
    font-variant-numeric: tabular-nums;
  }

  .table caption {
    text-align: left;
    font-weight: 600;
    padding-bottom: 4px;
  }

  .table th,
  .table td {
    padding: 2px 4px;
    text-align: right;
    border-bottom: 1px solid var(--_border);
  }

  .table th:first-child {
    text-align: left;
  }

  .trend {
    display: flex;
    align-items: center;
    gap: 8px;
    color: var(--_accent);
  }

  .trend .note {
    color: var(--_muted);
  }

  .empty {
    color: var(--_muted);
    font-style: italic;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  @media (prefers-reduced-motion: reduce) {
    .toggle,
    .drawer,
    :host([open]) .drawer,
    .chevron,
    .section-body,
    .section.expanded .section-body,
    .bar-fill {
      transition: none;
    }

    .spinner,
    .refreshing svg {
      animation: none;
    }
  }
`;
