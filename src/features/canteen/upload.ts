/**
 * Dish photos: pick one image and send it with `Taro.uploadFile` (multipart), which works on
 * mini-programs and H5 alike; axios cannot post files from a mini-program (shared/http README).
 */
import Taro from '@tarojs/taro';
import type { Upload } from '@contract/uploads.schema';
import { API_BASE, ApiError } from '@/shared/http';
import { codeForStatus, codeFromBody } from '@/shared/http/errors';
import { sendToSignIn, useSession } from '@/features/session';
import { PHOTO_MAX_BYTES, PHOTO_TYPES } from './vocab';

const UPLOAD_TIMEOUT_MS = 60_000;

export interface PickedPhoto {
  path: string;
  size: number;
  /** MIME type where the platform tells it (H5). */
  type?: string;
}

/**
 * Lets the person pick one photo. Resolves null when they cancel; rejects with the ApiError the BFF
 * would answer for a file that is too big or not JPEG/PNG/WebP (it checks the bytes again).
 */
export async function pickPhoto(): Promise<PickedPhoto | null> {
  let result: Taro.chooseImage.SuccessCallbackResult;
  try {
    result = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  } catch {
    return null; // cancelled (or no permission): nothing to do
  }
  const file = result.tempFiles?.[0];
  const path = file?.path ?? result.tempFilePaths?.[0];
  // H5 drops a picked file the browser cannot open as an image (Taro loads each one first).
  if (!path) throw new ApiError('UPLOAD_TYPE_NOT_ALLOWED', 0);
  const photo: PickedPhoto = { path, size: file?.size ?? 0, type: file?.type };
  if (photo.size > PHOTO_MAX_BYTES) throw new ApiError('UPLOAD_TOO_LARGE', 0);
  if (photo.type && !(PHOTO_TYPES as readonly string[]).includes(photo.type)) {
    throw new ApiError('UPLOAD_TYPE_NOT_ALLOWED', 0);
  }
  return photo;
}

function parse(data: unknown): Upload {
  return (typeof data === 'string' ? JSON.parse(data) : data) as Upload;
}

/** Uploads a picked photo; answers its `url` (a dish's photoUrl). Failures are ApiErrors. */
export async function uploadPhoto(filePath: string): Promise<Upload> {
  const token = useSession.getState().token;
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({
      url: `${API_BASE}/uploads/images`,
      filePath,
      name: 'file',
      header: token ? { Authorization: `Bearer ${token}` } : {},
      timeout: UPLOAD_TIMEOUT_MS,
      withCredentials: false,
    });
  } catch (error) {
    const text = (error as { errMsg?: string } | undefined)?.errMsg ?? '';
    throw new ApiError(/time\s*out/i.test(text) ? 'TIMEOUT' : 'NETWORK_ERROR', 0);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) {
    try {
      return parse(res.data);
    } catch {
      throw new ApiError('INTERNAL', res.statusCode);
    }
  }
  const error = new ApiError(codeFromBody(res.data) ?? codeForStatus(res.statusCode), res.statusCode);
  if (res.statusCode === 401) sendToSignIn();
  throw error;
}
