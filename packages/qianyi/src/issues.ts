// Turns zod issues into the plain sentences Qianyi's operators will read in the ERP:
// "receiver.postalCode is required", "skuList[0].quantity must be a number".
import type { z } from 'zod';

export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom') return issue.message;
  if (issue.code === 'invalid_type') {
    // Our builders set their own texts; zod's defaults appear for absent keys and plain schemas.
    if (issue.expected === 'nonoptional' || /received (undefined|null)$/.test(issue.message)) return 'is required';
    if (!issue.message.startsWith('Invalid input')) return issue.message;
    return `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'array') return 'must not be empty';
  return issue.message;
}

export function formatIssues(issues: readonly z.core.$ZodIssue[], root = 'content'): string {
  const seen = new Set<string>();
  for (const issue of issues) {
    const path = fieldPath(issue.path);
    seen.add(`${path === '' ? root : path} ${describe(issue)}`);
  }
  return [...seen].join('; ');
}
