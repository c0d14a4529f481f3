import { ALEX, cardAction, personalMessage, type Person } from './activities';
import { action, invokeCard, sentCard, text } from './cards';
import type { FakeConnector } from './fake-connector';
import { STEP_DESCRIBE, STEP_WHAT, STEP_WHO } from './report-fixtures';
import type { RunningTrygg } from './trygg-instance';

/**
 * Files the standard report in personal chat over the real HTTP pipeline, as a person clicking
 * through the three steps, and returns the case number on the receipt.
 *
 * @param bot - the running Trygg
 * @param connector - the fake Bot Connector the bot answers through
 * @param serviceUrl - the connector's URL
 * @param from - the reporter (Alex by default)
 * @returns the case number, e.g. `2026-0001`
 */
export async function fileReportOverHttp(bot: RunningTrygg, connector: FakeConnector, serviceUrl: string, from: Person = ALEX): Promise<string> {
  const o = { serviceUrl, from };
  await bot.post(personalMessage('rapportera', o));
  const step1 = sentCard(connector.messages(`a:personal-${from.aadObjectId}`).at(-1)!);
  const click = async (card: unknown, verb: string, inputs: object) =>
    invokeCard(await bot.post(cardAction(verb, { ...action(card, verb).data, ...inputs }, o)));
  const step2 = await click(step1, 'report.next', STEP_WHAT);
  const step3 = await click(step2, 'report.next', STEP_WHO);
  const receipt = await click(step3, 'report.submit', STEP_DESCRIBE);
  return /\d{4}-\d{4}/.exec(text(receipt))![0];
}
