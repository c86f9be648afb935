export * from './settings';
export * from './amazon-settings';
export * from './resource-settings';
export * from './dataset-settings';
export * from './ads-settings';

/** The process environment, read in one place. Entry files pass it to the `read*` functions once, at init. */
export const processEnvironment = (): Readonly<Record<string, string | undefined>> => process.env;
