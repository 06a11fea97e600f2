#!/usr/bin/env node
import { runBench } from '../bench/main.ts';

process.exitCode = await runBench(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
