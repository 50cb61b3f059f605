import { Photo as KitPhoto } from '@/shared/ui/Photo';
import { photoSrc } from '../vocab';

/** A dish photo (an upload id or URL from the server), or 暂无图片. */
export function Photo({ url, className, alt }: { url: string | null; className: string; alt: string }) {
  return <KitPhoto src={photoSrc(url)} className={className} alt={`${alt}的照片`} />;
}
