import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FootprintError, measureColdImport, median } from '../../bench/lambda-footprint.ts';

describe('Function: median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    // Assess
    expect(median([30, 10, 20])).toBe(20);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses an empty list', () => {
    // Assess
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('Function: measureColdImport', () => {
  const directory = mkdtempSync(join(tmpdir(), 'cold-import-test-'));
  // A module that, like a handler, reads its environment at import and fails without it.
  const bundle = join(directory, 'index.mjs');
  writeFileSync(
    bundle,
    "if (process.env.EVENT_BUS_NAME !== 'bus') throw new Error('EVENT_BUS_NAME: must be set');\nexport const handler = () => 1;\n",
  );
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('imports the module in a fresh process with the given environment and returns the time it took', async () => {
    // Act
    const milliseconds = await measureColdImport(pathToFileURL(bundle).href, { EVENT_BUS_NAME: 'bus' });

    // Assess
    expect(milliseconds).toBeGreaterThan(0);
  });

  it('reports the import error of a module that cannot start', async () => {
    // Act
    const act = measureColdImport(pathToFileURL(bundle).href, {});

    // Assess
    await expect(act).rejects.toThrow(FootprintError);
    await expect(measureColdImport(pathToFileURL(bundle).href, {})).rejects.toThrow(
      /EVENT_BUS_NAME: must be set/,
    );
  });
});
