/**
 * Property tests (fast-check) explore new random cases on every local run, but CI runs a fixed
 * sample so a landing never depends on luck. `FC_SEED=<n>` replays a seed a failure reported.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED ?? (process.env.CI ? '20261122' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
