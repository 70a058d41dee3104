import { describe, expect, it } from 'vitest';
import { DEFAULT_FORMATS, parseArgs, USAGE } from '../../src/cli/args';
import { BackfolioError } from '../../src/errors';

function usageError(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(BackfolioError);
    expect((error as BackfolioError).code).toBe('CLI_USAGE');
    return (error as BackfolioError).message;
  }
  throw new Error(`expected ${argv.join(' ')} to be rejected`);
}

describe('parseArgs', () => {
  it('reads every option, in both --key value and --key=value forms', () => {
    const args = parseArgs([
      '--config', 'run.json', '--prices=p.csv', '--fx', 'fx.csv', '--out', 'o',
      '--format', 'CSV, pdf,csv', '--template=compliance', '--prefix', 'my run', '--no-bom',
    ]);
    expect(args).toEqual({
      help: false, bom: false, config: 'run.json', prices: 'p.csv', fx: 'fx.csv', out: 'o',
      formats: ['csv', 'pdf'], template: 'compliance', prefix: 'my run',
    });
  });

  it('defaults: ./out, the default formats; template and BOM unset (detailed and on at export, unless a reproduced export recorded others); no args = bundled example', () => {
    const args = parseArgs([]);
    expect(args).toEqual({ help: false, out: 'out', formats: [...DEFAULT_FORMATS] });
  });

  it('--help wins over anything else', () => {
    expect(parseArgs(['--config', 'x', '--help']).help).toBe(true);
    expect(USAGE).toContain('--reproduce <metadata.json>');
  });

  it.each([
    [['--bogus'], 'unknown option "--bogus"'],
    [['run.json'], 'unexpected argument "run.json"'],
    [['--config'], '--config needs a value'],
    [['--config', '--prices', 'p.csv'], '--config needs a value'],
    [['--out='], '--out: got "", expected a value'],
    [['--out', 'a', '--out', 'b'], '--out given twice'],
    [['--format', 'csv,docx'], '--format: got "docx", expected a comma-separated list of csv, xlsx, pdf, json'],
    [['--template', 'fancy'], '--template: got "fancy", expected one of executive, detailed, compliance'],
    [['--config', 'run.json'], '--config needs --prices'],
    [['--prices', 'p.csv'], '--prices needs --config'],
    [['--fx', 'fx.csv'], '--fx needs --prices'],
    [['--example', 'sp500', '--config', 'c', '--prices', 'p'], '--example cannot be combined'],
    [['--reproduce', 'm.json', '--config', 'c'], 'leave out --config'],
  ])('rejects %j', (argv, message) => {
    const text = usageError(argv);
    expect(text).toContain(message);
    expect(text).toContain('(see --help)');
  });

  it('accepts --reproduce with or without --prices', () => {
    expect(parseArgs(['--reproduce', 'm.json']).reproduce).toBe('m.json');
    expect(parseArgs(['--reproduce', 'm.json', '--prices', 'p.csv']).prices).toBe('p.csv');
  });
});

describe('parseArgs: --from, --to, --sections (the export dialog\'s choices)', () => {
  it('reads a date range and sections, the sections in export order', () => {
    const args = parseArgs(['--example', 'sp500', '--from', '2010-01-04', '--to=2012-12-31', '--sections', 'monthly, summary']);
    expect(args.dateRange).toEqual({ from: '2010-01-04', to: '2012-12-31' });
    expect(args.sections).toEqual(['summary', 'monthly']);
    expect(parseArgs(['--to', '2012-12-31']).dateRange).toEqual({ to: '2012-12-31' });
  });

  it.each([
    [['--from', '2012-12-31', '--to', '2010-01-01'], '--from (2012-12-31) is after --to (2010-01-01): choose a --from date on or before the --to date.'],
    [['--from', '2021-02-30'], '--from (2021-02-30) is not a date: write it as YYYY-MM-DD'],
    [['--to', '31/12/2021'], '--to (31/12/2021) is not a date'],
    [['--sections', 'summary,dayly'], '--sections: "dayly" is not a section; choose from summary, daily'],
    [['--sections', ','], '--sections: choose at least one section.'],
  ])('refuses %j in plain words', (argv, message) => {
    const text = usageError(argv);
    expect(text).toContain(message);
    expect(text).not.toMatch(/dateRange|got "/);
  });

  it('--help says npm start serves the dashboard (it writes no files) and lists the new options', () => {
    expect(USAGE).not.toMatch(/npm start[^\n]*\.\/out/);
    expect(USAGE).toContain('npm start builds and serves the dashboard');
    for (const option of ['--from <date>', '--to <date>', '--sections <list>']) expect(USAGE).toContain(option);
  });
});
