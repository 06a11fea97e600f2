import type { ClaimResult } from '../lambdas/core/claim-run.ts';

/** The final table a person reads: every requested number or slot, claimed or not, and why. */
export function formatResultTable(result: ClaimResult): string {
  const rows: string[][] = [
    ...result.Claimed.map((n) => [
      n.PhoneNumber,
      'CLAIMED',
      `${n.PhoneNumberType} ${n.PhoneNumberCountryCode}`,
      n.PhoneNumberId,
    ]),
    ...result.Failed.map((f) => [
      f.PhoneNumber ?? '-',
      'FAILED',
      f.Error,
      f.PhoneNumberId ? `${f.PhoneNumberId}: ${f.Message}` : f.Message,
    ]),
  ];
  const header = ['PHONE NUMBER', 'STATUS', 'TYPE / ERROR', 'ID / MESSAGE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const summary = `${result.Status}: ${result.Claimed.length} of ${result.Requested} claimed`;
  return [line(header), ...rows.map(line), '', summary].join('\n');
}
