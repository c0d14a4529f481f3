import { strict as assert } from 'node:assert';
import { stockholmLocal } from '../../src/domain/local-time';
import type { Locator, Page } from 'playwright-core';
import sv from '../../src/i18n/sv.json';
import { cardWith, optionsOf, screenshot, walkThrough, type PlaygroundSession } from './playground-session';
import { fillStep1, fillStep2, fillStep3, nextStep, REPORT_DESCRIPTION as DESCRIPTION, sendReport, startReport } from './report-steps';

/** Today's date and the current time in Sweden, as the bot's defaults show them (YYYY-MM-DD, HH:MM). */
function swedishNow(): { date: string; time: string } {
  const [date, time] = stockholmLocal(new Date()).split('T');
  return { date, time };
}

/** "November 23, 2026" (how the Playground's en-US DatePicker shows a date) → "2026-11-23". */
function isoDate(shown: string): string {
  const d = new Date(`${shown} 12:00 UTC`);
  assert.ok(!Number.isNaN(d.getTime()), `a date: ${shown}`);
  return d.toISOString().slice(0, 10);
}

/** "3:17 PM" (how the Playground's en-US TimePicker shows a time) → "15:17". */
function time24(shown: string): string {
  const m = /^(\d{1,2}):(\d{2})\s*([AP]M)$/i.exec(shown.trim());
  assert.ok(m, `a 12-hour time: ${shown}`);
  const hour = (Number(m[1]) % 12) + (m[3].toUpperCase() === 'PM' ? 12 : 0);
  return `${String(hour).padStart(2, '0')}:${m[2]}`;
}

function minutesApart(a: string, b: string): number {
  const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const d = Math.abs(min(a) - min(b));
  return Math.min(d, 1440 - d);
}

/** The value a Fluent combobox shows (an input for pickers, text for dropdowns). */
async function shownValue(combobox: Locator): Promise<string> {
  const tag = await combobox.evaluate((el) => el.tagName);
  return (tag === 'INPUT' ? await combobox.inputValue() : await combobox.innerText()).trim();
}

/** The Swedish titles of a choice list (`report.option.<list>.*`), in the order the cards offer them. */
function swedishChoices(list: string): string[] {
  const prefix = `report.option.${list}.`;
  return Object.entries(sv as Record<string, string>)
    .filter(([key]) => key.startsWith(prefix))
    .map(([, title]) => title);
}

