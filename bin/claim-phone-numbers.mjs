#!/usr/bin/env node
// The installed `claim-phone-numbers` command. The CLI is TypeScript that Node.js 24 runs natively; this
// launcher runs it on the project's own Node.js 24 (the `node` devDependency, as `npm start` does), whatever
// Node.js starts the command, and hands back its exit status.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const projectNode = join(root, 'node_modules', 'node', 'bin', 'node');
const node = existsSync(projectNode) ? projectNode : process.execPath;
const cli = spawnSync(node, [join(root, 'bin', 'claim.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
if (cli.error) {
  console.error(`claim-phone-numbers: cannot start Node.js (${node}): ${cli.error.message}`);
  process.exit(3);
}
process.exit(cli.status ?? 3);
