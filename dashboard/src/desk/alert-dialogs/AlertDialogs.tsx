// The open alert dialog, if any (alert-dialog-state.ts): resolve, false alarm, hold, dispatch, or the detail view.

import { AlertDetail } from '../detail/AlertDetail.js';
import { alertDialog, closeAlertDialog } from './alert-dialog-state.js';
import { DispatchDialog } from './DispatchDialog.js';
import { FalseAlarmDialog } from './FalseAlarmDialog.js';
import { HoldDialog } from './HoldDialog.js';
import { ResolveDialog } from './ResolveDialog.js';

export function AlertDialogs() {
  const open = alertDialog.value;
  if (!open) return null;
  const onClose = () => closeAlertDialog(open);
  // keyed by alert and kind, so opening another dialog always starts from a fresh form
  const key = `${open.kind}:${open.alert.id}`;
  switch (open.kind) {
    case 'resolve':
      return <ResolveDialog key={key} alert={open.alert} onClose={onClose} />;
    case 'false-alarm':
      return <FalseAlarmDialog key={key} alert={open.alert} onClose={onClose} />;
    case 'hold':
      return <HoldDialog key={key} alert={open.alert} onClose={onClose} />;
    case 'dispatch':
      return <DispatchDialog key={key} alert={open.alert} onClose={onClose} />;
    case 'details':
      return <AlertDetail key={key} alertId={open.alert.id} onClose={onClose} />;
  }
}
