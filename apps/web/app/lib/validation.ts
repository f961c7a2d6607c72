// Schemas in this app take `z` from here (ESLint refuses 'zod' elsewhere). It is the use cases' own `z`
// (@shequ/use-cases/schemas), with the error map that turns every issue a schema did not word itself into an i18n
// key under `validation.*`: the browser, the route and the use case give the same messages.
export { messageKeyErrorMap, splitMessage, VALIDATION_KEYS, z } from '@shequ/use-cases/schemas';
