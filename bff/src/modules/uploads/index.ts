import { defineModule } from '../module';
import { createLocalStorage, type Storage } from './storage';
import { createUploadsService, type UploadsService } from './uploads.service';
import { registerUploadRoutes } from './uploads.routes';

export type { Storage } from './storage';
export type { UploadsService } from './uploads.service';
export { uploadIdFor, uploadIdOfUrl, uploadUrl } from './uploads.service';
export { findUpload, insertUploads } from './uploads.repository';

declare module '../module' {
  interface Services {
    /** Where uploaded bytes are kept (a local directory by default). */
    storage: Storage;
    uploads: UploadsService;
  }
}

/** Image uploads (`POST /api/uploads`), content-addressed, served back by id. */
export const uploadsModule = defineModule({
  name: 'uploads',
  create: ({ db, clock, config, integrations }) => {
    const storage = integrations.storage ?? createLocalStorage(config.uploadsDir);
    return { storage, uploads: createUploadsService({ db, clock, storage }) };
  },
  routes: (app, { services }) => registerUploadRoutes(app, { auth: services.auth, uploads: services.uploads }),
});
