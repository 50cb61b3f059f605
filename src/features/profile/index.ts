export { useCareMode, selectCareMode, selectSetCareMode } from './care-mode';
export { ProfileScreen } from './components/ProfileScreen';
