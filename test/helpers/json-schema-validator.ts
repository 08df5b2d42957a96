import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsImport from 'ajv-formats';

// ajv-formats is CommonJS: under Node's ESM loader the default import is `module.exports`, typed as its `default`.
const addFormats = ((addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport) as unknown as (ajv: Ajv2020) => Ajv2020;

/** A JSON Schema 2020-12 validator (ajv) with the standard formats (date-time...), strict about schemas. */
export function jsonSchemaValidator(): Ajv2020 {
  return addFormats(new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }));
}
