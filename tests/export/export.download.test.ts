import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadBytes } from '../../src/export/download';

describe('downloadBytes', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('clicks a temporary <a download> on an object URL, then removes it and revokes the URL', async () => {
    vi.useFakeTimers();
    const log: string[] = [];
    const anchor = {
      href: '',
      download: '',
      rel: '',
      style: { display: '' },
      click: () => log.push(`click ${anchor.href} ${anchor.download}`),
      remove: () => log.push('remove'),
    };
    let blob: Blob | undefined;
    vi.stubGlobal('document', {
      createElement: (tag: string) => {
        log.push(`create ${tag}`);
        return anchor;
      },
      body: { appendChild: () => log.push('append') },
    });
    vi.stubGlobal('URL', {
      createObjectURL: (b: Blob) => {
        blob = b;
        return 'blob:1';
      },
      revokeObjectURL: (u: string) => log.push(`revoke ${u}`),
    });
    downloadBytes(new Uint8Array([80, 75, 3, 4]), 'x_2025-01-01T00-00-00Z.zip', 'application/zip');
    expect(log).toEqual(['create a', 'append', 'click blob:1 x_2025-01-01T00-00-00Z.zip', 'remove']);
    vi.runAllTimers();
    expect(log.at(-1)).toBe('revoke blob:1');
    expect(blob?.type).toBe('application/zip');
    expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(new Uint8Array([80, 75, 3, 4]));
  });
});
