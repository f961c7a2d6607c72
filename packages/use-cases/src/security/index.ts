// Passwords, tokens and the personal-data cipher (`@shequ/use-cases/crypto`): the building blocks use cases seal and
// check with; apps only create the cipher from their key.
export * from './password.ts';
export * from './token.ts';
export * from './personal-data.ts';
