/** @djchain/web: the web app's server side (static files, API forwarding, build). The app is src/app. */
export { buildWeb } from './build.ts';
export { INITIAL_JS_BUDGET_KIB, initialJsKbGz } from './initial-js.ts';
export {
  type AppConfig,
  configFromGenesisFile,
  DIST_DIR,
  serveWeb,
  WebError,
  type WebServer,
  type WebServerOptions,
} from './server.ts';
