import path from 'node:path';
import webpack from 'webpack';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { CollapseWxmlWhitespacePlugin } from './collapse-wxml-whitespace';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Taro build config. Each platform writes to its own folder (dist/weapp, dist/h5) so both builds
 * can exist side by side. The API base URL is baked in from TARO_APP_API_BASE: H5 is served by the
 * BFF itself, so '/api' (same origin) is the default there; mini-programs need an absolute URL.
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV ?? 'h5';
  const contractDir = path.resolve(__dirname, '..', 'contract');
  const apiBase = process.env.TARO_APP_API_BASE ?? (platform === 'h5' ? '/api' : 'http://127.0.0.1:3000/api');
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'shuzhi-houqin',
    date: '2026-11-21',
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {
      'process.env.TARO_APP_API_BASE': JSON.stringify(apiBase),
      // 浙政钉 organisation for gdt-jsapi getAuthCode when the launch URL carries no `corpId`.
      'process.env.TARO_APP_ZZD_CORP_ID': JSON.stringify(process.env.TARO_APP_ZZD_CORP_ID ?? ''),
      // WeChat subscribe-message template asked for on taps that lead to pushes (src/shared/push).
      'process.env.TARO_APP_WECHAT_SUBSCRIBE_TEMPLATE_ID': JSON.stringify(
        process.env.TARO_APP_WECHAT_SUBSCRIBE_TEMPLATE_ID ?? '',
      ),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@contract': path.resolve(__dirname, '..', 'contract'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    // Mini-programs: template depth unrolled in base.wxml (default 16); deeper nodes still render
    // through Taro's recursive `comp`. 10 covers our pages and saves ~18 KB of the main package.
    baseLevel: 10,
    // Chinese text as UTF-8 rather than \uXXXX escapes (3 bytes a character instead of 6); the
    // rest of each platform's default terser options stays as Taro sets it.
    terser: { enable: true, config: { output: { ascii_only: false } } },
    mini: {
      // contract/ lives outside src/: let Taro's Babel rule compile it too.
      compile: { include: [contractDir] },
      webpackChain(chain) {
        // License banners stay inside each file instead of extra .LICENSE.txt files in the package.
        // (webpack-chain's typings lack `minimizers`, the map of configured minimizers.)
        const minimizers = (chain.optimization as unknown as { minimizers: { has(name: string): boolean } }).minimizers;
        if (minimizers.has('terserPlugin')) {
          chain.optimization.minimizer('terserPlugin').tap((args) => [{ ...args[0], extractComments: false }]);
        }
        // JS and WXSS leave terser and csso minified; WXML leaves Taro indented (see the plugin).
        chain.plugin('collapse-wxml-whitespace').use(CollapseWxmlWhitespacePlugin);
        // axios's XHR and fetch adapters are dead code on mini-programs (~10 KB): the app uses its
        // Taro.request adapter there. Swap them for stubs that say "unsupported".
        chain.plugin('axios-browser-adapters').use(webpack.NormalModuleReplacementPlugin, [
          /axios[\\/]lib[\\/]adapters[\\/](xhr|fetch)\.js$/,
          (data: { createData?: { resource?: string } }) => {
            // Matched after resolution (axios imports them relatively): swap the resolved file.
            if (!data.createData) return;
            const resource = data.createData.resource ?? '';
            const which = /fetch\.js$/.test(resource) ? 'fetch' : 'xhr';
            data.createData.resource = path.resolve(__dirname, 'stubs', `axios-${which}-adapter.js`);
          },
        ]);
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      compile: { include: [contractDir] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        // Design px stay CSS px on H5 (375-wide design ≈ phone CSS width), so 18px in 关怀模式 is
        // 18px on screen; Taro's default rem scaling blew text up ~2× on desktop-sized windows.
        // postcss-pxtransform supports targetUnit 'px' on h5; Taro's typings only list rpx/vw/rem.
        pxtransform: { enable: true, config: { targetUnit: 'px' } as unknown as { targetUnit: 'rem' } },
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      webpackChain(chain) {
        // Taro H5 otherwise copies shared libraries into every page chunk (toolchain.md).
        chain.optimization.splitChunks({ chunks: 'all' });
      },
    },
  };
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
