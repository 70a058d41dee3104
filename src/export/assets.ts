/**
 * The files the export layer loads at run time: the PDF fonts here, the export worker script in
 * worker-url.ts. Each is named by a literal `new URL('…', import.meta.url)`, the one form Vite,
 * webpack 5, Rollup (with an asset plugin), Parcel and esbuild all leave meaningful: bundlers emit
 * the file and rewrite the URL; esbuild and plain Rollup keep it relative to the bundle, so the
 * host copies `dist-lib/assets/` next to it. In this repository the URLs point at the sources (the
 * worker's `.ts`, the fonts in node_modules); the library build (vite.lib.config.ts) rewrites them
 * to the copies shipped in `dist-lib/assets/`, so the published package needs no bundler plugin.
 */
import type { FontFile } from './writer.types';

/**
 * File name of each font, as shipped in `dist-lib/assets/fonts/` and as looked up under
 * `FontSource.baseUrl`.
 */
export const FONT_FILE_NAMES: Readonly<Record<FontFile, string>> = {
  DejaVuSans: 'DejaVuSans.ttf',
  'DejaVuSans-Bold': 'DejaVuSans-Bold.ttf',
  DejaVuSansMono: 'DejaVuSansMono.ttf',
  NotoSansSC: 'NotoSansSC_400Regular.ttf',
};

/** Where a bundled font file is (a `file:` URL in Node, an asset URL in a page or worker). */
export function fontFileUrl(file: FontFile): URL {
  switch (file) {
    case 'DejaVuSans':
      return new URL('../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf', import.meta.url);
    case 'DejaVuSans-Bold':
      return new URL('../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf', import.meta.url);
    case 'DejaVuSansMono':
      return new URL('../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf', import.meta.url);
    case 'NotoSansSC':
      return new URL('../../node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf', import.meta.url);
  }
}
