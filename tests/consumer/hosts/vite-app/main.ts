// A Vite app with no configuration at all (no optimizeDeps, no plugins): the package must work as installed.
import '../shared/exercise';
