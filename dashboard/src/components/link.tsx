import type { ComponentChildren } from 'preact';
import { handleLinkClick } from '../router/navigation';

interface LinkProps {
  readonly href: string;
  readonly children: ComponentChildren;
  readonly class?: string;
  readonly 'aria-current'?: 'page' | undefined;
}

/** An in-app link: a real `<a href>` (open in new tab works) that navigates without reloading. */
export function Link(props: LinkProps) {
  return (
    <a
      href={props.href}
      class={props.class}
      aria-current={props['aria-current']}
      onClick={(event) => handleLinkClick(event, props.href)}
    >
      {props.children}
    </a>
  );
}
