/** Valid inputs for each step of the report, as the cards send them. */
export const STEP_WHAT = {
  forms: 'threat-self,harassment',
  purpose: 'yes',
  occurredDate: '2026-11-20',
  occurredTime: '14:30',
  place: 'reception',
  workArea: 'children-youth',
  unitId: 'barn-unga-syd',
};

export const STEP_WHO = {
  perpetratorRole: 'client',
  recurrence: 'repeated',
  target: 'me',
  injuries: 'psychological',
  weapon: 'no',
  perceivedSerious: 'no',
  policeIntent: 'want-help',
  support: 'manager-today,debriefing',
};

export const STEP_DESCRIBE = {
  description: 'En klient hotade mig i receptionen efter ett avslag och sa att hen vet var jag bor.',
};
