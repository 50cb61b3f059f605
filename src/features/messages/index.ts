export { MessagesScreen } from './components/MessagesScreen';
export { useMessages } from './store';
