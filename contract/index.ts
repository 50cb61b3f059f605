export * from './errors';
export * from './roles';
export * from './modules';
export * from './common.schema';
export * from './health.schema';
export * from './auth.schema';
export * from './messages.schema';
