// Bundled by esbuild (no plugins): `new URL('./assets/…', import.meta.url)` stays relative to the
// bundle, so the build copies node_modules/backfolio/dist-lib/assets/ next to it.
import '../shared/exercise';
