export { HeadcountScreen } from './components/HeadcountScreen';
export { useHeadcount } from './store';
export { HEADCOUNT_PAGES, openHeadcountPage } from './routes';
