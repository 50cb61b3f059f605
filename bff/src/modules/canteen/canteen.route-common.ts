import { ErrorBodySchema } from '@contract/common.schema';
import type { Role } from '@contract/roles';

// What every route of the canteen module shares: who may call it, its OpenAPI tag, its errors.

/** Who eats and votes (the 今日菜品 entry of the service catalogue). */
export const DINERS: readonly Role[] = ['staff', 'canteen', 'admin'];
/** Who may reach the management routes; the service then checks the canteen itself. */
export const MANAGERS: readonly Role[] = ['canteen', 'admin'];

export const E = ErrorBodySchema;
export const readErrors = { 400: E, 401: E, 403: E, 404: E };
export const writeErrors = { 400: E, 401: E, 403: E, 404: E, 409: E };
export const common = { tags: ['canteen'], security: [{ bearer: [] }] };
