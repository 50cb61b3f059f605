/** Error codes of image uploads. Messages are Chinese and say what to do. */
export const UPLOADS_ERRORS = {
  UPLOAD_TYPE_NOT_ALLOWED: '只能上传 JPG、PNG 或 WebP 格式的图片，请换一张',
  UPLOAD_TOO_LARGE: '图片不能超过 5 MB，请压缩后重新上传',
  UPLOAD_EMPTY: '没有收到图片内容，请重新选择图片上传',
  UPLOAD_NOT_FOUND: '图片不存在，请重新上传',
  UPLOAD_INCOMPLETE: '图片没有完整上传（连接中断），请重新上传',
  UPLOAD_IMAGE_INVALID: '图片文件已损坏或不是它声称的格式，请换一张',
  UPLOAD_IMAGE_DIMENSIONS: '图片尺寸过大（长宽都不能超过 8000 像素），请缩小后重新上传',
} as const;
