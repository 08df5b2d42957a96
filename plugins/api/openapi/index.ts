import { openApiPlugin } from './openapi-module.js';

export { OpenApiContribution, type ApiOperation, type ApiResponse } from './openapi-contribution.js';
export { buildOpenApiDocument, jsonSchemaOf, ErrorBodySchema } from './openapi-document.js';
export default openApiPlugin;
