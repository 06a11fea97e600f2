import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { synthesizeWorkflowDefinition } from '../local/workflow-definition.ts';
import { withDiagram, workflowDiagram } from '../local/workflow-diagram.ts';

// Regenerates the README's state machine diagram from the synthesized definition (`npm run docs`).
const readmePath = join(import.meta.dirname, '..', 'README.md');
const readme = await readFile(readmePath, 'utf8');
const updated = withDiagram(readme, workflowDiagram(synthesizeWorkflowDefinition().definition));
await writeFile(readmePath, updated);
console.log(
  updated === readme ? 'README.md: the diagram is up to date' : 'README.md: the diagram was regenerated',
);
