// @custom-elements-manifest/analyzer: the <status-drawer> manifest, generated from the class's JSDoc
// (npm run build:manifest) into web-components/status-drawer/custom-elements.json, committed and served.
export default {
  globs: ['web-components/status-drawer/status-drawer.component.ts', 'web-components/status-drawer/status-drawer.ts'],
  // CEM_OUTDIR (relative to the project): where the manifest test writes a fresh one to compare.
  outdir: process.env.CEM_OUTDIR ?? 'web-components/status-drawer',
  litelement: true,
  packagejson: false,
};
