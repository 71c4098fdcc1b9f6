import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Change } from '@graphql-inspector/core';
import { breakingChanges } from './composition';

export const CHANGELOG_FILE = path.join(__dirname, '..', '..', 'CHANGELOG.md');

/**
 * The text of CHANGELOG.md's `## [Unreleased]` section (Keep a Changelog): where an
 * accepted break must be recorded before `npm run compose -- --accept-breaking` takes it.
 */
export function unreleasedSection(changelog: string): string {
  const start = changelog.search(/^## \[?Unreleased\]?/im);
  if (start < 0) return '';
  const rest = changelog.slice(start + 1);
  const next = rest.search(/^## \[/m);
  return next < 0 ? rest : rest.slice(0, next);
}

/**
 * The breaking changes a text does not record. A change is recorded when the text
 * names its schema path (`Type.field`, `Type.field.argument`, `Type`), or names the
 * type and the field in backticks (a list such as "`ElderCareStats.elders`,
 * `openRequests`"). A change without a path cannot be checked: it is never recorded.
 */
export function unrecorded(changes: readonly Change[], text: string): Change[] {
  return changes.filter((change) => {
    if (!change.path) return true;
    if (text.includes(change.path)) return false;
    const [type, field] = change.path.split('.');
    return !(field && new RegExp(`\\b${type}\\b`).test(text) && text.includes(`\`${field}\``));
  });
}

export function readChangelog(file = CHANGELOG_FILE): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/**
 * Every breaking change of the public API in the repository's history: each commit
 * that changed schema/api.graphql against its first parent (git), so that a merge's
 * interleaving of branches is not taken for a removal; one entry per change.
 */
export async function historicBreaks(root = path.join(__dirname, '..', '..')): Promise<{ commit: string; subject: string; change: Change }[]> {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  const show = (commit: string) => {
    try {
      return git('show', `${commit}:schema/api.graphql`);
    } catch {
      return null; // the file did not exist yet there
    }
  };
  const commits = git('log', '--format=%H %P', '--reverse', '--', 'schema/api.graphql').trim().split('\n').filter(Boolean);
  const seen = new Set<string>();
  const breaks: { commit: string; subject: string; change: Change }[] = [];
  for (const line of commits) {
    const [commit, parent] = line.split(' ');
    const before = parent ? show(parent) : null;
    const after = show(commit);
    if (before === null || after === null) continue;
    for (const change of await breakingChanges(before, after)) {
      if (seen.has(change.message)) continue;
      seen.add(change.message);
      breaks.push({ commit: commit.slice(0, 7), subject: git('log', '-1', '--format=%s', commit).trim(), change });
    }
  }
  return breaks;
}
