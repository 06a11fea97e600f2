#!/usr/bin/env node
import { text } from 'node:stream/consumers';
import { runCli } from '../cli/main.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (chunk) => process.stdout.write(chunk),
  stderr: (chunk) => process.stderr.write(chunk),
  readStdin: () => text(process.stdin),
  env: process.env,
});
