import { useRef, useState } from 'react';
import { Image, Input, Text, Textarea, View } from '@tarojs/components';
import { errorMessage } from '@/shared/http';
import { pickPhoto, uploadPhoto } from '@/features/canteen/upload';

export function valueOf(event: unknown): string {
  const e = event as { detail?: { value?: string }; target?: { value?: string } };
  return e.detail?.value ?? e.target?.value ?? '';
}

/** A free text with its limit and count under it. */
export function TextField(props: {
  value: string;
  label: string;
  placeholder: string;
  max: number;
  long?: boolean;
  onChange: (value: string) => void;
}) {
  const input = (e: unknown) => props.onChange(valueOf(e).slice(0, props.max));
  return (
    <>
      {props.long ? (
        <Textarea
          className="ui-input ui-textarea"
          value={props.value}
          maxlength={props.max}
          placeholder={props.placeholder}
          ariaLabel={props.label}
          onInput={input}
        />
      ) : (
        <Input
          className="ui-input"
          value={props.value}
          maxlength={props.max}
          placeholder={props.placeholder}
          ariaLabel={props.label}
          onInput={input}
        />
      )}
      {props.long ? (
        <Text className="rp-count">
          {props.value.length}/{props.max}
        </Text>
      ) : null}
    </>
  );
}

/**
 * Up to `max` photos picked on the device and uploaded when the form is sent (`upload()`); a photo
 * already uploaded is not sent twice when the person tries again.
 */
export function usePhotos(max: number) {
  const [paths, setPaths] = useState<string[]>([]);
  const uploaded = useRef(new Map<string, string>());
  return {
    paths,
    async add(onError: (message: string) => void) {
      try {
        const photo = await pickPhoto();
        if (photo) setPaths((list) => [...list, photo.path].slice(0, max));
      } catch (e) {
        onError(errorMessage(e));
      }
    },
    remove: (path: string) => setPaths((list) => list.filter((p) => p !== path)),
    /** Uploads what is not yet uploaded; answers the ids in order. Rethrows with the photo's number. */
    async upload(onProgress: (text: string) => void): Promise<string[]> {
      const ids: string[] = [];
      for (const [i, path] of paths.entries()) {
        onProgress(`正在上传照片 ${i + 1}/${paths.length}…`);
        try {
          const id = uploaded.current.get(path) ?? (await uploadPhoto(path)).id;
          uploaded.current.set(path, id);
          ids.push(id);
        } catch (e) {
          throw new Error(`第 ${i + 1} 张照片上传失败：${errorMessage(e)}`);
        }
      }
      return ids;
    },
  };
}

export function PhotoPicker({
  photos,
  max,
  onError,
}: {
  photos: ReturnType<typeof usePhotos>;
  max: number;
  onError: (message: string) => void;
}) {
  return (
    <View className="rp-photos">
      {photos.paths.map((path, i) => (
        <View key={path} className="rp-photos__item">
          <Image className="rp-photos__img" src={path} mode="aspectFill" ariaLabel={`第 ${i + 1} 张照片`} />
          <View
            className="rp-photos__remove"
            ariaRole="button"
            ariaLabel={`删除第 ${i + 1} 张照片`}
            onClick={() => photos.remove(path)}
          >
            ×
          </View>
        </View>
      ))}
      {photos.paths.length < max ? (
        <View
          className="rp-photos__add tap"
          ariaRole="button"
          ariaLabel="添加照片"
          onClick={() => void photos.add(onError)}
        >
          +
        </View>
      ) : null}
    </View>
  );
}
