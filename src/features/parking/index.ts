export { BookScreen } from './components/BookScreen';
export { BookingsScreen } from './components/BookingsScreen';
export { GateScreen } from './components/GateScreen';
export { AdminScreen } from './components/AdminScreen';
export { PARKING_PAGES } from './routes';
