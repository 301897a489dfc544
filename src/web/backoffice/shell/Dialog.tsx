import { useEffect, useId, useRef, type FormEvent, type ReactNode, type SyntheticEvent } from 'react';
import { ErrorAlert } from '../../ui/ErrorAlert';

interface DialogProps {
  title: string;
  children: ReactNode;
  onClose(): void;
  onSubmit(e: FormEvent): void;
  submitLabel: string;
  danger?: boolean;
  busy?: boolean;
}

/**
 * A modal form on the native <dialog>: the browser traps focus, Escape
 * closes it, and focus returns to what opened it.
 */
export function Dialog({ title, children, onClose, onSubmit, submitLabel, danger, busy }: DialogProps) {
  const { dialogProps, titleId } = useModal(onClose);
  return (
    <dialog {...dialogProps}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(e);
        }}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** "Delete …?" with Cancel and a red confirming button. */
export function ConfirmDialog(props: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onClose(): void;
  busy?: boolean;
  error?: string | null;
}) {
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      onSubmit={props.onConfirm}
      submitLabel={props.confirmLabel}
      danger
      busy={props.busy ?? false}
    >
      <p>{props.message}</p>
      <ErrorAlert>{props.error}</ErrorAlert>
    </Dialog>
  );
}

/** A native <dialog> shown modal while mounted, focus back on its opener after, Escape calling `onClose`. */
export function useModal(onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);
  const dialogProps = {
    ref,
    className: 'dialog',
    'aria-labelledby': titleId,
    onCancel: (e: SyntheticEvent) => {
      e.preventDefault();
      onClose();
    },
  };
  return { dialogProps, titleId };
}
