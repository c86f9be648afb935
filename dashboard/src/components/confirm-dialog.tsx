import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../app-context';
import { Dialog } from './dialog';
import { ErrorNotice } from './error-notice';

interface ConfirmDialogProps<T> {
  /** What the action is about; the dialog is open while it is defined. */
  readonly subject: T | undefined;
  readonly title: string;
  /** The danger button's label, and what it says while the action runs. */
  readonly confirmLabel: string;
  readonly workingLabel: string;
  readonly onClose: () => void;
  /** Runs the action; when it throws, the dialog stays open and shows the error. */
  readonly onConfirm: (subject: T) => Promise<void>;
  readonly children: ComponentChildren;
}

/**
 * A destructive action asked for once more: Cancel first (the safe choice takes the focus), then the danger
 * button, busy while the action runs; a failure stays in the dialog so the person can try again or cancel.
 */
export function ConfirmDialog<T>(props: ConfirmDialogProps<T>) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const { subject } = props;

  useEffect(() => {
    setBusy(false);
    setError(undefined);
  }, [subject]);

  const confirm = async () => {
    if (subject === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm(subject);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={subject !== undefined}
      title={props.title}
      onClose={props.onClose}
      actions={
        <>
          <button type="button" class="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            class="button button-danger"
            onClick={confirm}
            disabled={busy}
            aria-busy={busy}
          >
            {busy ? props.workingLabel : props.confirmLabel}
          </button>
        </>
      }
    >
      {props.children}
      {error === undefined ? null : <ErrorNotice error={error} />}
    </Dialog>
  );
}
