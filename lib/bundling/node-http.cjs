// The bundles' `node:http` (see lib/mint-hub-function.ts, CJS_BUILTINS): the module itself, without an ES namespace.
module.exports = process.getBuiltinModule('node:http');
