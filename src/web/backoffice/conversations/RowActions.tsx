import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationSummary } from '../../../shared/api';
import { conversationPath } from '../paths';
import { Link } from '../router';
import { useDropdown } from '../shell/useDropdown';

/** View, Edit and (Administrators) Delete, behind one button so the grid stays narrow. */
export function RowActions({
  row,
  onEdit,
  onDelete,
  onAssignToMe,
}: {
  row: ConversationSummary;
  onEdit(): void;
  onDelete: (() => void) | null;
  /** null when I own it already */
  onAssignToMe?: (() => void) | null;
}) {
  const { open, setOpen, close, rootRef } = useDropdown<HTMLDivElement>();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [at, setAt] = useState<{ top: number; right: number } | null>(null);
  const menuId = `row-actions-${row.id}`;
  // the grid scrolls sideways, which would clip an absolutely placed menu:
  // place it on the viewport, under its button, and follow the button on scroll
  const place = useCallback(() => {
    const r = buttonRef.current?.getBoundingClientRect();
    if (r) setAt({ top: r.bottom + 4, right: window.innerWidth - r.right });
  }, []);
  const toggle = () => {
    place();
    setOpen(!open);
  };
  useEffect(() => {
    if (!open) return;
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [open, place]);
  // focus goes back to ••• first, so a dialog opened from the menu returns it there when it closes
  const pick = (action: () => void) => () => {
    buttonRef.current?.focus();
    close();
    action();
  };
  return (
    <div className="dropdown row-actions" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="btn btn-small btn-quiet"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`Actions for ${row.name}`}
        onClick={toggle}
      >
        <span aria-hidden="true">•••</span>
      </button>
      {open ? (
        <ul
          className="dropdown-panel menu-list row-menu"
          id={menuId}
          style={at ? { position: 'fixed', top: at.top, right: at.right } : undefined}
        >
          <li>
            <Link to={conversationPath(row.id)} onClick={close}>
              View
            </Link>
          </li>
          <li>
            <button type="button" onClick={pick(onEdit)}>
              Edit
            </button>
          </li>
          {onAssignToMe ? (
            <li>
              <button type="button" onClick={pick(onAssignToMe)}>
                Assign to me
              </button>
            </li>
          ) : null}
          {onDelete ? (
            <li>
              <button type="button" className="menu-danger" onClick={pick(onDelete)}>
                Delete
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
