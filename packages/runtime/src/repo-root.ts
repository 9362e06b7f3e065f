import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Both packages/runtime/src and a bundled apps/<app>/dist sit three levels below the repository root.
export const repoRoot = process.env.BRIDGE_REPO_ROOT ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
