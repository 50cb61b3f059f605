import type { Compiler } from 'webpack';

/**
 * Drops the whitespace-only text between WXML tags (the indentation of Taro's generated
 * templates, base.wxml above all), as WeChat's own WXML minifier does on upload, so the package
 * measured here is the one uploaded. Taro's `minifyXML` cannot be used instead: its html-minifier
 * drops `</input>` (an HTML void element), which WeChat's compiler rejects.
 */
export class CollapseWxmlWhitespacePlugin {
  apply(compiler: Compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('CollapseWxmlWhitespacePlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'CollapseWxmlWhitespacePlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (!name.endsWith('.wxml')) continue;
            const text = assets[name].source().toString();
            compilation.updateAsset(name, new sources.RawSource(text.replace(/>\s+</g, '><').trim()));
          }
        },
      );
    });
  }
}
