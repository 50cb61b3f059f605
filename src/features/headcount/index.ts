export { HeadcountScreen } from './components/HeadcountScreen';
export { useHeadcount } from './store';
