// Moved to the kit (shared/ui); kept so features/profile's import keeps working until it moves too.
export { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
