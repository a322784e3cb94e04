// PLACEHOLDER (issue 20): the history screen is being built; this file is replaced by it.
export function HistoryView() {
  return <p data-testid="history-placeholder">…</p>;
}