describe('e2e: a complete report in Swedish in the Agents Playground', function () {
  this.timeout(240_000);
  let session: PlaygroundSession;
  let page: Page;
  let cardCount = 0;
  let defaults: { date: string; time: string };
  let caseNumber = '';
  walkThrough('report', {
    height: 2000, // tall enough that a whole report card fits on a screenshot
    started: (s) => {
      session = s;
      page = s.page;
    },
  });

  /**
   * Asserts that a drop-down list offers its own choices. When a card is replaced in place, the
   * Playground's Fluent combobox keeps the choices of a drop-down that stood at the same position
   * in the previous card (its React key is type + index unless the element has a "key").
   */
  async function assertOffers(card: Locator, label: string, expected: string[]): Promise<void> {
    const shown = await optionsOf(card, label);
    if (JSON.stringify(shown) !== JSON.stringify(expected)) {
      await card.getByRole('combobox', { name: label }).click();
      const name = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\W+/g, '-');
      await screenshot(page, `report-wrong-choices-${name}`);
      await page.keyboard.press('Escape');
    }
    assert.deepEqual(shown, expected, `"${label}" offers its own choices, not those of a drop-down in the previous card`);
  }

  /** Before each choice `fillStep1`/`fillStep2` makes: asserts the drop-down offers `offered[label]`, and notes the label in `checked`. */
  function checkingOffers(card: Locator, offered: Record<string, string[]>, checked: string[]) {
    return async (label: string) => {
      checked.push(label);
      await assertOffers(card, label, offered[label]);
    };
  }

  it('starts a report after "rapportera" in personal chat, with today and now as defaults', async () => {
    const before = swedishNow();
    const card = await startReport(page);
    const after = swedishNow();
    cardCount = await page.locator('.ac-adaptiveCard').count();
    const text = await card.innerText();
    assert.match(text, /Rapportera en händelse/);
    assert.match(text, /Vad hände\?/);

    // Input.Date and Input.Time render as Fluent pickers that show the value in the Playground's
    // (en-US) format; the bot's defaults are today's date and the time now in Sweden.
    const shownDate = await shownValue(card.getByRole('combobox', { name: 'Datum' }));
    const shownTime = await shownValue(card.getByRole('combobox', { name: 'Klockslag' }));
    defaults = { date: isoDate(shownDate), time: time24(shownTime) };
    assert.ok([before.date, after.date].includes(defaults.date), `date defaults to today: ${shownDate}`);
    assert.ok(minutesApart(defaults.time, after.time) <= 2, `time defaults to now in Sweden: ${shownTime}, now ${after.time}`);
    assert.equal(await shownValue(card.getByRole('combobox', { name: 'Enhet där det hände' })), 'Barn och unga Syd', 'own unit preselected');
    await screenshot(page, 'report-1-step1');
  });

  it('keeps step 1 and shows "Fyll i det här." when no form is chosen', async () => {
    const card = cardWith(page, 'Steg 1 av 3');
    await card.getByRole('button', { name: 'Nästa' }).click();
    const errors = cardWith(page, 'Något behöver rättas');
    await errors.waitFor();
    const text = await errors.innerText();
    assert.match(text, /Steg 1 av 3/, 'still step 1');
    assert.match(text, /Fyll i det här\./);
    // The first error is the one under the form checkboxes (before the purpose question).
    const formsError = text.indexOf('Fyll i det här.');
    assert.ok(formsError > text.indexOf('Annat') && formsError < text.indexOf('Uppfattade du'), 'the error sits under the forms');
    assert.equal(await page.locator('.ac-adaptiveCard').count(), cardCount, 'the card was replaced, not added');
    assert.equal(await errors.getByRole('checkbox', { name: 'Hot mot mig' }).isChecked(), false);
    await screenshot(page, 'report-2-step1-errors');
  });

  it('goes to step 2 after ticking forms, answering the purpose and choosing place and work area', async () => {
    const card = cardWith(page, 'Steg 1 av 3');
    const offered: Record<string, string[]> = {
      'Var eller hur hände det?': swedishChoices('place'),
      'Ditt verksamhetsområde': swedishChoices('workArea'),
    };
    const checked: string[] = [];
    await fillStep1(card, checkingOffers(card, offered, checked));
    assert.deepEqual(checked, Object.keys(offered), 'every drop-down of the step was checked');
    await assertOffers(card, 'Enhet där det hände', ['Barn och unga Syd', 'Ekonomiskt bistånd Syd']);
    assert.equal(await shownValue(card.getByRole('combobox', { name: 'Var eller hur hände det?' })), 'Reception');
    assert.equal(await shownValue(card.getByRole('combobox', { name: 'Ditt verksamhetsområde' })), 'Barn och unga');
    await screenshot(page, 'report-3-step1-filled');

    const step2 = await nextStep(card, 2);
    assert.match(await step2.innerText(), /Vem, och vad blev följden\?/);
    assert.equal(await cardWith(page, 'Steg 1 av 3').count(), 0, 'step 1 is gone');
    assert.equal(await page.locator('.ac-adaptiveCard').count(), cardCount, 'replaced in place');
    await screenshot(page, 'report-4-step2');
  });

  it('goes to step 3 after answering who did it and what followed', async () => {
    const card = cardWith(page, 'Steg 2 av 3');
    const offered: Record<string, string[]> = {
      'Vem utsatte dig? Ange roll, inte namn.': swedishChoices('perpetratorRole'),
      Polisanmälan: swedishChoices('policeIntent'),
    };
    const checked: string[] = [];
    await fillStep2(card, checkingOffers(card, offered, checked));
    assert.deepEqual(checked, Object.keys(offered), 'every drop-down of the step was checked');
    await screenshot(page, 'report-5-step2-filled');

    const step3 = await nextStep(card, 3);
    assert.equal(await page.locator('.ac-adaptiveCard').count(), cardCount, 'replaced in place');
    const text = await step3.innerText();
    assert.match(text, /Beskriv och skicka/);
    assert.match(text, /Skriv inte klienters namn eller personnummer/);
  });

  it('shows a summary of the answers on step 3 and sends the report with a typed description', async () => {
    const card = cardWith(page, 'Steg 3 av 3');
    const summary = await card.innerText();
    assert.match(summary, /Kontrollera innan du skickar/);
    for (const shown of [
      'Hot mot mig, Trakasserier',
      `${defaults.date} ${defaults.time}`,
      'Reception',
      'Barn och unga Syd',
      'Klient',
      'Jag vill ha hjälp att polisanmäla',
      'Att min chef kontaktar mig i dag, Avlastningssamtal',
    ]) {
      assert.ok(summary.includes(shown), `the summary shows "${shown}":\n${summary}`);
    }

    await fillStep3(card, DESCRIPTION);
    const description = card.getByRole('textbox', { name: 'Beskriv kort vad som hände' });
    assert.equal(await description.inputValue(), DESCRIPTION, 'the text box holds both typed lines');
    await screenshot(page, 'report-6-step3');

    const { caseNumber: filed, receipt: text } = await sendReport(card);
    caseNumber = filed;
    assert.match(caseNumber, /^\d{4}-0001$/, 'the first case of the year in a fresh file');
    assert.match(text, /De här får rapporten/);
    assert.match(text, /Din chef/);
    assert.match(text, /Förvaltningens säkerhetssamordnare/);
    assert.match(text, /Du har bett om hjälp med polisanmälan/);
    assert.ok(!text.includes('följde efter mig'), 'the receipt does not repeat the description');
    assert.equal(await cardWith(page, 'Steg 3 av 3').count(), 0, 'the form is gone');
    await screenshot(page, 'report-7-receipt');
  });

  it('stores the incident in the SQLite file with what was chosen and typed', () => {
    const stored = session.query<{ case_number: string; body: string }>('SELECT case_number, body FROM incidents ORDER BY case_number');
    assert.equal(stored.length, 1);
    assert.equal(stored[0].case_number, caseNumber);
    const incident = JSON.parse(stored[0].body);
    assert.equal(incident.caseNumber, caseNumber);
    assert.equal(incident.reporterId, '00000000-0000-0000-0000-0000000000020', 'Alex Wilber, the Playground user');
    assert.deepEqual(incident.report, {
      forms: ['threat-self', 'harassment'],
      purpose: 'yes',
      occurredAt: `${defaults.date}T${defaults.time}`,
      place: 'reception',
      workArea: 'children-youth',
      unitId: 'barn-unga-syd',
      perpetratorRole: 'client',
      recurrence: 'repeated',
      target: 'me',
      injuries: ['psychological'],
      weapon: 'no',
      perceivedSerious: 'no',
      policeIntent: 'want-help',
      support: ['manager-today', 'debriefing'],
      description: DESCRIPTION,
    });
    assert.doesNotMatch(session.output(), /"level":"(error|fatal)"/, 'no turn failed');
  });
});
