import { strict as assert } from 'node:assert';

/** Walks a card and returns every element (body items, columns, actions, show cards). */
export function elements(node: any): any[] {
  const out: any[] = [];
  const visit = (n: any) => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    if (typeof n.type === 'string') out.push(n);
    for (const key of ['body', 'items', 'columns', 'actions', 'card', 'inlines']) if (n[key]) visit(n[key]);
  };
  visit(node);
  return out;
}

/** The input with this id. */
export function input(card: any, id: string): any {
  const found = elements(card).find((e) => e.id === id);
  assert.ok(found, `card has input ${id}`);
  return found;
}

/** The Action.Execute with this verb. */
export function action(card: any, verb: string): any {
  const found = elements(card).find((e) => e.type === 'Action.Execute' && e.verb === verb);
  assert.ok(found, `card has action ${verb}; it has ${elements(card).filter((e) => e.verb).map((e) => e.verb).join(', ')}`);
  return found;
}

/** All visible text of a card (TextBlocks, TextRuns, facts, labels, titles, values). */
export function text(card: any): string {
  return elements(card)
    .flatMap((e) => [
      e.text,
      e.label,
      e.title,
      e.value,
      e.placeholder,
      ...(e.facts ?? []).flatMap((f: any) => [f.title, f.value]),
      ...(e.choices ?? []).map((c: any) => c.title),
    ])
    .filter((t) => typeof t === 'string')
    .join('\n');
}

/** The card in an invoke response (asserting it is one). */
export function invokeCard(res: { status: number; body: any }): any {
  assert.equal(res.status, 200);
  assert.equal(res.body?.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(res.body).slice(0, 300));
  return res.body.value;
}

/** The message text in an invoke response that left the card unchanged. */
export function invokeMessage(res: { status: number; body: any }): string {
  assert.equal(res.status, 200);
  assert.equal(res.body?.type, 'application/vnd.microsoft.activity.message', JSON.stringify(res.body).slice(0, 300));
  return res.body.value;
}

/** The Adaptive Card of a message the bot sent. */
export function sentCard(call: { activity: any }): any {
  const attachment = call.activity.attachments?.[0];
  assert.equal(attachment?.contentType, 'application/vnd.microsoft.card.adaptive');
  return attachment.content;
}

/** The value of the last fact with this title (on a case card the handling facts come last). */
export function fact(card: any, title: string): string | undefined {
  return elements(card)
    .flatMap((e) => e.facts ?? [])
    .filter((f: any) => f.title === title)
    .at(-1)?.value;
}

/** The commands a case card offers, in order. */
export function caseCommands(card: any): string[] {
  return elements(card)
    .filter((e) => e.type === 'Action.Execute' && e.data?.command)
    .map((e) => e.data.command);
}

/** The Action.Execute of a case command (a form opener or a one-click action). */
export function caseButton(card: any, command: string): any {
  const found = elements(card).find((e) => e.type === 'Action.Execute' && e.data?.command === command);
  assert.ok(found, `card has a ${command} button; it has ${caseCommands(card).join(', ')}`);
  return found;
}

/** The incident versions a card's actions would act on (one, on an up-to-date card). */
export function cardVersions(card: any): number[] {
  return [...new Set(elements(card).filter((e) => e.data?.version !== undefined).map((e) => Number(e.data.version)))];
}
