/**
 * Node's built-in modules for code that also runs in a page or a worker. They are reached
 * through `process.getBuiltinModule` (Node ≥ 20.16) rather than `import('node:…')`, so a
 * browser bundler of this code or of the package has no `node:` import to resolve.
 */

type GetBuiltinModule = (id: string) => unknown;

const getBuiltinModule: GetBuiltinModule | undefined = (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } }).process?.getBuiltinModule;

/** True in Node (≥ 20.16), where `findNodeBuiltin` can load modules; checking loads nothing. */
export const hasNodeBuiltins = typeof getBuiltinModule === 'function';

/** The built-in module `id` (`'node:fs'`, …), loaded on this call; `undefined` outside Node. */
export function findNodeBuiltin<T>(id: string): T | undefined {
  return getBuiltinModule?.(id) as T | undefined;
}
