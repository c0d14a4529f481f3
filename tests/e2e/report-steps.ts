/**
 * Filing a complete Swedish report in the Agents Playground's personal chat, step by step, as a
 * person clicks it. report.e2e.test.ts takes the steps one at a time, with its assertions in between;
 * the other walk-throughs file a report with `fileReport`.
 */
import type { Locator, Page } from 'playwright-core';
import { cardWith, chooseOption, openPersonalChat, say, screenshot } from './playground-session';

/** What the person types in step 3: two lines, Swedish letters, no names or personnummer. */
export const REPORT_DESCRIPTION =
  'En klient blev arg efter ett avslag och sa att hen vet var jag bor.\nHen följde efter mig till bilen.';

/** The radio button `option` of the question `question` (several questions offer "Ja" and "Nej"). */
export function radio(card: Locator, question: string, option: string): Locator {
  return card.getByRole('radiogroup', { name: question }).getByRole('radio', { name: option, exact: true });
}

/** Called with the label of a drop-down list before an option of it is chosen. */
export type BeforeChoosing = (label: string) => Promise<void>;

const nothing: BeforeChoosing = async () => undefined;

/** Step 1: threat against me and harassment, with a purpose to influence, at the reception. */
export async function fillStep1(card: Locator, beforeChoosing: BeforeChoosing = nothing): Promise<void> {
  await card.getByRole('checkbox', { name: 'Hot mot mig' }).check();
  await card.getByRole('checkbox', { name: 'Trakasserier' }).check();
  await radio(card, 'Uppfattade du att syftet var att påverka ditt arbete eller dina beslut?', 'Ja').check();
  await beforeChoosing('Var eller hur hände det?');
  await chooseOption(card, 'Var eller hur hände det?', 'Reception');
  await beforeChoosing('Ditt verksamhetsområde');
  await chooseOption(card, 'Ditt verksamhetsområde', 'Barn och unga');
}

/** Step 2: a client, again, at me; psychological harm, no weapon; help with the police report. */
export async function fillStep2(card: Locator, beforeChoosing: BeforeChoosing = nothing): Promise<void> {
  await beforeChoosing('Vem utsatte dig? Ange roll, inte namn.');
  await chooseOption(card, 'Vem utsatte dig? Ange roll, inte namn.', 'Klient');
  await radio(card, 'Har det hänt förut?', 'Det har hänt förut').check();
  await radio(card, 'Vem riktades det mot?', 'Mig personligen').check();
  await card.getByRole('checkbox', { name: 'Psykisk skada' }).check();
  await radio(card, 'Användes vapen eller tillhygge?', 'Nej').check();
  await radio(card, 'Upplever du händelsen som allvarlig, till exempel ett hot om att döda?', 'Nej').check();
  await beforeChoosing('Polisanmälan');
  await chooseOption(card, 'Polisanmälan', 'Jag vill ha hjälp att polisanmäla');
  await card.getByRole('checkbox', { name: 'Att min chef kontaktar mig i dag' }).check();
  await card.getByRole('checkbox', { name: 'Avlastningssamtal' }).check();
}

/** Step 3: types the description (with the keyboard, as a person does). */
export async function fillStep3(card: Locator, description: string): Promise<void> {
  await card.getByRole('textbox', { name: 'Beskriv kort vad som hände' }).click();
  await card.page().keyboard.type(description);
}

/** A report that was sent: the case number and the text of the receipt card. */
export interface FiledReport {
  caseNumber: string;
  receipt: string;
}

/** Opens "Personal Chat" and types "rapportera"; returns the card of step 1 once it is shown. */
export async function startReport(page: Page): Promise<Locator> {
  await openPersonalChat(page);
  await say(page, 'rapportera');
  const step1 = cardWith(page, 'Steg 1 av 3');
  await step1.waitFor();
  return step1;
}

/** Clicks "Nästa" on the card of a step; returns the card of step `step` once it is shown. */
export async function nextStep(card: Locator, step: 2 | 3): Promise<Locator> {
  await card.getByRole('button', { name: 'Nästa' }).click();
  const next = cardWith(card.page(), `Steg ${step} av 3`);
  await next.waitFor();
  return next;
}

/** Clicks "Skicka rapporten" on step 3; returns the case number and the text of the receipt. */
export async function sendReport(step3: Locator): Promise<FiledReport> {
  await step3.getByRole('button', { name: 'Skicka rapporten' }).click();
  const receipt = cardWith(step3.page(), 'Tack – din rapport är mottagen');
  await receipt.waitFor();
  const text = await receipt.innerText();
  const number = /Ärendenummer\s+(\d{4}-\d{4})/.exec(text);
  if (!number) throw new Error(`the receipt shows no case number:\n${text}`);
  return { caseNumber: number[1], receipt: text };
}

/**
 * Opens "Personal Chat", types "rapportera", fills the three steps and sends the report; returns
 * the case number from the receipt. With `screenshotPrefix`, saves a screenshot of every step.
 */
export async function fileReport(
  page: Page,
  options: { description?: string; screenshotPrefix?: string } = {},
): Promise<FiledReport> {
  const shot = async (name: string) => {
    if (options.screenshotPrefix) await screenshot(page, `${options.screenshotPrefix}-${name}`);
  };
  const step1 = await startReport(page);
  await fillStep1(step1);
  await shot('step1');

  const step2 = await nextStep(step1, 2);
  await fillStep2(step2);
  await shot('step2');

  const step3 = await nextStep(step2, 3);
  await fillStep3(step3, options.description ?? REPORT_DESCRIPTION);
  await shot('step3');

  const filed = await sendReport(step3);
  await shot('receipt');
  return filed;
}
