import type { SFNClient } from '@aws-sdk/client-sfn';
import { runCli } from '../../cli/main.ts';

/** Runs the CLI in-process and captures what it prints, as a terminal would see it. */
export async function runCliCaptured(
  argv: readonly string[],
  options: { sfnClient?: SFNClient; stdin?: string; env?: Record<string, string> } = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => options.stdin ?? '',
    env: options.env ?? {},
    ...(options.sfnClient && { sfnClient: () => options.sfnClient as SFNClient }),
    pollIntervalMs: 1,
  });
  return { status, stdout, stderr };
}
