/** A screen's way back (to its list, its campaign, its event…), a line above its title. */
import type { ComponentChildren } from 'preact';
import { type Route, href } from '../router';

export function BackLink({ to, children }: { to: Route; children: ComponentChildren }) {
  return (
    <p class="meta">
      <a href={href(to)}>{children}</a>
    </p>
  );
}
