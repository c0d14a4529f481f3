/**
 * Composition root: configuration → store → bot state → teams app → HTTP server.
 * The only place that chooses implementations; everything else receives what it needs.
 */
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { HttpServer } from './http/server';
import type { Logger } from './log';
import { projectDir } from './project-paths';
import type { Store } from './store/ports';
import { openSqliteStore } from './store/sqlite/sqlite-store';
import { createActivityEndpoint } from './teams/activity-endpoint';
import { createApp } from './teams/app';
import { BotStateStorage } from './teams/bot-state-storage';
import { CardRenderer } from './teams/card-renderer';
import { ConversationQueue } from './teams/conversation-queue';
import { TryggAdapter } from './teams/trygg-adapter';
import { randomUUID } from 'node:crypto';
import { loadOrganisationFile } from './directory/yaml-organisation';
import { ReportingService } from './services/reporting-service';
import { ReportViews } from './teams/report-views';
import { installTurnErrorHandler } from './teams/turn-error';

/** A composed, not yet listening, Trygg process. */
export interface Trygg {
  readonly config: Config;
  readonly store: Store;
  /** Binds the configured host and port. */
  listen(): Promise<AddressInfo>;
  /** Stops accepting, finishes turns in progress, closes the store. */
  stop(): Promise<void>;
}

/**
 * Wires one Trygg process from its configuration.
 *
 * @param config - validated configuration
 * @param log - the process logger
 * @returns the composed process
 */
export function composeTrygg(config: Config, log: Logger, clock: () => Date = () => new Date()): Trygg {
  const organisation = loadOrganisationFile(config.organisationFile);
  const store = openSqliteStore(config.store.sqlitePath);
  const reporting = new ReportingService({
    store,
    organisation,
    draftTtlDays: config.draftTtlDays,
    clock,
    newId: randomUUID,
  });
  const renderer = new CardRenderer(path.join(projectDir(), 'cards'));
  const adapter = new TryggAdapter(config.bot);
  installTurnErrorHandler(adapter, { log, defaultLocale: config.defaultLocale });
  const app = createApp({
    adapter,
    storage: new BotStateStorage(store.state),
    renderer,
    reporting,
    reportViews: new ReportViews(renderer, organisation, config.draftTtlDays),
    defaultLocale: config.defaultLocale,
    botAppId: config.bot?.appId,
  });
  const endpoint = createActivityEndpoint({ adapter, app, queue: new ConversationQueue(), log });
  const http = new HttpServer({ endpoint, checkStore: () => store.ping(), maxBodyBytes: config.maxBodyBytes, log });
  let stopping: Promise<void> | undefined;
  return {
    config,
    store,
    listen: () => http.listen(config.host, config.port),
    stop: () =>
      (stopping ??= (async () => {
        const clean = await http.drain(config.shutdownTimeoutMs);
        if (!clean) log.warn('shutdown.timeout', { timeoutMs: config.shutdownTimeoutMs });
        await store.close();
      })()),
  };
}
