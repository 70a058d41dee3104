/** Versions written into every export's metadata, so a reader knows what produced it. */
export const APP_NAME = 'Backfolio';
export const APP_VERSION = '0.1.0';
/** Bumped whenever a change can alter any number the engine produces. */
export const ENGINE_VERSION = '1.0.0';
