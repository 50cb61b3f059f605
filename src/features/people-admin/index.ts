export { PeopleScreen } from './components/PeopleScreen';
export { PersonScreen } from './components/PersonScreen';
export { PEOPLE_ADMIN_PAGES } from './routes';
