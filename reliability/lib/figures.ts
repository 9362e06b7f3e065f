import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../packages/testkit/src/index';

// Each scenario writes its figures to a file of its own (jest runs every test file in a fresh module registry,
// so memory cannot carry them); the global teardown reads them all and prints one table.
export const RESULTS_DIR = join(repoRoot, 'test-results', 'reliability');

export interface Figure {
  name: string;
  value: number;
  /** A promise the bridge makes: anything but zero fails the run. */
  mustBeZero?: boolean;
}

export interface ScenarioFigures {
  scenario: string;
  /** The command that reproduces the figure (the whole suite, narrowed to this file). */
  command: string;
  figures: Figure[];
}

export const zero = (name: string, value: number): Figure => ({ name, value, mustBeZero: true });
export const count = (name: string, value: number): Figure => ({ name, value });

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** Adds figures to a scenario's file (a scenario may record in several steps, e.g. its secrets scan last). */
export function record(scenario: string, file: string, figures: Figure[]): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${slug(scenario)}.json`);
  let existing: ScenarioFigures | undefined;
  try {
    existing = JSON.parse(readFileSync(path, 'utf8')) as ScenarioFigures;
  } catch {
    existing = undefined;
  }
  const merged = new Map((existing?.figures ?? []).map((f) => [f.name, f]));
  for (const f of figures) merged.set(f.name, f);
  const command = `pnpm test:reliability ${file}`;
  writeFileSync(path, JSON.stringify({ scenario, command, figures: [...merged.values()] }, null, 2));
}

export function readAllFigures(): ScenarioFigures[] {
  let files: string[];
  try {
    files = readdirSync(RESULTS_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.sort().map((f) => JSON.parse(readFileSync(join(RESULTS_DIR, f), 'utf8')) as ScenarioFigures);
}

export function violations(all: ScenarioFigures[]): string[] {
  return all.flatMap((s) =>
    s.figures.filter((f) => f.mustBeZero && f.value !== 0).map((f) => `${s.scenario}: ${f.name} = ${f.value}`),
  );
}

/** A Markdown table: one row per figure, "must be 0" marked, the reproducing command once per scenario. */
export function renderTable(all: ScenarioFigures[]): string {
  const rows = ['| scenario | figure | value | must be 0 |', '|---|---|---:|:---:|'];
  for (const s of all) {
    s.figures.forEach((f, i) => {
      const name = i === 0 ? `**${s.scenario}** (\`${s.command}\`)` : '';
      const mark = f.mustBeZero ? (f.value === 0 ? '✓' : '✗') : '';
      rows.push(`| ${name} | ${f.name} | ${f.value} | ${mark} |`);
    });
  }
  return rows.join('\n');
}
