export { LettersScreen } from './components/LettersScreen';
export { WriteScreen } from './components/WriteScreen';
export { LetterScreen } from './components/LetterScreen';
export { InboxScreen } from './components/InboxScreen';
export { MAILBOX_PAGES } from './routes';
