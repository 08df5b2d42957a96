import { httpJsonPlugin } from './http-json-module.js';

export { HttpJsonEndpointsSchema, HttpJsonOptionsSchema, type HttpJsonEndpoints, type HttpJsonOptions } from './http-json-config.js';
export default httpJsonPlugin;
