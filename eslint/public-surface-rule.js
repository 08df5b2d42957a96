// Lint rule: plugins reach core through core/index.js only, and other plugins through their index.js
// only (their tokens and public types, never their implementation); an example package reaches
// nothing outside its own folder (it imports the published `crypto-datasource` surface).
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const PLUGIN_FOLDER = /^(plugins\/[^/]+\/[^/]+)\//;
const EXAMPLE_FOLDER = /^(examples\/[^/]+)\//;
const FIXTURE_PLUGIN = /^test\/fixtures\/plugins\//;
const INDEX = /\/index\.(js|ts)$/;

/** Where a relative import points, relative to the project root, with `/` separators. */
function targetOf(file, specifier) {
  return relative(ROOT, resolve(dirname(file), specifier)).split(sep).join('/');
}

/** Why `target` may not be imported from `from`, or undefined when it may. */
function violation(from, target) {
  const example = EXAMPLE_FOLDER.exec(from);
  if (example !== null) return target.startsWith(`${example[1]}/`) ? undefined : 'outside';
  if (target.startsWith('core/') && target !== 'core/index.js' && target !== 'core/index.ts') return 'core';
  const own = PLUGIN_FOLDER.exec(from)?.[1];
  const other = PLUGIN_FOLDER.exec(target)?.[1];
  if (other !== undefined && other !== own && !INDEX.test(target)) return 'plugin';
  return undefined;
}

export const publicSurfaceRule = {
  meta: {
    type: 'problem',
    docs: { description: 'plugins import core and other plugins only through their public index' },
    schema: [],
    messages: {
      core: 'Import core through its public surface ("{{core}}"), not "{{specifier}}".',
      plugin: 'Import another plugin through its index.js (its tokens and types), not its implementation "{{specifier}}".',
      outside: 'An example package imports only its own files and the published "crypto-datasource" package, not "{{specifier}}".',
    },
  },
  create(context) {
    const from = relative(ROOT, context.filename).split(sep).join('/');
    const applies = PLUGIN_FOLDER.test(from) || from.startsWith('plugins/') || FIXTURE_PLUGIN.test(from) || EXAMPLE_FOLDER.test(from);
    if (!applies) return {};
    const check = (source) => {
      if (source === null || source === undefined || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const reason = violation(from, targetOf(context.filename, source.value));
      if (reason === undefined) return;
      const core = relative(dirname(context.filename), resolve(ROOT, 'core/index.js')).split(sep).join('/');
      context.report({ node: source, messageId: reason, data: { specifier: source.value, core } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source.type === 'Literal' ? node.source : null),
    };
  },
};
