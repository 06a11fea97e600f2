import { describe, expect, it, vi } from 'vitest';
import { dependenciesFromEnvironment } from '../../../lambdas/core/environment.ts';
import { defaultSettings } from '../../../lambdas/core/settings.ts';

describe('Function: dependenciesFromEnvironment', () => {
  it('builds clients in the Lambda region, the settings and Powertools for the service', async () => {
    // Act
    const deps = dependenciesFromEnvironment({ AWS_REGION: 'eu-west-2', EVENT_BUS_NAME: 'claims' });

    // Assess
    expect(await deps.connect.config.region()).toBe('eu-west-2');
    expect(await deps.events.config.region()).toBe('eu-west-2');
    expect(deps.settings).toEqual({ ...defaultSettings, eventBusName: 'claims' });
    expect(deps.clock.now()).toBeGreaterThan(0);
  });

  it('fails loudly without AWS_REGION', () => {
    // Act & Assess
    expect(() => dependenciesFromEnvironment({})).toThrow('AWS_REGION: must be set');
  });

  it('fails loudly on an invalid setting, naming the variable', () => {
    // Act & Assess
    expect(() => dependenciesFromEnvironment({ AWS_REGION: 'us-east-1', CLAIM_SLICE_SECONDS: 'x' })).toThrow(
      /^CLAIM_SLICE_SECONDS: /,
    );
  });
});

describe('Module: deployed handler entries', () => {
  it.each(['validate', 'search', 'claim', 'publish'])(
    '%s exports a handler built from the environment',
    async (name) => {
      // Prepare
      vi.stubEnv('AWS_REGION', 'us-east-1');

      // Act
      const module = (await import(`../../../lambdas/${name}/handler.ts`)) as { handler: unknown };

      // Assess
      expect(module.handler).toEqual(expect.any(Function));
    },
  );
});
