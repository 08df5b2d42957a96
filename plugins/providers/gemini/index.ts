import { geminiPlugin } from './gemini-module.js';

export { GEMINI_DEFAULTS } from './gemini-defaults.js';
export default geminiPlugin;
