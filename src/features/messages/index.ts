export { MessagesScreen } from './components/MessagesScreen';
export { UnreadBadge } from './components/UnreadBadge';
export { useMessages } from './store';
export { subjectPath } from './subject-routes';
