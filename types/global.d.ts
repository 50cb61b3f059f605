/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.jpg';
declare module '*.svg';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time: which platform this bundle is for. */
    TARO_ENV?: 'weapp' | 'h5' | 'dd' | 'alipay' | 'swan' | 'tt' | 'qq' | 'jd';
    /** API base URL baked into the build (see config/index.ts). */
    TARO_APP_API_BASE?: string;
  }
}
