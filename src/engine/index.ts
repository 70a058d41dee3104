/**
 * The engine's public surface: run a backtest, validate and serialise a configuration, and the
 * types of what goes in and comes out. Imports nothing from the browser.
 */
export { runBacktest, isRunConfig, type BacktestInput } from './run';
export { validateConfig, configToJson } from './config';
// Reading a configuration file without silent choices (duplicate keys refused, with their key path).
export { parseJsonStrict, findDuplicateKeys, type DuplicateKey } from '../data/json';
export { toSnakeKey } from './naming';
export { Dec, toDec } from './decimal';
export { METRIC_DEFINITIONS } from './metrics';
export type * from './types';
