import { httpJsonPlugin } from './http-json-module.js';

export { HttpJsonEndpointsSchema, type HttpJsonEndpoints } from './http-json-config.js';
export default httpJsonPlugin;
