export { HomeScreen } from './components/HomeScreen';
export { ServiceGrid } from './components/ServiceGrid';
