// The configuration documentation generated from the apps' env schemas: the README's table and `.env.example`.
// Each schema variable carries its metadata in @tailor/config's `envVariables` registry; which apps read a variable
// follows from the schemas it appears in, and its default from parsing nothing.
import { type EnvVariableMeta, envVariables } from '@tailor/config';
import type { z } from 'zod';

export interface AppSchema {
  app: string;
  schema: z.ZodObject;
}

/** One variable as the documentation shows it, with what each app that reads it says about it. */
export interface DocumentedVariable {
  name: string;
  group: string;
  sensitive: boolean;
  apps: string[];
  /** per app: the default as text, undefined when the variable has none */
  defaults: Map<string, string | undefined>;
  descriptions: Map<string, string>;
  machineDefault?: string;
  example?: string;
}

export class UndocumentedVariableError extends Error {
  constructor(readonly problems: string[]) {
    super(`Env schema variables without complete metadata:\n  ${problems.join('\n  ')}`);
    this.name = UndocumentedVariableError.name;
  }
}

function defaultOf(field: z.ZodType): string | undefined {
  const parsed = field.safeParse(undefined);
  return parsed.success && parsed.data !== undefined ? String(parsed.data) : undefined;
}

/** Every variable of the apps' schemas, in the order of their groups' first appearance. */
export function collectVariables(apps: readonly AppSchema[]): DocumentedVariable[] {
  const variables = new Map<string, DocumentedVariable>();
  const problems: string[] = [];
  for (const { app, schema } of apps) {
    for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const meta: EnvVariableMeta | undefined = envVariables.get(field);
      if (!meta?.group || !meta.description) {
        problems.push(`${app}: ${name} needs a group and a description (register it with envVariables)`);
        continue;
      }
      const known = variables.get(name);
      if (known && known.group !== meta.group)
        problems.push(`${app}: ${name} is in group ${meta.group}, elsewhere in ${known.group}`);
      const variable: DocumentedVariable = known ?? {
        name,
        group: meta.group,
        sensitive: false,
        apps: [],
        defaults: new Map(),
        descriptions: new Map(),
        machineDefault: meta.machineDefault,
        example: meta.example,
      };
      variable.sensitive ||= meta.sensitive ?? false;
      variable.apps.push(app);
      variable.defaults.set(app, defaultOf(field));
      variable.descriptions.set(app, meta.description);
      variables.set(name, variable);
    }
  }
  if (problems.length) throw new UndocumentedVariableError(problems);
  const groups = [...new Set([...variables.values()].map((variable) => variable.group))];
  return groups.flatMap((group) => [...variables.values()].filter((variable) => variable.group === group));
}

/** The apps grouped by the value they give, the most common value first. */
function byValue(values: Map<string, string | undefined>): Array<{ value: string | undefined; apps: string[] }> {
  const groups: Array<{ value: string | undefined; apps: string[] }> = [];
  for (const [app, value] of values) {
    const group = groups.find((candidate) => candidate.value === value);
    if (group) group.apps.push(app);
    else groups.push({ value, apps: [app] });
  }
  return groups.sort((a, b) => b.apps.length - a.apps.length);
}

/** One value, or the shared one followed by each app's own: "1048576 (profiler-ingest 16777216)". */
function perApp(
  values: Map<string, string | undefined>,
  show: (value: string | undefined) => string,
  inline = false,
): string {
  const [shared, ...others] = byValue(values);
  if (others.length === 0) return show(shared.value);
  const labelled = (group: { value: string | undefined; apps: string[] }) =>
    `${group.apps.join(', ')} ${show(group.value)}`;
  if (shared.apps.length === 1) return [shared, ...others].map(labelled).join(', ');
  const rest = others.map(labelled).join(', ');
  return inline ? `${show(shared.value)}, ${rest}` : `${show(shared.value)} (${rest})`;
}

const usedBy = (apps: readonly string[], all: readonly string[]): string =>
  all.every((app) => apps.includes(app)) ? 'all' : all.filter((app) => apps.includes(app)).join(', ');

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The README's configuration table. */
export function renderTable(variables: readonly DocumentedVariable[], apps: readonly string[]): string {
  const rows = variables.map((variable) => {
    const name = `\`${variable.name}\`${variable.sensitive ? ' (sensitive)' : ''}`;
    const shown = variable.machineDefault
      ? `\`${variable.machineDefault}\``
      : perApp(variable.defaults, (value) => (value === undefined ? 'unset' : `\`${value}\``));
    const [shared, ...others] = byValue(variable.descriptions);
    const description = [shared.value, ...others.map((group) => `${group.apps.join(', ')}: ${group.value}`)].join('; ');
    return `| ${name} | ${variable.group} | ${shown} | ${usedBy(variable.apps, apps)} | ${cell(description)} |`;
  });
  return ['| variable | group | default | used by | what it does |', '| --- | --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

const envValue = (value: string): string => (/[\s#"']/.test(value) ? `"${value}"` : value);

function envLine(variable: DocumentedVariable): string {
  if (variable.machineDefault) return `# ${variable.name}=   (default: ${variable.machineDefault})`;
  const values = byValue(variable.defaults);
  if (values.length > 1)
    return `# ${variable.name}=   (per app: ${perApp(variable.defaults, (value) => value ?? 'unset', true)})`;
  const [{ value }] = values;
  if (value === undefined) return `# ${variable.name}=${variable.example ?? ''}   (unset: see README)`;
  return `${variable.name}=${envValue(value)}`;
}

/** `.env.example`: every variable with its default, by group. */
export function renderEnvExample(variables: readonly DocumentedVariable[], apps: readonly string[]): string {
  const lines = [
    "# Generated by `npm run config:docs` from the apps' env schemas; edit those, not this file.",
    "# Every variable Tailor's apps read, with its default, by config group. Unset means the default; README.md says what each does.",
  ];
  const groups = [...new Set(variables.map((variable) => variable.group))];
  for (const group of groups) {
    const members = variables.filter((variable) => variable.group === group);
    lines.push(
      '',
      `# ${group} (${usedBy([...new Set(members.flatMap((variable) => variable.apps))], apps)})`,
      ...members.map(envLine),
    );
  }
  return `${lines.join('\n')}\n`;
}

export const TABLE_BEGIN =
  '<!-- config-table: generated by `npm run config:docs` from the env schemas; edit those, not this table -->';
export const TABLE_END = '<!-- config-table end -->';

/** The README with the text between the table's markers replaced. */
export function withTable(readme: string, table: string): string {
  const begin = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  if (begin < 0 || end < begin) throw new Error(`README.md lacks the markers ${TABLE_BEGIN} … ${TABLE_END}`);
  return `${readme.slice(0, begin + TABLE_BEGIN.length)}\n${table}\n${readme.slice(end)}`;
}
