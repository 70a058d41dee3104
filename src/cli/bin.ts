#!/usr/bin/env node
/**
 * The `backfolio` command (package.json `bin`, built into dist-cli/ by scripts/build-cli.mjs).
 * `--help` is answered from the argument parser alone; the engine, the parsers and the writers are
 * loaded only for a run (and the workbook and PDF libraries only when those formats are asked
 * for), so the help prints as soon as Node has started.
 */
import { parseArgs, USAGE } from './args';

const argv = process.argv.slice(2);

// `backfolio --help | head` closes the pipe early: that ends the output, it is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

/** True when the arguments ask for the help text (a mistake is reported by the full run instead). */
function wantsHelp(args: readonly string[]): boolean {
  try {
    return parseArgs(args).help;
  } catch {
    return false;
  }
}

if (wantsHelp(argv)) {
  process.stdout.write(`${USAGE}\n`);
} else {
  const { main } = await import('./main');
  process.exitCode = await main(argv);
}
