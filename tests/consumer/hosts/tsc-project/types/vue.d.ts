// The few Vue 3 signatures the composable uses, as Vue declares them: the `vue` package with its
// compiler is ~10 MB, too much to install for type-checking twenty lines.
declare module 'vue' {
  export interface Ref<T> {
    value: T;
  }
  export function ref<T>(value: T): Ref<T>;
  export function onScopeDispose(fn: () => void): void;
}
