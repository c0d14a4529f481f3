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
import { hostname } from 'node:os';
import { DirectoryRefresher } from './jobs/directory-refresher';
import { DraftJanitor } from './jobs/draft-janitor';
import { OutboxDispatcher } from './jobs/outbox-dispatcher';
import { NotificationViews } from './teams/notification-views';
import { TeamsMessenger } from './teams/teams-messenger';
import { YamlDirectory } from './directory/yaml-directory';
import { ReportingService } from './services/reporting-service';
import { ReportViews } from './teams/report-views';
import { installTurnErrorHandler } from './teams/turn-error';
import { CaseScheduler } from './jobs/case-scheduler';
import { CaseService } from './services/case-service';
import { CaseViews } from './teams/case-views';
import { LagesbildService } from './services/lagesbild-service';

/** A composed, not yet listening, Trygg process. */
export interface Trygg {
  readonly config: Config;
  readonly store: Store;
  readonly dispatcher: OutboxDispatcher;
  readonly janitor: DraftJanitor;
  /** Reads the organisation file again at an interval. */
  readonly refresher: DirectoryRefresher;
  readonly scheduler: CaseScheduler;
  /** Lägesbild, case lists, case lookup and export (coordinators, city security, managers). */
  readonly lagesbild: LagesbildService;
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
  const directory = new YamlDirectory(config.organisationFile);
  const store = openSqliteStore(config.store.sqlitePath);
  const renderer = new CardRenderer(path.join(projectDir(), 'cards'));
  const adapter = new TryggAdapter(config.bot);
  installTurnErrorHandler(adapter, { log, defaultLocale: config.defaultLocale });
  const caseViews = new CaseViews(renderer, directory);
  const notificationViews = new NotificationViews(renderer, caseViews);
  const o = config.outbox;
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const dispatcher = new OutboxDispatcher({
    store,
    directory,
    messenger: new TeamsMessenger({
      adapter,
      botAppId: config.bot?.appId ?? '',
      conversations: store.conversations,
      directory,
      views: notificationViews,
      defaultLocale: config.defaultLocale,
      timeoutMs: o.sendTimeoutMs,
    }),
    clock,
    random: Math.random,
    log,
    options: {
      owner,
      batchSize: 50,
      leaseMs: Math.max(o.leaseMs, o.sendTimeoutMs * 2),
      pollMs: o.pollMs,
      maxAgeMs: o.maxAgeMs,
      backoff: { baseMs: o.retryBaseMs, maxMs: o.retryMaxMs },
      limitMarginMs: o.marginMs,
      limits: {
        perConversationPerSecond: o.perConversationPerSecond,
        perConversationPer30s: o.perConversationPer30s,
        perTenantPerSecond: o.perTenantPerSecond,
      },
    },
  });
  const reporting = new ReportingService({
    store,
    directory,
    draftTtlDays: config.draftTtlDays,
    casePolicy: config.cases,
    clock,
    newId: randomUUID,
    onNotificationsQueued: () => dispatcher.wake(),
  });
  const cases = new CaseService({
    store,
    directory,
    casePolicy: config.cases,
    clock,
    onNotificationsQueued: () => dispatcher.wake(),
  });
  const lagesbild = new LagesbildService({
    store,
    directory,
    clock,
    suppressionThreshold: config.suppressionThreshold,
  });
  const scheduler = new CaseScheduler({
    store,
    directory,
    policy: config.cases,
    clock,
    log,
    owner,
    pollMs: config.schedulerPollMs,
    leaseMs: 5 * 60_000,
    onNotificationsQueued: () => dispatcher.wake(),
  });
  const app = createApp({
    adapter,
    storage: new BotStateStorage(store.state),
    renderer,
    reporting,
    reportViews: new ReportViews(renderer, directory, config.draftTtlDays),
    conversations: store.conversations,
    cases,
    caseViews,
    notificationViews,
    lagesbild,
    directory,
    clock,
    defaultLocale: config.defaultLocale,
    botAppId: config.bot?.appId,
    log,
  });
  const janitor = new DraftJanitor(store.drafts, clock, log, 60 * 60_000);
  const refresher = new DirectoryRefresher(directory, log, config.directoryRefreshMs);
  const endpoint = createActivityEndpoint({ adapter, app, queue: new ConversationQueue(), log });
  const http = new HttpServer({
    endpoint,
    checkStore: () => store.ping(),
    readiness: async () => ({ outbox: await store.outbox.stats() }),
    maxBodyBytes: config.maxBodyBytes,
    log,
  });
  let stopping: Promise<void> | undefined;
  return {
    config,
    store,
    dispatcher,
    janitor,
    scheduler,
    refresher,
    lagesbild,
    listen: async () => {
      const address = await http.listen(config.host, config.port);
      dispatcher.start();
      janitor.start();
      scheduler.start();
      refresher.start();
      return address;
    },
    stop: () =>
      (stopping ??= (async () => {
        refresher.stop();
        const clean = await http.drain(config.shutdownTimeoutMs);
        await scheduler.stop();
        await dispatcher.stop(config.shutdownTimeoutMs);
        janitor.stop();
        if (!clean) log.warn('shutdown.timeout', { timeoutMs: config.shutdownTimeoutMs });
        await store.close();
      })()),
  };
}
