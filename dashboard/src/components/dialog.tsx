import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { focusableIn, wrapFocusIndex } from './focus-trap';

interface DialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ComponentChildren;
  readonly actions: ComponentChildren;
}

/**
 * A modal dialog on the native `<dialog>` (showModal makes the page behind it inert; Escape fires `cancel`),
 * with Tab wrapped inside it and focus returned to where it was when the dialog closes.
 */
export function Dialog({ open, title, onClose, children, actions }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const returnFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement as HTMLElement | null;
      dialog.showModal();
      // The safe choice first: the first focusable element is the Cancel button.
      focusableIn(dialog)[0]?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      returnFocus.current?.focus();
    }
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = focusableIn(dialog);
    const index = focusable.indexOf(document.activeElement as HTMLElement);
    const next = wrapFocusIndex(index, focusable.length, event.shiftKey);
    if (next !== undefined) {
      event.preventDefault();
      focusable[next]?.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div class="dialog-body">{children}</div>
      <div class="dialog-actions">{actions}</div>
    </dialog>
  );
}
