/** @djchain/web: the web app's server side (static files, API forwarding, build). The app is src/app. */
export { buildWeb } from './build.ts';
export {
  type AppConfig,
  configFromGenesisFile,
  DIST_DIR,
  serveWeb,
  WebError,
  type WebServer,
  type WebServerOptions,
} from './server.ts';
