import type { AnchorHTMLAttributes } from 'react';
import { followLink } from './router';

/** An <a> that navigates inside the app. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a
      href={href}
      onClick={(e) => {
        onClick?.(e);
        followLink(e);
      }}
      {...rest}
    />
  );
}
