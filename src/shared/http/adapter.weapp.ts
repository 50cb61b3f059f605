import Taro from '@tarojs/taro';
import { taroAdapter } from './taro-adapter';

/** WeChat mini-program: axios runs over `Taro.request` (axios has no adapter of its own there). */
export const platformAdapter = taroAdapter(Taro.request);
