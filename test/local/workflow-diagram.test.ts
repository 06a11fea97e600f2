import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthesizeWorkflowDefinition } from '../../local/workflow-definition.ts';
import { diagramIn, withDiagram, workflowDiagram } from '../../local/workflow-diagram.ts';

describe('Function: workflowDiagram', () => {
  const { definition } = synthesizeWorkflowDefinition();

  it('draws every state and every transition of the synthesized definition', () => {
    const diagram = workflowDiagram(definition);

    for (const name of Object.keys(definition.States)) expect(diagram).toContain(`  ${name}`);
    expect(diagram).toContain('Route -->|Action = WAIT| WaitForClaims');
    expect(diagram).toContain('WaitForClaims --> ClaimAndTrack');
    expect(diagram).toContain('ClaimAndTrack -.->|States.ALL| PublishResults');
    expect(diagram).toContain('HasClaimed -->|Claimed[0] present| Succeeded');
  });

  it('is the diagram the README shows (run `npm run docs` after changing the workflow)', async () => {
    const readme = await readFile(join(import.meta.dirname, '../../README.md'), 'utf8');

    expect(diagramIn(readme)).toBe(workflowDiagram(definition));
  });

  it('replaces only the marked block of a document', () => {
    const doc = 'intro\n<!-- diagram:begin -->\n```mermaid\nold\n```\n<!-- diagram:end -->\noutro\n';

    expect(withDiagram(doc, 'new $1')).toBe(
      'intro\n<!-- diagram:begin -->\n```mermaid\nnew $1\n```\n<!-- diagram:end -->\noutro\n',
    );
    expect(() => withDiagram('no block', 'x')).toThrow(/diagram:begin/);
  });
});
