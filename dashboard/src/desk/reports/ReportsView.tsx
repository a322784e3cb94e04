// PLACEHOLDER (issue 20): the reports screen is being built; this file is replaced by it.
export function ReportsView() {
  return <p data-testid="reports-placeholder">…</p>;
}
