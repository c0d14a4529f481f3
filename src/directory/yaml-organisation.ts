/**
 * Loads the organisation from a YAML file and checks it, with errors that name the field.
 */
import * as fs from 'node:fs';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { District, Organisation, Unit } from '../domain/organisation';

/** Raised for an organisation file that cannot be used; the message names the file and field. */
export class OrganisationFileError extends Error {
  constructor(file: string, where: string, problem: string) {
    super(`${file}: ${where}: ${problem}`);
    this.name = 'OrganisationFileError';
  }
}

type Obj = Record<string, unknown>;

/**
 * Reads and validates an organisation file.
 *
 * @param file - path of the YAML file
 * @returns the organisation
 * @throws {@link OrganisationFileError} naming the first problem
 */
export function loadOrganisationFile(file: string): Organisation {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new OrganisationFileError(file, '(file)', 'cannot be read');
  }
  return parseOrganisation(text, file);
}

/**
 * Parses and validates organisation YAML.
 *
 * @param text - the YAML
 * @param file - name used in error messages
 * @returns the organisation
 */
export function parseOrganisation(text: string, file = 'organisation'): Organisation {
  const lines = new LineCounter();
  const parsed = parseDocument(text, { lineCounter: lines });
  const lineOf = (where: string): string => {
    const path = where.match(/[^.[\]]+/g)?.map((p) => (/^\d+$/.test(p) ? Number(p) : p)) ?? [];
    for (let n = path.length; n > 0; n--) {
      const node = parsed.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return ` (line ${lines.linePos(node.range[0]).line})`;
    }
    return '';
  };
  const fail = (where: string, problem: string): never => {
    throw new OrganisationFileError(file, `${where}${lineOf(where)}`, problem);
  };
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0];
    throw new OrganisationFileError(file, `(yaml) (line ${first.linePos?.[0].line ?? '?'})`, first.message.split('\n')[0]);
  }
  const doc: unknown = parsed.toJS();
  if (!isObj(doc)) return fail('(root)', 'must be a mapping');
  const people = isObj(doc.people) ? doc.people : fail('people', 'must map ids to names');
  const names: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [id, name] of Object.entries(people)) {
    if (typeof name !== 'string' || name.trim() === '') fail(`people.${id}`, 'must be a name');
    names[id] = String(name);
  }
  const person = (where: string, value: unknown): string =>
    typeof value === 'string' && Object.hasOwn(names, value) ? value : fail(where, `must be an id listed under people (got ${JSON.stringify(value)})`);
  const personList = (where: string, value: unknown): string[] =>
    value === undefined ? [] : Array.isArray(value) ? value.map((v, i) => person(`${where}[${i}]`, v)) : fail(where, 'must be a list');
  const id = (where: string, value: unknown): string =>
    typeof value === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(value) ? value : fail(where, 'must be a lower-case id (a-z, 0-9, -)');

  if (!Array.isArray(doc.districts) || doc.districts.length === 0) fail('districts', 'must be a non-empty list');
  const districts: District[] = [];
  const units: Unit[] = [];
  (doc.districts as unknown[]).forEach((d, i) => {
    const at = `districts[${i}]`;
    if (!isObj(d)) fail(at, 'must be a mapping');
    const district = d as Obj;
    const districtId = id(`${at}.id`, district.id);
    if (districts.some((x) => x.id === districtId)) fail(`${at}.id`, `duplicate district id ${districtId}`);
    districts.push({
      id: districtId,
      name: typeof district.name === 'string' ? district.name : fail(`${at}.name`, 'must be text'),
      coordinatorIds: personList(`${at}.coordinators`, district.coordinators),
    });
    if (!Array.isArray(district.units) || district.units.length === 0) fail(`${at}.units`, 'must be a non-empty list');
    (district.units as unknown[]).forEach((u, j) => {
      const uat = `${at}.units[${j}]`;
      if (!isObj(u)) fail(uat, 'must be a mapping');
      const unit = u as Obj;
      const unitId = id(`${uat}.id`, unit.id);
      if (units.some((x) => x.id === unitId)) fail(`${uat}.id`, `duplicate unit id ${unitId}`);
      units.push({
        id: unitId,
        name: typeof unit.name === 'string' ? unit.name : fail(`${uat}.name`, 'must be text'),
        districtId,
        managerId: person(`${uat}.manager`, unit.manager),
        deputyId: unit.deputy === undefined ? undefined : person(`${uat}.deputy`, unit.deputy),
        secondLineManagerId: unit.secondLineManager === undefined ? undefined : person(`${uat}.secondLineManager`, unit.secondLineManager),
        safetyRepresentativeId:
          unit.safetyRepresentative === undefined ? undefined : person(`${uat}.safetyRepresentative`, unit.safetyRepresentative),
        staffIds: personList(`${uat}.staff`, unit.staff),
      });
    });
  });
  return {
    districts,
    units,
    citySecurityIds: personList('citySecurity', doc.citySecurity),
    people: names,
    absentIds: personList('absent', doc.absent),
    adminIds: personList('admins', doc.admins),
  };
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
