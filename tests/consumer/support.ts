/**
 * Installing the package as a host would: build the library, `npm pack` it, install the tarball
 * into a fresh host folder holding the fixtures of tests/consumer/hosts/, and build the fixture
 * apps (a zero-config Vite app, an esbuild bundle). Shared by tests/consumer/consumer.test.ts and
 * bench/library.bench.ts. Installs use the npm cache first (`--prefer-offline`): every dependency
 * is one this repository already installed.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'node_modules', '.bin');
const HOSTS = join(ROOT, 'tests', 'consumer', 'hosts');

/** Total size of the files under `dir` (bytes), as `du --apparent-size` counts them. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

/** Every file under `dir`, relative, with `/` separators. */
export function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
}

/** The packed library: the tarball, the files it holds, and where it was built. */
export interface PackedLibrary {
  work: string;
  tarball: string;
  files: string[];
  libDir: string;
  tarballBytes: number;
}

/** Builds the library into a temporary folder and packs it (as `npm publish` would, without the prepack build). */
export function buildAndPack(): PackedLibrary {
  const work = mkdtempSync(join(tmpdir(), 'backfolio-consumer-'));
  const pkgDir = join(work, 'package');
  const libDir = join(pkgDir, 'dist-lib');
  mkdirSync(pkgDir, { recursive: true });
  execFileSync(join(BIN, 'tsx'), ['scripts/build-lib.ts'], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, BACKFOLIO_LIB_OUT: libDir } });
  for (const file of ['package.json', 'README.md', 'LICENSE']) cpSync(join(ROOT, file), join(pkgDir, file));
  const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], pkgDir)) as { filename: string; files: { path: string }[] }[];
  const entry = packed[0];
  if (!entry) throw new Error('npm pack printed nothing');
  const tarball = join(work, entry.filename);
  return { work, tarball, files: entry.files.map((f) => f.path), libDir, tarballBytes: statSync(tarball).size };
}

/** A host folder with the package installed and the fixtures copied in. */
export interface InstalledHost {
  dir: string;
  /** `node_modules` right after `npm install <tarball>` (nothing else installed). */
  nodeModulesBytes: number;
  packages: string[];
}

/** Installs the tarball into `<work>/host` (fixtures beside it), then the fixtures' own dev types. */
export function installHost(packed: PackedLibrary): InstalledHost {
  const dir = join(packed.work, 'host');
  mkdirSync(dir, { recursive: true });
  cpSync(HOSTS, dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'backfolio-consumer-host', private: true, type: 'module' }, null, 2)}\n`);
  npm(['install', '--prefer-offline', '--ignore-scripts', '--no-save', packed.tarball], dir);
  const nodeModules = join(dir, 'node_modules');
  const nodeModulesBytes = folderBytes(nodeModules);
  const packages = readdirSync(nodeModules).flatMap((name) => (name.startsWith('@') ? readdirSync(join(nodeModules, name)).map((n) => `${name}/${n}`) : name.startsWith('.') ? [] : [name]));
  // Only for type-checking the React example (tsc-project); not part of the host's footprint above.
  const reactTypes = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['@types/react'];
  npm(['install', '--prefer-offline', '--ignore-scripts', '--no-save', packed.tarball, `@types/react@${reactTypes ?? 'latest'}`], dir);
  return { dir, nodeModulesBytes, packages };
}

/** Builds the zero-config Vite app (`vite-app/`) with the repository's Vite; returns the output folder. */
export async function buildViteApp(host: InstalledHost): Promise<string> {
  const outDir = join(host.dir, 'vite-dist');
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  // Vitest runs with NODE_ENV=test; a host builds for production.
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: join(host.dir, 'vite-app'), configFile: false, logLevel: 'error', mode: 'production', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}

/** Bundles `esbuild-app/` with esbuild (ESM, code splitting) and copies the package's assets beside it. */
export async function buildEsbuildApp(host: InstalledHost): Promise<string> {
  const outDir = join(host.dir, 'esbuild-dist');
  rmSync(outDir, { recursive: true, force: true });
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: host.dir,
    entryPoints: { main: 'esbuild-app/main.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: outDir,
    logLevel: 'error',
  });
  cpSync(join(host.dir, 'esbuild-app', 'index.html'), join(outDir, 'index.html'));
  // What the README tells esbuild and plain-Rollup hosts to do.
  cpSync(join(host.dir, 'node_modules', 'backfolio', 'dist-lib', 'assets'), join(outDir, 'assets'), { recursive: true });
  return outDir;
}

/** Runs the repository's `tsc` on a fixture tsconfig; resolves to its output (rejects with it on errors). */
export function typeCheck(host: InstalledHost, project: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(join(BIN, 'tsc'), ['-p', join(host.dir, 'tsc-project', project)], { cwd: host.dir, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`tsc -p ${project} failed:\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Removes the temporary folder. */
export function cleanUp(packed: PackedLibrary | undefined): void {
  if (packed && existsSync(packed.work)) rmSync(packed.work, { recursive: true, force: true });
}

/** `1234567` → `1.2 MB`. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
