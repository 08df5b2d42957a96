import { statusDrawerPlugin } from './status-drawer-module.js';

export { STATUS_DRAWER_BUNDLE_PATH, CUSTOM_ELEMENTS_MANIFEST_PATH } from './status-drawer-routes.js';
export default statusDrawerPlugin;
