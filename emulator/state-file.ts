import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { parseEmulatorConfig } from './config.ts';
import type { PersistedState } from './emulator.ts';
import { EmulatorConfigError, StateFileError } from './errors.ts';

/** Shape check of a state file: enough to refuse a foreign or truncated file with a clear message. */
const persistedSchema = z.object({
  version: z.literal(1),
  config: z.unknown(),
  simulatedNow: z.number(),
  service: z.object({
    inventorySeed: z.int(),
    records: z.array(
      z.looseObject({
        PhoneNumberId: z.string(),
        PhoneNumber: z.string(),
        TargetArn: z.string(),
        Status: z.enum(['IN_PROGRESS', 'CLAIMED', 'FAILED', 'RELEASED']),
        Held: z.boolean(),
        history: z.array(z.unknown()),
      }),
    ),
    taken: z.array(z.string()),
    tokens: z.array(
      z.tuple([z.string(), z.object({ fingerprint: z.string(), answer: z.record(z.string(), z.string()) })]),
    ),
    random: z.object({ fates: z.int(), ids: z.int() }),
  }),
  calls: z.record(
    z.string(),
    z.object({ total: z.int(), byStatus: z.record(z.string(), z.int()), dropped: z.int() }),
  ),
  events: z.array(z.unknown()),
  random: z.object({ faults: z.int(), events: z.int() }),
});

/** Reads a state file; `undefined` when it does not exist, a StateFileError naming the file when it is unusable. */
export function readStateFile(file: string): PersistedState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw new StateFileError(
      file,
      `cannot be read (${error instanceof Error ? error.message : String(error)})`,
      {
        cause: error,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error: unknown) {
    throw new StateFileError(
      file,
      `is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      {
        cause: error,
      },
    );
  }
  const result = persistedSchema.safeParse(json);
  if (!result.success) {
    const where = result.error.issues.map((issue) => issue.path.join('.') || '(root)').slice(0, 5);
    throw new StateFileError(file, `is not an emulator state file (invalid: ${where.join(', ')})`, {
      cause: result.error,
    });
  }
  try {
    parseEmulatorConfig(result.data.config);
  } catch (error: unknown) {
    if (error instanceof EmulatorConfigError) throw new StateFileError(file, error.message, { cause: error });
    throw error;
  }
  // The schema checked the parts the emulator depends on; the rest round-trips as the emulator wrote it.
  return json as PersistedState;
}

/**
 * Writes the state atomically: a temporary file in the same folder, flushed to disk, then renamed over
 * the old one, so a crash leaves either the old state or the new one, never half of either.
 */
export function writeStateFile(file: string, state: PersistedState): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const descriptor = openSync(temporary, 'w');
  try {
    writeSync(descriptor, JSON.stringify(state));
    fsyncSync(descriptor);
  } catch (error: unknown) {
    closeSync(descriptor);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(descriptor);
  renameSync(temporary, file);
}
