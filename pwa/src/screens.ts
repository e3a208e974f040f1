/**
 * Which screen each route opens. Every screen is its own chunk, fetched with import()
 * the first time its route is opened (the service worker precaches every chunk, so
 * they all open offline). A screen takes its route (with its parameters) as `route`
 * and reads the shell's state with `useApp()`.
 */
import type { ComponentType } from 'preact';
import { lazy } from './components/lazy';
import type { RouteName, RouteOf } from './router';

export interface ScreenProps<N extends RouteName> {
  route: RouteOf<N>;
}

export const SCREENS: { [N in RouteName]: ComponentType<ScreenProps<N>> } = {
  surveys: lazy(() => import('./screens/survey-list').then((m) => m.SurveyList)),
  signin: lazy(() => import('./screens/sign-in').then((m) => m.SignIn)),
  outbox: lazy(() => import('./screens/outbox').then((m) => m.OutboxScreen)),
  survey: lazy(() => import('./screens/survey-form').then((m) => m.SurveyForm)),
};
