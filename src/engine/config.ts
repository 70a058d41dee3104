/**
 * Validating the run configuration (../shared/spec/config.md): every rule, unknown keys rejected,
 * every problem reported together, each naming the key path, the value and what was expected.
 * STUB: being implemented.
 */
import type { RunConfig } from './types';

/** Validates a run configuration as given (JSON) and returns the typed form the engine uses. */
export function validateConfig(input: unknown): RunConfig {
  void input;
  throw new Error('validateConfig: not implemented yet');
}

/** The canonical JSON of a validated configuration (money as strings); validating it yields the same config. */
export function configToJson(config: RunConfig): Record<string, unknown> {
  void config;
  throw new Error('configToJson: not implemented yet');
}
