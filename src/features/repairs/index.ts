export { TicketsScreen } from './components/TicketsScreen';
export { ReportScreen } from './components/ReportScreen';
export { TicketScreen } from './components/TicketScreen';
export { TasksScreen } from './components/TasksScreen';
export { BoardScreen } from './components/BoardScreen';
export { RulesScreen } from './components/RulesScreen';
export { RepairerScreen } from './components/RepairerScreen';
export { REPAIRS_PAGES } from './routes';
