import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { errorMessage } from '@/shared/http';
import { useRequireSession } from '@/features/session';
import { LoadError, Loading } from '@/shared/ui/StatusView';
import { Switch } from '@/shared/ui/Switch';
import { pickPhoto, uploadPhoto } from '@/features/canteen/upload';
import { askPushConsent } from '@/shared/push/consent';
import { MAILBOX_PAGES } from '../routes';
import { selectCategories, selectLoadCategories, selectWrite, useMailbox } from '../store';
import { LETTER_PHOTOS_MAX } from '../vocab';
import { BodyField } from './BodyField';
import './mailbox.css';

/** Where a send is: uploading photo n of m, then the letter itself. */
interface Progress {
  done: number;
  total: number;
  text: string;
}

/** 写信: category, body (≤ 2000 characters), 匿名, up to 9 photos; uploads them, then sends. */
export function WriteScreen() {
  const me = useRequireSession();
  const categories = useMailbox(selectCategories);
  const loadCategories = useMailbox(selectLoadCategories);
  const write = useMailbox(selectWrite);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [body, setBody] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  /** Local paths of the picked photos, uploaded when the letter is sent. */
  const [photos, setPhotos] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  /** Photos already uploaded (local path → upload id), so a second try does not send them again. */
  const uploaded = useRef(new Map<string, string>());

  const edit = (text: string) => {
    setBody(text);
    setError(null);
  };

  const load = () => {
    setLoadError(null);
    loadCategories().catch((e: unknown) => setLoadError(errorMessage(e)));
  };
  useDidShow(load);

  if (!me) return <Loading />;
  if (loadError) return <LoadError message={loadError} onRetry={load} />;
  if (categories.length === 0) return <Loading />;

  const addPhoto = async () => {
    setError(null);
    try {
      const photo = await pickPhoto();
      if (photo) setPhotos((list) => [...list, photo.path].slice(0, LETTER_PHOTOS_MAX));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const send = async () => {
    if (progress) return;
    if (!category) return setError('请选择信件类别');
    if (!body.trim()) return setError('请填写信件内容');
    setError(null);
    // In the tap, before any await: WeChat asks consent for the push of the reply.
    void askPushConsent();
    const total = photos.length + 1;
    const photoIds: string[] = [];
    for (const [i, path] of photos.entries()) {
      setProgress({ done: i, total, text: `正在上传图片 ${i + 1}/${photos.length}…` });
      try {
        const id = uploaded.current.get(path) ?? (await uploadPhoto(path)).id;
        uploaded.current.set(path, id);
        photoIds.push(id);
      } catch (e) {
        setError(`第 ${i + 1} 张图片上传失败：${errorMessage(e)}`);
        return setProgress(null);
      }
    }
    setProgress({ done: photos.length, total, text: '正在发送…' });
    try {
      const letter = await write({ category, body: body.trim(), anonymous, photoIds });
      void Taro.showToast({ title: '已发送', icon: 'success' });
      void Taro.redirectTo({ url: `${MAILBOX_PAGES.letter}?id=${encodeURIComponent(letter.id)}` });
    } catch (e) {
      setError(errorMessage(e));
      setProgress(null);
    }
  };

  return (
    <View className="mb">
      <View className="mb-panel">
        <Text className="mb-label">信件类别</Text>
        <View className="mb-chips" ariaRole="radiogroup" ariaLabel="信件类别">
          {categories.map((c) => (
            <View
              key={c.id}
              className={`mb-chip tap${c.id === category ? ' mb-chip--on' : ''}`}
              ariaRole="radio"
              aria-checked={c.id === category}
              onClick={() => {
                setCategory(c.id);
                setError(null);
              }}
            >
              {c.name}
            </View>
          ))}
        </View>
        {category ? (
          <Text className="text-muted">由{categories.find((c) => c.id === category)?.ownerName}负责回复</Text>
        ) : null}
      </View>

      <View className="mb-panel">
        <Text className="mb-label">内容</Text>
        <BodyField value={body} label="信件内容" placeholder="请写下您的建议或遇到的问题，越具体越好" onChange={edit} />
      </View>

      <View className="mb-panel mb-row">
        <View className="mb-row__text">
          <Text className="mb-label">匿名</Text>
          <Text className="text-muted">处理人员看不到是谁写的，回复仍会送达您本人</Text>
        </View>
        <Switch checked={anonymous} label="匿名" onChange={setAnonymous} />
      </View>

      <View className="mb-panel">
        <Text className="mb-label">
          图片（选填，{photos.length}/{LETTER_PHOTOS_MAX}）
        </Text>
        <View className="mb-photos">
          {photos.map((path, i) => (
            <View key={path} className="mb-photos__item">
              <Image className="mb-photos__img" src={path} mode="aspectFill" ariaLabel={`第 ${i + 1} 张图片`} />
              <View
                className="mb-photos__remove"
                ariaRole="button"
                ariaLabel={`删除第 ${i + 1} 张图片`}
                onClick={() => setPhotos((list) => list.filter((p) => p !== path))}
              >
                ×
              </View>
            </View>
          ))}
          {photos.length < LETTER_PHOTOS_MAX ? (
            <View className="mb-photos__add tap" ariaRole="button" ariaLabel="添加图片" onClick={() => void addPhoto()}>
              +
            </View>
          ) : null}
        </View>
        <Text className="text-muted">JPG、PNG 或 WebP，每张不超过 5 MB</Text>
      </View>

      {error ? <Text className="mb-error">{error}</Text> : null}
      {progress ? (
        <View className="mb-progress" ariaRole="progressbar" ariaLabel={progress.text}>
          <View
            className="mb-progress__bar"
            style={{ width: `${Math.round((progress.done / progress.total) * 100)}%` }}
          />
          <Text className="mb-progress__text">{progress.text}</Text>
        </View>
      ) : null}
      <View
        className={`button button--primary tap mb-submit${progress ? ' mb-submit--busy' : ''}`}
        ariaRole="button"
        aria-disabled={progress !== null}
        onClick={() => void send()}
      >
        {progress ? '发送中…' : '发送'}
      </View>
    </View>
  );
}
