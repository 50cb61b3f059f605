// The 关于 subpackage's screens. Imported by `packages/about` pages only, so none of the policy
// text reaches the main package; 我的 imports just `routes.ts`.
export { PolicyScreen } from './components/PolicyScreen';
export { AboutScreen } from './components/AboutScreen';
export { SupportScreen } from './components/SupportScreen';
export { NotFoundScreen } from './components/NotFoundScreen';
export { PRIVACY_POLICY } from './privacy';
export { USER_AGREEMENT } from './terms';
export { ABOUT_PAGES } from './routes';
