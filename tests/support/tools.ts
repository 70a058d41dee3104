/**
 * The external readers the tests use (Python with numpy/scipy/pandas/openpyxl, LibreOffice,
 * poppler). `.ci/run` installs them from Debian; a test never skips for a missing tool: it fails
 * with a message saying what to install, because a skipped check hides a defect.
 */
import { spawnSync } from 'node:child_process';

/** Debian's interpreter first: a pyenv `python3` earlier on PATH may lack Debian's packages. */
const PYTHON_CANDIDATES = ['/usr/bin/python3', 'python3'];

/**
 * A Python 3 that imports every module in `modules`; throws naming the Debian packages otherwise.
 *
 * @example
 * const python = requirePython(['numpy', 'pandas']);
 * execFileSync(python, ['script.py']);
 */
export function requirePython(modules: string[]): string {
  const probe = modules.length === 0 ? 'pass' : `import ${modules.join(', ')}`;
  for (const candidate of PYTHON_CANDIDATES) {
    if (spawnSync(candidate, ['-c', probe], { stdio: 'ignore' }).status === 0) return candidate;
  }
  const packages = modules.map((m) => `python3-${m}`).join(' ');
  throw new Error(`No python3 imports ${modules.join(', ')}: run .ci/run, or apt-get install -y ${packages}`);
}

/** The path of a command on PATH (`soffice`, `pdftoppm`), or a thrown error naming the Debian package. */
export function requireCommand(names: string[], debianPackage: string): string {
  for (const name of names) {
    const found = spawnSync('which', [name], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim() !== '') return found.stdout.trim();
  }
  throw new Error(`${names[0] ?? 'command'} is not installed: run .ci/run, or apt-get install -y ${debianPackage}`);
}
