import type { Rule } from 'eslint';

/** The project's `public-surface` lint rule (see public-surface-rule.js). */
export declare const publicSurfaceRule: Rule.RuleModule;
