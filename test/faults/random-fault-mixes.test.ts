/**
 * Randomised fault runs: fast-check draws a fault mix, a request shape, a target and workflow settings, runs
 * the whole workflow against the emulator, and holds every run to the same invariants as the named scenarios.
 * Sized for CI: a fixed number of runs, each a few simulated minutes passed in about a second. On failure
 * fast-check prints its seed and the drawn mix (whose `seed` is the emulator's); `FAST_CHECK_SEED=<seed>`
 * replays the whole sequence, `FAULT_RUNS=<n>` draws more.
 */
import fc from 'fast-check';
import { afterEach, beforeAll, describe, it } from 'vitest';
import {
  closeFaultRuns,
  type FaultRun,
  type FaultScenario,
  runAgain,
  runFaultScenario,
  type TargetChoice,
  warmUpLocalRunner,
} from './support/fault-run.ts';
import { describeFailure, invariantViolations } from './support/invariants.ts';

const runs = Number(process.env.FAULT_RUNS ?? 14);
const seed = process.env.FAST_CHECK_SEED === undefined ? undefined : Number(process.env.FAST_CHECK_SEED);

beforeAll(warmUpLocalRunner);
afterEach(closeFaultRuns);

const rate = (max: number) => fc.oneof(fc.constant(0), fc.double({ min: 0, max, noNaN: true }));

const faultMix = fc.record({
  claimFailureRate: rate(0.6),
  contentionRate: rate(0.5),
  internalErrorRate: rate(0.35),
  dropResponseRate: rate(0.35),
  throttle: fc.oneof(
    fc.constant({ ratePerSecond: 2, burst: 5 }),
    fc.record({ ratePerSecond: fc.constantFrom(1, 5, 50), burst: fc.integer({ min: 1, max: 10 }) }),
  ),
  phoneNumberQuota: fc.oneof(fc.constant(100), fc.integer({ min: 1, max: 12 })),
  claimLatencySeconds: fc
    .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 400 }))
    .map(([min, extra]) => ({ min, max: min + extra })),
});

const requestShape: fc.Arbitrary<FaultScenario['request']> = fc.oneof(
  fc.record({
    kind: fc.constant('search' as const),
    quantity: fc.integer({ min: 1, max: 15 }),
    type: fc.constantFrom('TOLL_FREE' as const, 'DID' as const),
  }),
  fc.record({
    kind: fc.constant('explicit' as const),
    count: fc.integer({ min: 1, max: 8 }),
    unknown: fc.integer({ min: 0, max: 2 }),
  }),
);

const scenarioArbitrary: fc.Arbitrary<FaultScenario> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  faults: faultMix,
  request: requestShape,
  target: fc.constantFrom<TargetChoice>('InstanceId', 'InstanceArn', 'GroupArn'),
  settings: fc.record({
    deadlineSeconds: fc.integer({ min: 60, max: 600 }),
    maxReplacementsPerSlot: fc.integer({ min: 0, max: 5 }),
    maxSearchRounds: fc.integer({ min: 1, max: 5 }),
  }),
  timeScale: fc.constant(300),
  // Half the runs carry a ClientToken and are run again (below), as a user or a second delivery would.
  clientToken: fc.option(fc.uuid({ version: 4 }), { nil: undefined }),
});

function holdsInvariants(run: FaultRun): void {
  const violations = invariantViolations(run);
  if (violations.length > 0) {
    throw new Error(`${describeFailure(run, violations)}\n${violations.map((v) => ` - ${v}`).join('\n')}`);
  }
}

describe('Randomised fault runs', () => {
  it(`holds every invariant over ${runs} drawn fault mixes and request shapes`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        try {
          const first = await runFaultScenario(scenario);
          holdsInvariants(first);
          if (scenario.clientToken === undefined) return;
          // An hour later, with Connect quiet: the same request must keep what it has and claim nothing twice.
          first.emulator.advanceClock(3600);
          const quiet = { claimFailureRate: 0, contentionRate: 0, internalErrorRate: 0, dropResponseRate: 0 };
          holdsInvariants(await runAgain(first, { faults: quiet }));
        } finally {
          await closeFaultRuns();
        }
      }),
      // Each run costs about a second: no shrinking, the drawn mix is reported as it failed.
      { numRuns: runs, endOnFailure: true, ...(seed !== undefined && { seed }) },
    );
  }, 240_000);
});
