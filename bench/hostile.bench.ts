/**
 * Issue 15.3: the corpus inputs that once hung the engine (prices of 1e-70 … 1e-300, FX-converted
 * ones, values growing past float64), timed one by one with the ratio to the good control run.
 * Before the fix they never finished; the figures show their work no longer grows with the
 * magnitude of the numbers.
 */
import { loadCases, runCase } from '../tests/hardening/bad-cases';

/** Prints the time of each once-hanging case and of the control run. */
export async function bench(): Promise<void> {
  const cases = loadCases().filter((c) => c.isolate === true || c.id === 'control-good-run');
  const timings = new Map<string, number>();
  for (const c of cases) {
    runCase(c, true); // warm-up (module loading, JIT)
    const start = performance.now();
    for (let i = 0; i < 3; i++) runCase(c, true);
    timings.set(c.id, (performance.now() - start) / 3);
  }
  const control = timings.get('control-good-run') ?? 1;
  for (const [id, ms] of timings) console.log(`${id.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms  ×${(ms / control).toFixed(1)} the control run`);
}
