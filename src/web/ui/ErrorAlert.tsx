import type { ReactNode } from 'react';

/** A red, announced message; renders nothing when there is nothing to say. */
export function ErrorAlert({ children }: { children: ReactNode }) {
  if (children === null || children === undefined || children === false || children === '') return null;
  return (
    <p className="alert alert-error" role="alert">
      {children}
    </p>
  );
}
