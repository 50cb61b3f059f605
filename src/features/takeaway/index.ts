export { ShopScreen } from './components/ShopScreen';
export { OrdersScreen } from './components/OrdersScreen';
export { OrderDetailScreen } from './components/OrderDetailScreen';
export { BoardScreen } from './components/BoardScreen';
export { ItemsScreen } from './components/ItemsScreen';
export { NewItemScreen } from './components/NewItemScreen';
export { TAKEAWAY_PAGES } from './routes';
