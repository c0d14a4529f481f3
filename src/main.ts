/**
 * Process entry: configuration, composition, listen, drain on SIGTERM/SIGINT.
 */
import { composeTrygg } from './compose';
import { ConfigError, loadConfig } from './config';
import { createLogger, describeError, maskConsoleSecrets } from './log';

async function main(): Promise<void> {
  maskConsoleSecrets(console);
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Trygg cannot start: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const trygg = composeTrygg(config, log);
  const address = await trygg.listen();
  log.info('listening', { host: address.address, port: address.port, mode: config.mode });
  if (config.mode === 'local' && config.unsafeAllowAnonymousOnNetwork) {
    log.warn('unsafe.anonymous_on_network', { host: config.host });
  }
  const shutdown = (signal: string) => {
    log.info('shutdown.start', { signal });
    trygg.stop().then(
      () => {
        log.info('shutdown.done');
        process.exit(0);
      },
      (err) => {
        log.error('shutdown.failed', describeError(err));
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`Trygg failed to start: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`);
  process.exit(1);
});
