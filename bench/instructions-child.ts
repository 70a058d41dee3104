/**
 * The process that bench/instructions.bench.ts runs under valgrind: builds the engine bench's
 * data, warms every scenario (engine and float64 floor) up, then runs one of them `runs` times:
 * `node instructions-child.mjs <engine|floor|none> <scenario index> <runs>`. The parent takes
 * differences of whole-process instruction counts, so set-up and warm-up cancel out.
 */
import { generateSyntheticPrices } from '../src/data/examples/synthetic';
import { runBacktest } from '../src/engine/run';
import { buildInput, SCENARIOS } from './engine.bench';
import { toFloatMatrix, walkInFloat64 } from './float64-walk';

const [mode = 'none', which = '0', count = '0'] = process.argv.slice(2);
const { prices } = generateSyntheticPrices({ assets: 40, start: '2015-01-01', end: '2024-12-31', calendar: 'business', seed: 7 });
const matrix = toFloatMatrix(prices);
const prepared = SCENARIOS.map((scenario) => {
  const input = buildInput(scenario, prices);
  const lookback = scenario.strategy === 'equal_weight' ? 0 : 60;
  return {
    engine: (): number => runBacktest(input).strategy.trades.length,
    floor: (): number => walkInFloat64({ ...matrix, capital: 1_000_000, costRate: 0.001, lookback }),
  };
});
let sink = 0;
for (let i = 0; i < 3; i++) {
  for (const { engine, floor } of prepared) {
    sink += engine();
    sink += floor();
  }
}
const chosen = prepared[Number(which)];
if (chosen === undefined) throw new Error(`no scenario ${which}`);
for (let i = 0; i < Number(count); i++) {
  if (mode === 'engine') sink += chosen.engine();
  else if (mode === 'floor') sink += chosen.floor();
}
if (!Number.isFinite(sink)) console.log('diverged');
