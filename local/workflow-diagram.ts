/**
 * Draws the state machine as a Mermaid flowchart from its synthesized definition, so the README's diagram is
 * generated from what deploys and cannot drift from it (a test compares the two).
 */
type ChoiceRule = { Next?: string; Variable?: string; [operator: string]: unknown };
type StateDefinition = {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: ChoiceRule[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[];
  Error?: string;
  SecondsPath?: string;
};
type Definition = { StartAt: string; States: Record<string, StateDefinition> };

export function workflowDiagram(definition: Definition): string {
  const lines = ['flowchart TD', `  start((start)) --> ${definition.StartAt}`];
  for (const [name, state] of Object.entries(definition.States)) {
    lines.push(`  ${name}${shape(name, state)}`);
    if (state.Next) lines.push(`  ${name} --> ${state.Next}`);
    for (const rule of state.Choices ?? []) {
      if (rule.Next) lines.push(`  ${name} -->|${conditionLabel(rule)}| ${rule.Next}`);
    }
    if (state.Default) lines.push(`  ${name} -->|otherwise| ${state.Default}`);
    for (const handler of state.Catch ?? []) {
      lines.push(`  ${name} -.->|${handler.ErrorEquals.join(', ')}| ${handler.Next}`);
    }
    if (state.End || state.Type === 'Succeed') lines.push(`  ${name} --> finish((end))`);
  }
  return lines.join('\n');
}

function shape(name: string, state: StateDefinition): string {
  switch (state.Type) {
    case 'Task': {
      const retries = state.Retry?.map((r) => r.MaxAttempts ?? 3).reduce((a, b) => a + b, 0);
      return `["${name}<br/><small>Lambda${retries ? `, ${retries} retries` : ''}</small>"]`;
    }
    case 'Choice':
      return `{"${name}"}`;
    case 'Wait':
      return `[/"${name}<br/><small>${state.SecondsPath ?? ''}</small>"/]`;
    case 'Fail':
      return `[["${name}<br/><small>fails: ${state.Error ?? ''}</small>"]]`;
    case 'Succeed':
      return `(["${name}"])`;
    default:
      return `("${name}")`;
  }
}

/** `$.Next.Action == "SEARCH"` → `Action = SEARCH`; `$.Result.Claimed[0]` present → `Claimed[0] present`. */
function conditionLabel(rule: ChoiceRule): string {
  const field = (rule.Variable ?? '').split('.').pop() ?? '';
  const [operator, value] = Object.entries(rule).find(([key]) => key !== 'Next' && key !== 'Variable') ?? [
    '',
    '',
  ];
  if (operator === 'IsPresent') return `${field} ${value ? 'present' : 'absent'}`;
  const symbol = operator.endsWith('Equals') ? '=' : operator;
  return `${field} ${symbol} ${String(value)}`;
}

const diagramBlock = /(<!-- diagram:begin -->\n```mermaid\n)([\s\S]*?)(\n```\n<!-- diagram:end -->)/;

/** The diagram a markdown document holds between its `<!-- diagram:begin -->` and `<!-- diagram:end -->` marks. */
export function diagramIn(markdown: string): string | undefined {
  return diagramBlock.exec(markdown)?.[2];
}

/** The document with the diagram between its marks replaced. */
export function withDiagram(markdown: string, diagram: string): string {
  if (!diagramBlock.test(markdown)) {
    throw new Error('the document has no <!-- diagram:begin --> ```mermaid … ``` <!-- diagram:end --> block');
  }
  return markdown.replace(
    diagramBlock,
    (_all, open: string, _old: string, close: string) => `${open}${diagram}${close}`,
  );
}
