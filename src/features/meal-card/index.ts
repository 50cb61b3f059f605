export { MealCardScreen } from './components/MealCardScreen';
export { TopupScreen } from './components/TopupScreen';
export { useMealCard } from './store';
export { formatFen, formatSignedFen, parseYuan } from '@/shared/money';
