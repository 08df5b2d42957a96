import { dashboardPlugin } from './dashboard-module.js';

export { DASHBOARD_BUNDLE_PATH } from './dashboard-routes.js';
export default dashboardPlugin;
