import { StatusDrawer } from './status-drawer.component.js';

export { StatusDrawer, STATUS_SECTIONS, type StatusDrawerRefreshDetail, type StatusDrawerToggleDetail, type StatusSectionKey } from './status-drawer.component.js';

if (!customElements.get('status-drawer')) customElements.define('status-drawer', StatusDrawer);

declare global {
  interface HTMLElementTagNameMap {
    'status-drawer': StatusDrawer;
  }
}
