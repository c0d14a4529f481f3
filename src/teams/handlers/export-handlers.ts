/**
 * `export [period] [förvaltning]`: the CSV for the annual follow-up, delivered as a file in the
 * person's personal chat (a file consent card, then an upload to their OneDrive). The consent card
 * carries only the period and the district asked for; when the person accepts, the export is made
 * again for the person behind that invoke, with their access checked again, and uploaded. So no
 * file waits in memory, and any bot process can finish the upload.
 */
import type { FileConsentCardResponse, TurnContext } from 'botbuilder';
import type { Directory } from '../../directory/directory';
import { MessageFactory } from 'botbuilder';
import type { Locale } from '../../config';
import { exportCsv } from '../../domain/export-csv';
import type { Organisation } from '../../domain/organisation';
import { MAX_PERIOD_DAYS, type Period } from '../../domain/period';
import { stockholmDate } from '../../domain/stockholm-instant';
import { translate } from '../../i18n/translator';
import type { Logger } from '../../log';
import type { LagesbildService } from '../../services/lagesbild-service';
import { parseCoordinatorCommand } from '../coordinator-commands';
import { fileConsentCard, fileInfoCard, isAllowedUploadUrl, uploadFile } from '../file-consent';
import type { MergingTurnState } from '../merging-turn-state';
import { isPersonalChat, turnActor } from '../turn-actor';
import { turnLocale } from '../turn-locale';
import { periodProblem } from './lagesbild-handlers';

/** What the export handlers need. */
export interface ExportHandlerDeps {
  lagesbild: LagesbildService;
  directory: Directory;
  clock: () => Date;
  defaultLocale: Locale;
  log: Pick<Logger, 'warn'>;
  /** Sends the bytes to the upload session (replaceable in tests). */
  upload?: (url: string, bytes: Buffer) => Promise<void>;
}

/** What the consent card carries: what was asked, never the file. */
interface ExportRequest {
  kind: 'trygg-export';
  from: string;
  to: string;
  label: string;
  districtId?: string;
}

const DAY_MS = 86_400_000;

/** The handlers, bound to their dependencies. */
export function exportHandlers(deps: ExportHandlerDeps) {
  const upload = deps.upload ?? uploadFile;
  const locale = (context: TurnContext) => turnLocale(context, deps.defaultLocale);

  /**
   * Makes the file for the person behind the turn, labelled by the turn's organisation snapshot;
   * undefined when they may not have it.
   */
  const makeFile = async (actorId: string, request: ExportRequest, organisation: Organisation) => {
    const period: Period = { from: new Date(request.from), to: new Date(request.to), label: request.label };
    const result = await deps.lagesbild.exportRows(actorId, { period, districtId: request.districtId });
    if (result.kind !== 'ok') return undefined;
    return { bytes: Buffer.from(exportCsv(result.rows, organisation), 'utf8'), count: result.rows.length };
  };

  return {
    /** `export …` typed in a chat: the consent card in personal chat, a pointer to it elsewhere. */
    request: async (context: TurnContext, _state: MergingTurnState): Promise<void> => {
      const l = locale(context);
      const organisation = deps.directory.current();
      const command = parseCoordinatorCommand(context.activity.text ?? '', organisation, deps.clock());
      const problem = periodProblem(command, organisation, l);
      if (problem) return void (await context.sendActivity(problem));
      if (command?.kind !== 'export') return;
      if (!isPersonalChat(context)) return void (await context.sendActivity(translate(l, 'export.personalOnly')));
      const actor = turnActor(context);
      const request: ExportRequest = {
        kind: 'trygg-export',
        from: command.period.from.toISOString(),
        to: command.period.to.toISOString(),
        label: command.period.label,
        ...(command.districtId ? { districtId: command.districtId } : {}),
      };
      const file = actor ? await makeFile(actor.id, request, organisation) : undefined;
      if (!file) return void (await context.sendActivity(translate(l, 'export.forbidden')));
      const description = translate(l, 'export.description', { label: describe(request, organisation), count: file.count });
      await context.sendActivity(MessageFactory.attachment(fileConsentCard(fileName(request, deps.clock()), description, file.bytes.length, { ...request })));
    },

    /** The person allowed the file: make it again for them, upload it, show it. */
    onAccept: async (context: TurnContext, _state: MergingTurnState, response: FileConsentCardResponse): Promise<void> => {
      const l = locale(context);
      const request = readRequest(response?.context);
      const uploadInfo = response?.uploadInfo;
      const actor = turnActor(context);
      if (!request || !uploadInfo || !isAllowedUploadUrl(uploadInfo.uploadUrl)) return void (await context.sendActivity(translate(l, 'export.invalid')));
      const file = actor ? await makeFile(actor.id, request, deps.directory.current()) : undefined;
      if (!file) return void (await context.sendActivity(translate(l, 'export.forbidden')));
      try {
        await upload(uploadInfo.uploadUrl, file.bytes);
      } catch (err) {
        deps.log.warn('export.upload_failed', { error: err instanceof Error ? err.name : typeof err });
        return void (await context.sendActivity(translate(l, 'export.failed')));
      }
      const done = MessageFactory.attachment(fileInfoCard(uploadInfo));
      done.text = translate(l, 'export.uploaded', { count: file.count });
      await context.sendActivity(done);
    },

    /** The person declined: nothing was saved. */
    onDecline: async (context: TurnContext, _state: MergingTurnState): Promise<void> => {
      await context.sendActivity(translate(locale(context), 'export.declined'));
    },
  };
}

/** Reads the consent card's context back (it came through the client: check every field). */
function readRequest(value: unknown): ExportRequest | undefined {
  const v = value as Partial<ExportRequest> | undefined;
  if (!v || v.kind !== 'trygg-export' || typeof v.from !== 'string' || typeof v.to !== 'string' || typeof v.label !== 'string') return undefined;
  const from = Date.parse(v.from);
  const to = Date.parse(v.to);
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to || to - from > (MAX_PERIOD_DAYS + 1) * DAY_MS) return undefined;
  if (v.districtId !== undefined && typeof v.districtId !== 'string') return undefined;
  return { kind: 'trygg-export', from: v.from, to: v.to, label: v.label.slice(0, 40), districtId: v.districtId };
}

/** `2026-Q3` or `2026-Q3, Södra förvaltningen`. */
function describe(request: ExportRequest, org: Organisation): string {
  const district = org.districts.find((d) => d.id === request.districtId);
  return district ? `${request.label}, ${district.name}` : request.label;
}

/** e.g. `trygg-export-sodra-2026-Q3.csv`; a rolling period gets today's date. */
function fileName(request: ExportRequest, now: Date): string {
  const rolling = /^\d+[dw]$/.test(request.label);
  const parts = ['trygg-export', request.districtId, request.label.replace('..', '-till-'), rolling ? stockholmDate(now) : undefined];
  return `${parts.filter(Boolean).join('-').replace(/[^A-Za-z0-9_-]/g, '_')}.csv`;
}
