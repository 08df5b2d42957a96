import { systemApiPlugin } from './system-api-module.js';

export default systemApiPlugin;
