/** Resolved at build time to the handler file of the function being measured (bench/cold-start.ts). */
declare module 'naive-handler' {
  export const handler: unknown;
}
